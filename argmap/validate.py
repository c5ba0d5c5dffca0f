"""Check a map in its JSON form and list every problem, in words a person can act on.

>>> validate({"schema": "argmap/1"})[0]
'missing field "title"'
>>> check_json('{"schema": "argmap/1"')[0].startswith("not JSON: ")
True
>>> check_json("[]")
['not an argmap map: the top level must be a JSON object']
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["validate", "check_json"]

_TOP = ("title", "source", "text", "components", "relations", "findings")
_KINDS = {"thesis", "claim", "evidence", "counterclaim", "rebuttal", "context"}
_RELATION_KINDS = {"supports", "attacks", "causes"}
_SEVERITIES = {"info", "warning", "error"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_json(text: str) -> list[str]:
    """Return the problems of a JSON map given as text: a syntax error, or `validate`'s list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
    if not isinstance(data, dict):
        return ["not an argmap map: the top level must be a JSON object"]
    return validate(data)


def validate(data: dict[str, Any]) -> list[str]:
    """Return the problems of a JSON map (empty when it is valid)."""
    problems: list[str] = []
    if data.get("schema") != "argmap/1":
        problems.append(f'schema is {data.get("schema")!r}, expected "argmap/1"')
    for key in _TOP:
        if key not in data:
            problems.append(f'missing field "{key}"')
    if problems:
        return problems
    text = data["text"]
    if not isinstance(text, str):
        return ['"text" must be a string']
    bad = _SURROGATE.search(text)
    if bad:
        problems.append(
            f'"text" has an unpaired surrogate \\u{ord(bad.group()):04x} at offset {bad.start()} '
            "(not a character; it cannot be written as UTF-8)"
        )
    if not isinstance(data["title"], str):
        problems.append('"title" must be a string')
    elif _SURROGATE.search(data["title"]):
        problems.append('"title" has an unpaired surrogate (not a character)')
    src = data["source"]
    if not isinstance(src, dict) or not all(
        isinstance(src.get(k), str) for k in ("path", "sha256", "format")
    ):
        problems.append('"source" must have string fields "path", "sha256" and "format"')
    ids: set[str] = set()
    for i, c in enumerate(_list(data, "components", problems)):
        problems.extend(_component_problems(i, c, text, ids))
    for i, r in enumerate(_list(data, "relations", problems)):
        problems.extend(_relation_problems(i, r, ids))
    for i, f in enumerate(_list(data, "findings", problems)):
        problems.extend(_finding_problems(i, f, ids))
    return problems


def _one_of(value: Any, options: set[str]) -> bool:
    """True when `value` is one of the strings in `options` (a list or object never is)."""
    return isinstance(value, str) and value in options


def _list(data: dict[str, Any], key: str, problems: list[str]) -> list[Any]:
    value = data[key]
    if not isinstance(value, list):
        problems.append(f'"{key}" must be a list')
        return []
    return value


def _component_problems(i: int, c: Any, text: str, ids: set[str]) -> list[str]:
    where = f"component {i + 1}"
    if not isinstance(c, dict):
        return [f"{where} must be an object"]
    out: list[str] = []
    cid = c.get("id")
    if not isinstance(cid, str) or not cid:
        out.append(f'{where} has no "id"')
    else:
        where = f'component "{cid}"'
        if cid in ids:
            out.append(f"{where}: id used twice")
        ids.add(cid)
    roles = ", ".join(sorted(_KINDS))
    if "kind" not in c:
        out.append(f'{where}: missing "kind" (the role: one of {roles})')
    elif not _one_of(c["kind"], _KINDS):
        out.append(f"{where}: unknown role {c['kind']!r} (use one of {roles})")
    start, end, ctext = c.get("start"), c.get("end"), c.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(ctext, str)):
        out.append(f'{where}: "start", "end" must be integers and "text" a string')
    elif not 0 <= start <= end <= len(text):
        out.append(f"{where}: offsets {start}..{end} are outside the text (length {len(text)})")
    elif text[start:end] != ctext:
        found = text.find(ctext) if ctext else -1
        hint = (
            f"; its text is at {found}..{found + len(ctext)}"
            if found >= 0
            else "; its text is nowhere in the essay"
        )
        out.append(
            f"{where}: offsets {start}..{end} do not match its text "
            f"(essay has {text[start:end][:40]!r}, component has {ctext[:40]!r}{hint})"
        )
    if not isinstance(c.get("paragraph"), int):
        out.append(f'{where}: "paragraph" must be an integer')
    conf = c.get("confidence")
    if not isinstance(conf, int | float) or not 0 <= conf <= 1:
        out.append(f'{where}: "confidence" must be a number from 0 to 1')
    et = c.get("evidence_type")
    if et is not None and not isinstance(et, str):
        out.append(f'{where}: "evidence_type" must be a string or null')
    concepts = c.get("concepts", [])
    if not isinstance(concepts, list) or not all(isinstance(k, str) for k in concepts):
        out.append(f'{where}: "concepts" must be a list of strings')
    out.extend(_provenance_problems(where, c.get("provenance")))
    why = c.get("why", [])
    if not isinstance(why, list) or not all(isinstance(w, str) for w in why):
        out.append(f'{where}: "why" must be a list of strings')
    return out


def _provenance_problems(where: str, p: Any) -> list[str]:
    """Problems of a component's optional "provenance" (null in maps made by hand)."""
    if p is None:
        return []
    if not isinstance(p, dict):
        return [f'{where}: "provenance" must be an object or null']
    out = []
    ints = [p.get(k) for k in ("input_start", "input_end", "sentence")]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in ints):
        out.append(
            f'{where}: "provenance" needs "input_start", "input_end" and "sentence" '
            "(whole numbers from 0)"
        )
    elif p["input_start"] > p["input_end"]:
        out.append(
            f'{where}: "provenance" offsets {p["input_start"]}..{p["input_end"]} run backwards'
        )
    cue = p.get("cue")
    if cue is not None and not isinstance(cue, str):
        out.append(f'{where}: "provenance" "cue" must be a string or null')
    return out


def _relation_problems(i: int, r: Any, ids: set[str]) -> list[str]:
    where = f"relation {i + 1}"
    if not isinstance(r, dict):
        return [f"{where} must be an object"]
    where = f"relation {i + 1} ({r.get('source')!r} -> {r.get('target')!r})"
    out: list[str] = []
    for end in ("source", "target"):
        if end not in r:
            out.append(f'{where}: missing "{end}"')
        elif not _one_of(r[end], ids):
            out.append(f"{where}: {end} {r[end]!r} is not a component id (dangling link)")
    if not _one_of(r.get("kind"), _RELATION_KINDS):
        out.append(f"{where}: unknown kind {r.get('kind')!r} (use supports, attacks or causes)")
    if not isinstance(r.get("signal"), str):
        out.append(f'{where}: "signal" must be a string')
    conf = r.get("confidence")
    if not isinstance(conf, int | float) or not 0 <= conf <= 1:
        out.append(f'{where}: "confidence" must be a number from 0 to 1')
    return out


def _finding_problems(i: int, f: Any, ids: set[str]) -> list[str]:
    where = f"finding {i + 1}"
    if not isinstance(f, dict):
        return [f"{where} must be an object"]
    out: list[str] = []
    if not isinstance(f.get("code"), str):
        out.append(f'{where}: "code" must be a string')
    if not _one_of(f.get("severity"), _SEVERITIES):
        out.append(f"{where}: unknown severity {f.get('severity')!r}")
    if not isinstance(f.get("message"), str):
        out.append(f'{where}: "message" must be a string')
    comp = f.get("component")
    if comp is not None and not _one_of(comp, ids):
        out.append(f"{where}: component {comp!r} is not a component id (dangling link)")
    return out
