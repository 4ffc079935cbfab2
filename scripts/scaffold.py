"""Commented templates for a new instrument, article or update-log entry; all validate as printed.

>>> print(instrument_template("example-law"))
"""

from __future__ import annotations

import datetime as dt

ARTICLE = """\
  - number: "1"                     # Arabic digits, quoted; "293-1" for 第二百九十三条之一
    chapter: 第一章 总则            # where it sits; use " › " between levels
    title: 用自己的话写的条文标题     # laws have no article titles: write one a reader can scan
    summary: >-
      用自己的话概括条文内容：中立、准确，不照抄原文（不得与原文有连续20个字相同）。
    # for_borrowers: >-            # what it means for a borrower and what they can do
    # for_staff: >-                # what collection staff must or must not do
    topics: [collection-conduct]    # ids from regulations/topics.yaml
    # replaces: ["old-id#12"]      # the article of a superseded version this one succeeds
    # change_note: 与旧条文相比的变化
    # related: ["civil-code#1033"]
    # unreviewed: 哪一点未能核实、为什么
"""


def instrument_template(instrument_id: str, today: dt.date) -> str:
    return f"""\
# yaml-language-server: $schema=schema/instrument.schema.json
# One file per instrument version; the file name must be {instrument_id}.yaml.
id: {instrument_id}
title: 中华人民共和国某某法          # official full title
short_title: 某某法                 # the name readers use
# title_en: Example Law of the People's Republic of China
# version: 2025年修订              # needed when several versions exist
kind: law                          # law | judicial-interpretation | administrative-regulation | departmental-rule | normative-document | national-standard | self-regulatory | local-regulation
issuer: 全国人民代表大会常务委员会
adopted: {today.isoformat()}
effective: {today.isoformat()}
# until: 2030-01-01               # only for a version that stopped applying
# until_reason: superseded        #   repealed | superseded
# supersedes: [old-version-id]    # the successor names its predecessor; never the other way
# total_articles: 50              # articles in the official text, for coverage
source:
  url: https://flk.npc.gov.cn/     # the official full text
  retrieved: {today.isoformat()}
  publisher: 国家法律法规数据库
why_it_matters: >-
  用一两段自己的话说明：这部文件与催收有什么关系。
# unreviewed: 哪些事实未能核实、为什么
reviewed:
  on: {today.isoformat()}
  against: 写明核对所依据的官方文本
articles:
{ARTICLE}"""


def article_template() -> str:
    return ARTICLE


def change_template(today: dt.date) -> str:
    """One more entry for regulations/changelog.yaml (paste it at the top of `changes:`)."""
    return f"""\
  - date: {today.isoformat()}              # kind: law → the instrument's adopted, effective or until
    kind: entry                     # law (the law changed) | entry (this site's entry changed)
    instruments: [example-law]      # ids of files in regulations/, the main one first
    change: >-
      变化了什么：一两句话，例如“2025年修订文本施行，取代2019年修正文本”或“更正第12条概要中的期限”。
    reason: >-
      为什么：立法机关和日期，或核对时发现了什么、依据哪份官方文本。
"""
