"""Argdown (argdown.org): the thesis with what supports (`<+`) or attacks (`<-`) it below, each
component a statement tagged with its role and its findings.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, 'Tea is "good".', 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", 'Tea is "good".', (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> print(to_argdown(m).splitlines()[-1])
[Thesis c1]: Tea is "good". #thesis
"""

from __future__ import annotations

import re

from argmap.model import SCHEMA, ArgumentMap, RelationKind
from argmap.writers._shared import codes_by_component, one_line, outline

__all__ = ["to_argdown"]

# Characters with a meaning inside an Argdown statement (escapes, mentions, tags, bold/italic,
# statement and argument titles, data, comments); written with a backslash before them.
_ARGDOWN_SPECIAL = set("\\@#*_[]<>{}/")


def _argdown_text(text: str) -> str:
    """`text` on one line with Argdown syntax escaped (`.x.` and `:x:` would be special chars)."""
    flat = one_line(text)
    out = []
    for i, ch in enumerate(flat):
        following = flat[i + 1 : i + 2]
        if ch in _ARGDOWN_SPECIAL or (ch in ".:" and following and not following.isspace()):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _argdown_tag(name: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9-]+", name):
        return f"#{name}"
    inner = one_line(name).replace(")", "")
    return f"#({inner})" if inner else ""


def _argdown_titles(m: ArgumentMap) -> dict[str, str]:
    """A unique statement title per component: its role and id, without Argdown brackets."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for i, c in enumerate(m.components, 1):
        cid = one_line(re.sub(r"[\[\]\\]", "", c.id)) or str(i)
        title = base = f"{c.kind.value.capitalize()} {cid}"
        n = i
        while title in used:  # ids that differ only in brackets, or in white space
            title = f"{base} ({n})"
            n += 1
        used.add(title)
        titles[c.id] = title
    return titles


def to_argdown(m: ArgumentMap) -> str:
    """Argdown (argdown.org): the thesis with what supports (`<+`) or attacks (`<-`) it below.

    Each component is a statement `[Role id]: text #role #finding-code ...`, defined once and
    referred to by title after; Argdown has no causal relation, so causes are listed as support
    under a "Causes" heading. Map-level findings are comments.
    """
    titles = _argdown_titles(m)
    flagged = codes_by_component(m)
    out = [f"// Argument map of {one_line(m.source.path)}, written by argmap ({SCHEMA})"]
    for f in m.findings:
        if f.component is None:
            out.append(f"// {f.severity.value} {one_line(f.code)}: {one_line(f.message)}")
    out += ["", f"# {_argdown_text(m.title) or 'Argument'}", ""]
    rel = {RelationKind.SUPPORTS: "<+ ", RelationKind.ATTACKS: "<- "}
    for row in outline(m):
        c = row.component
        if row.depth == 0 and row.first and len(out) > 4 and out[-1] != "":
            out.append("")
        line = "  " * row.depth + (rel[row.relation.kind] if row.relation else "")
        line += f"[{titles[c.id]}]"
        if row.first:
            tags = [_argdown_tag(c.kind.value)]
            if c.evidence_type:
                tags.append(_argdown_tag(c.evidence_type))
            tags += [_argdown_tag(code) for code in flagged.get(c.id, [])]
            line += f": {_argdown_text(c.text)} {' '.join(t for t in tags if t)}"
        out.append(line)
    causes = [r for r in m.relations if r.kind is RelationKind.CAUSES]
    if causes:
        out += ["", "## Causes", ""]
        by_effect: dict[str, list[str]] = {}
        for r in causes:
            by_effect.setdefault(r.target, []).append(r.source)
        for effect, sources in by_effect.items():
            out.append(f"[{titles[effect]}]")
            out += [f"  <+ [{titles[s]}]" for s in sources]
            out.append("")
        out.pop()
    return "\n".join(out) + "\n"
