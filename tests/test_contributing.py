"""CONTRIBUTING.md stays true: its error-code table, its templates, its commands."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import REPO
from scripts import scaffold
from scripts.cli import main
from scripts.problems import CODES, codes_table

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
TEMPLATE_DAY = dt.date(2026, 11, 28)


def yaml_blocks() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", GUIDE, flags=re.DOTALL | re.MULTILINE)


def test_error_code_table_matches_codes_exactly():
    """The table between the codes markers is exactly what `python -m scripts codes` prints."""
    table = (
        GUIDE.split("<!-- codes:start", 1)[1].split("-->\n", 1)[1].split("<!-- codes:end -->", 1)[0]
    )
    assert codes_table() == table
    assert [f"| {code} | {meaning} |" for code, meaning in CODES.items()] == table.splitlines()[2:]


def test_codes_command_prints_the_table(capsys):
    """`python -m scripts codes` is how the table is regenerated."""
    assert 0 == main(["codes"])
    assert codes_table() == capsys.readouterr().out


@pytest.mark.parametrize(
    "template",
    [
        scaffold.instrument_template("example-law", TEMPLATE_DAY),
        scaffold.article_template(),
        scaffold.change_template(TEMPLATE_DAY),
    ],
    ids=["instrument", "article", "change"],
)
def test_templates_in_the_guide_are_what_the_new_command_prints(template):
    """Each commented template shown is exactly the scaffold's output (dated 2026-11-28)."""
    assert template in yaml_blocks()


def test_make_targets_named_in_the_guide_exist():
    """Every `make X` the guide tells people to run is a target in the Makefile."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"`make ([a-z-]+)`|^make ([a-z-]+)", GUIDE, flags=re.MULTILINE))
    named = {a or b for a, b in named}
    assert named and named <= targets, named - targets


def test_cli_commands_named_in_the_guide_exist(capsys):
    """Every `python -m scripts X` in the guide is a command the CLI accepts."""
    commands = set(re.findall(r"python -m scripts ([a-z]+)", GUIDE))
    assert {"validate", "new", "codes"} <= commands
    for command in commands:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert 0 == exit_.value.code
    capsys.readouterr()
