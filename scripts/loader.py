"""Read one YAML file safely and remember the line of every value.

    >>> doc = load_yaml(Path("regulations/civil-code.yaml"), "regulations/civil-code.yaml")
    >>> doc.data["id"], doc.line_of(("articles", 0, "number"))

Hostile input is refused before PyYAML builds anything: the raw event stream is scanned first for
tags, anchors, aliases and depth, so an alias bomb is rejected without being expanded and a
``!!python/object`` tag never reaches a constructor. Timestamps stay strings; the schema checks
them, so an impossible date becomes a located error rather than a ValueError.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.problems import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 16

Path_ = tuple[str | int, ...]

# A folded scalar (>-) joins its lines with spaces, which Chinese text must not have.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
_CJK = "\u3400-\u9fff" + _CJK_PUNCT
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_PUNCT_CHAR = re.compile(f"[{_CJK_PUNCT}]")

# Bidirectional controls reorder what a reader sees ("Trojan Source"); no legal text needs them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

# libyaml parses about 15× faster than the pure-Python reader (1.13 s → 0.07 s on the real data);
# the pure-Python one is kept for the files libyaml rejects, to word the problem the same way.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_SCALARS = yaml.constructor.SafeConstructor()
_CONVERT = {
    "tag:yaml.org,2002:null": _SCALARS.construct_yaml_null,
    "tag:yaml.org,2002:bool": _SCALARS.construct_yaml_bool,
    "tag:yaml.org,2002:int": _SCALARS.construct_yaml_int,
    "tag:yaml.org,2002:float": _SCALARS.construct_yaml_float,
}


@dataclass
class Document:
    """A loaded file: plain data plus the 1-based line of each value, keyed by its path."""

    path: Path
    display: str
    data: Any = None
    text: str = ""
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line_of(self, path: Path_) -> int:
        """Line of the value at `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_text(
    path: Path, display: str, *, bom: bool = False, unit: str = "instrument"
) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file, or None and the one problem that stops it being read.

    `bom=True` accepts (and drops) a byte-order mark, as MkDocs does for Markdown pages; `unit`
    names what to split when the file is too large."""

    def fail(line: int, code: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, code, "", message)]

    try:
        raw = path.read_bytes()
    except OSError as err:
        return fail(1, "E001", f"cannot read file ({err.strerror})")
    if len(raw) > MAX_BYTES:
        return fail(
            1, "E008", f"{len(raw):,} bytes (at most {MAX_BYTES:,}; split the {unit} or trim text)"
        )
    if raw.startswith(codecs.BOM_UTF8):
        if not bom:
            return fail(1, "E001", "starts with a byte-order mark (save as UTF-8 without BOM)")
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return fail(line, "E001", f"byte 0x{raw[err.start]:02x} is not UTF-8 (save as UTF-8)")
    if bidi := _BIDI.search(text):
        line = text[: bidi.start()].count("\n") + 1
        return fail(
            line,
            "E001",
            f"bidirectional control character U+{ord(bidi.group()):04X} can disguise the text "
            "(delete it)",
        )
    return text, []


def load_yaml(path: Path, display: str) -> Document:
    doc = Document(path=path, display=display)

    def fail(line: int, code: str, message: str) -> Document:
        doc.problems.append(Problem(display, line, code, "", message))
        return doc

    text, problems = read_text(path, display)
    if text is None:
        doc.problems.extend(problems)
        return doc
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return fail(1, "E003", "no content (expected a YAML mapping)")
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        return fail(line, "E007", "tab character (indent with spaces; no tabs in text)")

    try:
        node = _compose(text)
        if node is None:
            refusal = _scan_events(text, yaml.SafeLoader)
            if refusal:
                return fail(*refusal)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        return fail(
            line,
            "E001",
            f"control character U+{err.character:04X} is not allowed in YAML (delete it)",
        )
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "invalid YAML"
        hint = "check indentation, colons and quotes"
        problem = err.problem or ""
        if err.context_mark and ("end of stream" in problem or "<stream end>" in problem):
            # A quote or bracket left open: the end of the file says nothing, its start does.
            opened = (err.context or "").removeprefix("while scanning ")
            opened = opened.removeprefix("while parsing ")
            mark, what = err.context_mark, f"{opened or 'a value'} opened here is never closed"
        elif problem.startswith("but found another document"):
            what, hint = "a second document starts here", "one entry per file; remove this '---'"
        line = mark.line + 1 if mark else 1
        return fail(line, "E002", f"{what} ({hint})")
    except yaml.YAMLError as err:
        return fail(1, "E002", f"{err} (check indentation, colons and quotes)")

    doc.text = text
    doc.data = _convert(node, (), doc)
    return doc


def _compose(text: str) -> yaml.Node | None:
    """The node tree from libyaml when the file is well-formed and asks for nothing refused;
    None when it is not (or libyaml is missing), so the pure-Python parser reads it again and
    words the problem (its messages and marks are the ones the error fixtures pin down)."""
    if _FAST_LOADER is None:
        return None
    try:
        if _scan_events(text, _FAST_LOADER):
            return None
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return None


def _scan_events(text: str, loader: type) -> tuple[int, str, str] | None:
    """The first refused construct (anchor, alias, tag, excessive depth) as (line, code,
    message), read from the event stream so that nothing is ever expanded or constructed."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return line, "E006", "anchor or alias (write each value out in full)"
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            return line, "E005", f"tag {shown} (remove it; plain values only)"
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return line, "E009", f"more than {MAX_DEPTH} levels (flatten the structure)"
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _convert(node: yaml.Node, path: Path_, doc: Document) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                message = f"a key is {kind} (keys are plain words)"
                doc.problems.append(Problem(doc.display, line, "E103", "", message))
                continue
            key = str(key_node.value)
            if key in result:
                doc.problems.append(
                    Problem(
                        doc.display,
                        line,
                        "E004",
                        key,
                        f"key appears twice (first at line {first_line[key]}; keep one)",
                    )
                )
                continue
            first_line[key] = line
            result[key] = _convert(value_node, (*path, key), doc)
            doc.lines[(*path, key)] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc) for i, item in enumerate(node.value)]
    convert = _CONVERT.get(node.tag)
    if convert:
        return convert(node)
    return _unfold(node, doc.text)


def _joins_without_space(left: str, right: str) -> bool:
    if _CJK_PUNCT_CHAR.match(left) or _CJK_PUNCT_CHAR.match(right):
        return True
    return bool(_CJK_CHAR.match(left) and _CJK_CHAR.match(right))


def _unfold(node: yaml.ScalarNode, text: str) -> str:
    """Fold a multi-line scalar again from its source lines, joining Chinese lines without the
    space YAML puts at every line break. Spaces the author typed inside a line are kept."""
    if node.style == "|" or node.start_mark.line == node.end_mark.line:
        return node.value
    segment = text[node.start_mark.index : node.end_mark.index]
    if node.style in ('"', "'"):
        if "\\" in segment or "''" in segment:
            return node.value  # escapes: keep YAML's own reading
        segment = segment[1:-1]
    lines = segment.split("\n")
    if node.style == ">":
        lines = lines[1:]  # the line holding the > indicator
    out = ""
    for line in (raw.strip() for raw in lines):
        if not line:
            out += "\n" if out and not out.endswith("\n\n") else ""
            continue
        if out and not out.endswith("\n"):
            out += "" if _joins_without_space(out[-1], line[0]) else " "
        out += line
    return out.strip("\n")
