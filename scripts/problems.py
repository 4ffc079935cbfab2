"""Problems are values: every check returns them, only the CLI and the hook turn them into text.

>>> str(Problem("regulations/civil-code.yaml", 88, "E105", "article 670", "duplicate number"))
'regulations/civil-code.yaml:88: E105 article 670: duplicate number'
"""

from __future__ import annotations

from dataclasses import dataclass

# Codes never change meaning. Each has a fixture under tests/fixtures/invalid/ named after it.
CODES: dict[str, str] = {
    "E001": "file is not readable UTF-8 text",
    "E002": "YAML syntax error",
    "E003": "file is empty",
    "E004": "duplicate key",
    "E005": "YAML tag not allowed",
    "E006": "YAML anchors and aliases not allowed",
    "E007": "tab character in file",
    "E008": "file too large",
    "E009": "nesting too deep",
    "E101": "missing required field",
    "E102": "unknown field",
    "E103": "wrong type or value",
    "E104": "id does not match file name",
    "E105": "duplicate article number",
    "E106": "duplicate instrument id",
    "E107": "unknown topic",
    "E108": "unknown instrument in supersedes",
    "E109": "unknown article reference",
    "E110": "inconsistent dates",
    "E111": "historical version has no successor",
    "E112": "markup in text",
    "E113": "unsafe or invalid URL",
    "E114": "cycle in supersedes",
    "E115": "article of a historical version neither replaced nor marked without successor",
    "E116": "duplicate topic",
    "E117": "replaces an article of an instrument not superseded",
    "E118": "changelog entry names an unknown instrument",
    "E119": "legal change dated on a day the instrument's file does not name",
    "E120": "source not on an official publisher's site",
    "E201": "citation to an unknown instrument",
    "E202": "citation to an unknown article",
    "E203": "malformed citation",
    "E204": "guidance page without review date",
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    subject: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def __str__(self) -> str:
        subject = f"{self.subject}: " if self.subject else ""
        return f"{self.path}:{self.line}: {self.code} {subject}{self.message}"


def summarize(problems: list[Problem], files: int) -> str:
    """One closing line, e.g. ``validate: 2 errors, 0 warnings in 9 files``."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return (
        f"validate: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} in {files} file{'s' * (files != 1)}"
    )


def codes_table() -> str:
    """The Markdown table of every code, as CONTRIBUTING.md carries it (a test keeps them equal)."""
    rows = [f"| {code} | {meaning} |" for code, meaning in CODES.items()]
    return "\n".join(["| 代码 | 含义 |", "| --- | --- |", *rows]) + "\n"
