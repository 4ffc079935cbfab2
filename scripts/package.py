"""The offline package: a built site (OFFLINE=true) zipped into one folder that opens from disk.

    >>> zip_site(Path("site-offline"), Path("dist/x-offline.zip"), dt.date(2026, 11, 28))

The archive is reproducible: entries in sorted order, every timestamp the build date, fixed
permissions. Unzipped, it is one folder with index.html and a short note on how to open it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

README_NAME = "README.txt"
README = """\
催收合规与借款人权益 · 法规参考（离线版）

使用方法：把整个文件夹解压到电脑上，双击 index.html，用浏览器（Chrome、Edge、Firefox、360 等）打开。
不需要联网，不需要安装软件；导航和搜索都可以直接使用。

请保持文件夹结构不变：不要只复制 index.html 一个文件。
本站内容不构成法律意见，条文以官方发布的文本为准。
离线版生成日期：{date}
"""


def zip_site(site: Path, archive: Path, today: dt.date) -> Path:
    """Zip every file of `site` under a folder named after the archive; returns the archive."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}/index.html is missing: build the site first")
    folder = archive.name.removesuffix(".zip")
    stamp = (today.year, today.month, today.day, 0, 0, 0)
    archive.parent.mkdir(parents=True, exist_ok=True)

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    with zipfile.ZipFile(archive, "w") as zf:
        # UTF-8 with BOM so that Notepad on older Windows shows the Chinese correctly.
        zf.writestr(entry(README_NAME), README.format(date=today.isoformat()).encode("utf-8-sig"))
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            zf.writestr(entry(path.relative_to(site).as_posix()), path.read_bytes())
    return archive
