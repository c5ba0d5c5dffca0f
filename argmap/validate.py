"""Check a map in its JSON form and list every problem, in words a person can act on.

>>> validate({"schema": "argmap/1"})[0]
'missing field "title"'
>>> check_json('{"schema": "argmap/1"')[0].startswith("not JSON: ")
True
>>> check_json("[]")
['not an argmap map: the top level must be a JSON object']
>>> check_json("[" * 100_000)
['not JSON argmap can read: nested more than 100 levels deep']
"""

from __future__ import annotations

import json
import re
import reprlib
from pathlib import Path
from typing import Any

__all__ = [
    "validate",
    "check_json",
    "parse_json",
    "read_map_text",
    "too_large",
    "MAX_MAP_BYTES",
]

#: The largest JSON map argmap reads (bytes); a map of a long essay is well under 5 MB.
MAX_MAP_BYTES = 50 * 1024 * 1024
#: The deepest nesting a map may have (a map needs 4 levels), and the most digits a whole
#: number in it may have: deeper or longer is not a map, and would exhaust Python's stack or
#: its limit on converting numbers.
_MAX_DEPTH = 100
_MAX_DIGITS = 30
#: The largest whole number a paragraph or an offset may be: the largest a browser's
#: JavaScript reads exactly (the page carries the map).
_MAX_WHOLE = 2**53

_TOP = ("title", "source", "text", "components", "relations", "findings")
_KINDS = {"thesis", "claim", "evidence", "counterclaim", "rebuttal", "context"}
_RELATION_KINDS = {"supports", "attacks", "causes"}
_SEVERITIES = {"info", "warning", "error"}
#: Names of the things in a map's lists, for the problems' "component 3", "relation 1"...
_ITEMS = {"components": "component", "relations": "relation", "findings": "finding"}
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Control characters (C0, DEL and C1): an id may not hold one.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

_repr = reprlib.Repr()
_repr.maxlevel, _repr.maxstring, _repr.maxother, _repr.maxlist, _repr.maxdict = 2, 60, 60, 4, 4


def _show(value: Any) -> str:
    """`value` as Python writes it, shortened: a problem stays one readable line.

    >>> _show("opinion"), _show([[[[1]]]]), len(_show("x" * 1000))
    ("'opinion'", '[[[...]]]', 60)
    """
    return _repr.repr(value)


def _quote(text: str, limit: int = 60) -> str:
    r"""`text` in double quotes, shortened, with anything unprintable written as an escape.

    >>> print(_quote('x\x01"y\ud800'))
    "x\x01\"y\ud800"
    """
    short = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return '"' + "".join(_escape(ch) for ch in short) + '"'


def _escape(ch: str) -> str:
    if ch in '"\\':
        return "\\" + ch
    return ch if ch.isprintable() else repr(ch)[1:-1]


def read_map_text(path: Path) -> str | None:
    """The text of a JSON map file, a leading byte order mark dropped; None when the file is
    larger than `MAX_MAP_BYTES` (no more of it is read: `too_large` says why). Raises OSError
    and UnicodeDecodeError."""
    with path.open("rb") as fh:
        raw = fh.read(MAX_MAP_BYTES + 1)
    return None if len(raw) > MAX_MAP_BYTES else raw.decode("utf-8-sig")


def too_large() -> str:
    """Why `read_map_text` gave None."""
    return f"over {MAX_MAP_BYTES // 2**20} MB, more than any argmap map"


def parse_json(text: str) -> tuple[dict[str, Any] | None, list[str]]:
    """The JSON object of a map given as text (a leading byte order mark is ignored), or None
    and the one problem that stops it being read.

    >>> parse_json('\ufeff{"a": 1}')
    ({'a': 1}, [])
    >>> parse_json('{"n": ' + "9" * 5000 + "}")[1]
    ['not JSON argmap can read: a whole number of 5000 digits (at most 30)']
    """
    try:
        data = json.loads(text.removeprefix("\ufeff"), parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        return None, [f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
    except _TooLong as exc:
        return None, [
            f"not JSON argmap can read: a whole number of {exc} digits (at most {_MAX_DIGITS})"
        ]
    except RecursionError:
        return None, [f"not JSON argmap can read: nested more than {_MAX_DEPTH} levels deep"]
    if not isinstance(data, dict):
        return None, ["not an argmap map: the top level must be a JSON object"]
    if _deeper_than(data, _MAX_DEPTH):
        return None, [f"not JSON argmap can read: nested more than {_MAX_DEPTH} levels deep"]
    return data, []


class _TooLong(ValueError):
    """A whole number with more digits than a map can hold; the message is the count."""


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_DIGITS:
        raise _TooLong(str(len(digits.lstrip("-"))))
    return int(digits)


def _deeper_than(data: Any, limit: int) -> bool:
    """True when lists and objects nest more than `limit` levels in `data` (no recursion)."""
    todo = [(data, 1)]
    while todo:
        value, depth = todo.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            todo.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            todo.extend((v, depth + 1) for v in value)
    return False


def check_json(text: str) -> list[str]:
    """Return the problems of a JSON map given as text: a syntax error, or `validate`'s list."""
    data, problems = parse_json(text)
    return problems if data is None else validate(data)


def validate(data: dict[str, Any]) -> list[str]:
    """Return the problems of a JSON map (empty when it is valid)."""
    problems: list[str] = []
    if data.get("schema") != "argmap/1":
        problems.append(f'schema is {_show(data.get("schema"))}, expected "argmap/1"')
    for key in _TOP:
        if key not in data:
            problems.append(f'missing field "{key}"')
    if problems:
        return problems
    problems.extend(_surrogate_problems(data))
    text = data["text"]
    if not isinstance(text, str):
        return [*problems, '"text" must be a string']
    if not isinstance(data["title"], str):
        problems.append('"title" must be a string')
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


def _surrogate_problems(data: dict[str, Any]) -> list[str]:
    r"""One problem per string in the map (a value or a key, anywhere) that holds an unpaired
    surrogate: JSON's `\ud800` escape is no character, and no file can hold it as UTF-8.

    >>> data = {"title": "ok", "components": [{"id": "c1", "why": ["a", "b\ud800"]}]}
    >>> print(_surrogate_problems(data)[0][:61])
    component "c1": "why" item 2 has an unpaired surrogate \ud800
    """
    components = data.get("components")
    named = {
        i: f"component {_quote(c['id'])}"
        for i, c in enumerate(components if isinstance(components, list) else [])
        if isinstance(c, dict) and isinstance(c.get("id"), str) and not _SURROGATE.search(c["id"])
    }
    out = []
    todo: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while todo:  # depth first, in the order of the file
        path, value = todo.pop()
        if isinstance(value, dict):
            for key in value:
                if _SURROGATE.search(key):
                    place = f" in {_where(path, named)}" if path else ""
                    out.append(f"a key{place}, {_quote(key)}, has an unpaired surrogate")
            todo.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            todo.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str) and (bad := _SURROGATE.search(value)):
            out.append(
                f"{_where(path, named)} has an unpaired surrogate \\u{ord(bad.group()):04x} at "
                f"offset {bad.start()} (not a character; it cannot be written as UTF-8)"
            )
    return out


def _where(path: tuple[str | int, ...], named: dict[int, str] | None = None) -> str:
    """Where in the map a value is, in words; `named` gives components by their ids.

    >>> _where(("text",)), _where(("components", 2, "concepts", 0)), _where(("relations", 0))
    ('"text"', 'component 3: "concepts" item 1', 'relation 1')
    >>> _where(("components", 2, "why", 0), {2: 'component "c3"'})
    'component "c3": "why" item 1'
    """
    if len(path) >= 2 and isinstance(path[0], str) and path[0] in _ITEMS:
        if isinstance(path[1], int):
            head = f"{_ITEMS[path[0]]} {path[1] + 1}"
            if path[0] == "components":
                head = (named or {}).get(path[1], head)
            return f"{head}: {_steps(path[2:])}" if path[2:] else head
    return _steps(path)


def _steps(path: tuple[str | int, ...]) -> str:
    return " ".join(f"item {s + 1}" if isinstance(s, int) else _quote(s) for s in path)


def _one_of(value: Any, options: set[str]) -> bool:
    """True when `value` is one of the strings in `options` (a list or object never is)."""
    return isinstance(value, str) and value in options


def _whole(value: Any) -> bool:
    """True for a whole number from 0 to `_MAX_WHOLE` (true and false are not numbers)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_WHOLE


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
        where = f"component {_quote(cid)}"
        if cid in ids:
            out.append(f"{where}: id used twice")
        ids.add(cid)
        bad = _CONTROL.search(cid)
        if bad:
            out.append(
                f"{where}: the id holds a control character {_escape(bad.group())} "
                "(ids are what a reader and other programs see; use letters, digits and marks)"
            )
    roles = ", ".join(sorted(_KINDS))
    if "kind" not in c:
        out.append(f'{where}: missing "kind" (the role: one of {roles})')
    elif not _one_of(c["kind"], _KINDS):
        out.append(f"{where}: unknown role {_show(c['kind'])} (use one of {roles})")
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
    if not _whole(c.get("paragraph")):
        out.append(f'{where}: "paragraph" must be a whole number from 0 (the first paragraph)')
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
    if not all(_whole(p.get(k)) for k in ("input_start", "input_end", "sentence")):
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
    where = f"relation {i + 1} ({_show(r.get('source'))} -> {_show(r.get('target'))})"
    out: list[str] = []
    for end in ("source", "target"):
        if end not in r:
            out.append(f'{where}: missing "{end}"')
        elif not _one_of(r[end], ids):
            out.append(f"{where}: {end} {_show(r[end])} is not a component id (dangling link)")
    if not _one_of(r.get("kind"), _RELATION_KINDS):
        kind = _show(r.get("kind"))
        out.append(f"{where}: unknown kind {kind} (use supports, attacks or causes)")
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
        out.append(f"{where}: unknown severity {_show(f.get('severity'))}")
    if not isinstance(f.get("message"), str):
        out.append(f'{where}: "message" must be a string')
    comp = f.get("component")
    if comp is not None and not _one_of(comp, ids):
        out.append(f"{where}: component {_show(comp)} is not a component id (dangling link)")
    return out
