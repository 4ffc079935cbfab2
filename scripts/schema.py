"""Check a loaded document against the JSON Schema files in regulations/schema/.

The schema is the single definition of the format; this module only turns jsonschema's errors
into located, fixed-form problems:

    >>> check_document(doc, "instrument")
    [Problem('regulations/x.yaml', 12, 'E103', 'article 670', "'summary' should be text (found a number)")]
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from scripts.loader import Document
from scripts.problems import Problem

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "regulations" / "schema"

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "number": "a number",
    "null": "empty",
}

_PATTERN_HINTS = {
    "number": 'an article number like "670" or "293-1" (quoted)',
    "id": "a lower-case slug like civil-code (letters, digits, hyphens)",
    "url": "an http:// or https:// address without spaces or quotes",
    "replaces": "a reference like contract-law#200",
    "related": "a reference like civil-code#1033",
    "supersedes": "an instrument id like contract-law",
    "topics": "a topic id like interest-fees",
    "instruments": "an instrument id like civil-code",
}


@cache
def schema_for(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        inline_refs(schema_for(name)),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each local `#/$defs/…` reference replaced by its definition: jsonschema
    resolves a $ref on every use, which was over half the time of `validate`. Beside a $ref the
    schema files put only annotations (description), which are kept. A definition that refers
    to itself keeps its $ref (the $defs stay in place for it)."""
    defs = schema.get("$defs", {})

    def inline(node: Any, active: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, active) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        name = ref.removeprefix("#/$defs/")
        if ref.startswith("#/$defs/") and name in defs and name not in active:
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            return {**inline(defs[name], (*active, name)), **siblings}
        return {key: inline(value, active) for key, value in node.items()}

    return inline(schema, ())


def check_document(doc: Document, schema: str) -> list[Problem]:
    problems = []
    for error in _validator(schema).iter_errors(doc.data):
        problems.extend(_problems_from(error, doc))
    return sorted(set(problems))


def subject_of(data: Any, path: tuple) -> str:
    """Name what a path points into: ``article 670`` for anything inside an article."""
    if len(path) >= 2 and path[0] == "articles" and isinstance(path[1], int):
        try:
            number = data["articles"][path[1]].get("number")
        except (AttributeError, IndexError, KeyError, TypeError):
            number = None
        return f"article {number}" if isinstance(number, str) else f"articles[{path[1]}]"
    if len(path) >= 2 and path[0] == "changes" and isinstance(path[1], int):
        try:
            date = data["changes"][path[1]].get("date")
        except (AttributeError, IndexError, KeyError, TypeError):
            date = None
        return f"change {date}" if isinstance(date, str) else f"changes[{path[1]}]"
    if len(path) >= 2 and path[0] == "topics" and isinstance(path[1], int):
        try:
            return f"topic {data['topics'][path[1]]['id']}"
        except (KeyError, IndexError, TypeError):
            return f"topics[{path[1]}]"
    return ""


def _field_name(path: tuple) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "document"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else f"{value!r}"


def _problems_from(error: jsonschema.ValidationError, doc: Document) -> list[Problem]:
    path = tuple(error.absolute_path)
    subject = subject_of(doc.data, path)
    field = _field_name(path)
    line = doc.line_of(path)

    def problem(code: str, message: str, at: tuple = path) -> Problem:
        return Problem(doc.display, doc.line_of(at), code, subject, message)

    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return [problem("E101", f"missing required field '{name}'") for name in missing]
    if kind == "anyOf" and set(error.schema.get("anyOf", [{}])[0]) == {"required"}:
        return [
            problem(
                "E101",
                "missing required field 'effective' "
                "(or 'unreviewed' saying why the date is unknown)",
            )
        ]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        return [
            problem(
                "E102", f"unknown field '{k}' (expected one of: {', '.join(allowed)})", (*path, k)
            )
            for k in extra
        ]
    if kind == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        names = " or ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        return [problem("E103", f"'{field}' should be {names} (found {_describe(error.instance)})")]
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return [
            problem(
                "E103", f"'{field}' is {_describe(error.instance)} (expected one of: {options})"
            )
        ]
    if kind == "format":
        return [
            problem(
                "E103",
                f"'{field}' is {_describe(error.instance)}, not a real date (expected YYYY-MM-DD)",
            )
        ]
    if kind == "pattern":
        if field == "url":
            return [
                problem(
                    "E113",
                    f"source url {_describe(error.instance)} is not allowed (expected {_PATTERN_HINTS['url']})",
                )
            ]
        if field in ("effective", "adopted", "until", "retrieved", "on", "date"):
            return [
                problem(
                    "E103", f"'{field}' is {_describe(error.instance)} (expected a date YYYY-MM-DD)"
                )
            ]
        hint = _PATTERN_HINTS.get(field, f"text matching {error.validator_value}")
        return [problem("E103", f"'{field}' is {_describe(error.instance)} (expected {hint})")]
    if kind == "minLength":
        return [problem("E103", f"'{field}' is empty (write the text or remove the field)")]
    if kind == "uniqueItems":
        return [problem("E103", f"'{field}' lists the same value twice (keep one)")]
    if kind in ("minimum", "minItems"):
        return [problem("E103", f"'{field}' is too small ({error.message})")]
    return [Problem(doc.display, line, "E103", subject, f"'{field}': {error.message}")]
