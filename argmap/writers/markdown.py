"""A readable Markdown outline of the argument: thesis, what supports and attacks it, the causal
links, then the findings; paragraphs numbered from 1. `escape_markdown` is also what the essay
reports (`argmap report -f md`) escape essay text with.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, "Tea is <good>.", 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", "Tea is <good>.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> print(to_markdown(m).splitlines()[8])
- **Thesis** (c1, paragraph 1): Tea is \\<good\\>.
"""

from __future__ import annotations

from argmap.model import ArgumentMap, RelationKind
from argmap.writers._shared import codes_by_component, one_line, outline

__all__ = ["to_markdown", "escape_markdown"]

# The characters Markdown or HTML would act on; `&` only where entities must stay literal.
_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>#|~&"})
_MD_ESCAPES_BUT_AMPERSAND = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>#|~"})


def escape_markdown(text: str, ampersand: bool = True) -> str:
    r"""`text` on one line, with the characters Markdown or HTML would act on backslash-escaped.

    With `ampersand` False, `&` is left as it is (the essay reports have always written it so;
    a Markdown viewer then reads `&lt;` as `<`).

    >>> escape_markdown("*Tea*  &\n<b>")
    '\\*Tea\\* \\& \\<b\\>'
    >>> escape_markdown("*Tea*  &\n<b>", ampersand=False)
    '\\*Tea\\* & \\<b\\>'
    """
    return one_line(text).translate(_MD_ESCAPES if ampersand else _MD_ESCAPES_BUT_AMPERSAND)


_md = escape_markdown  # a short name for the many calls in `to_markdown`

_VERBS = {RelationKind.SUPPORTS: "supports", RelationKind.ATTACKS: "attacks"}


def to_markdown(m: ArgumentMap) -> str:
    """A readable outline of the argument in Markdown: thesis, what supports and attacks it (and
    what supports or attacks those), the causal links, then the findings."""
    flagged = codes_by_component(m)
    n_par = len({c.paragraph for c in m.components})
    out = [
        f"# {_md(m.title) or 'Argument map'}",
        "",
        "[//]: # (written by argmap)",
        "",
        f"Argument map of {_md(m.source.path)}: {len(m.components)} components in {n_par} "
        f"paragraphs, {len(m.relations)} relations, {len(m.findings)} findings.",
        "",
        "## Argument",
        "",
    ]
    if not m.components:
        out.append("No argumentative units were found.")
    for row in outline(m):
        c = row.component
        lead = "  " * row.depth + "- "
        if row.relation is not None:
            lead += f"*{_VERBS[row.relation.kind]}:* "
        name = f"**{c.kind.value.capitalize()}** ({_md(c.id)}"
        if not row.first:
            out.append(f"{lead}{name}, see above)")
            continue
        name += f", paragraph {c.paragraph + 1}"
        if c.evidence_type:
            name += f", {_md(c.evidence_type)}"
        line = f"{lead}{name}): {_md(c.text)}"
        if c.id in flagged:
            line += " \u26a0 " + ", ".join(f"*{_md(code)}*" for code in flagged[c.id])
        out.append(line)
    causes = [r for r in m.relations if r.kind is RelationKind.CAUSES]
    if causes:
        by_id = {c.id: c for c in m.components}
        out += ["", "## Causes", ""]
        for r in causes:
            signal = f" (*{_md(r.signal)}*)" if r.signal else ""
            out.append(
                f"- {_md(by_id[r.source].text)} ({_md(r.source)}) \u2192 "
                f"{_md(by_id[r.target].text)} ({_md(r.target)}){signal}"
            )
    out += ["", "## Findings", ""]
    if not m.findings:
        out.append("None.")
    for f in m.findings:
        where = f" ({_md(f.component)})" if f.component is not None else ""
        out.append(f"- **{f.severity.value}** {_md(f.code)}{where}: {_md(f.message)}")
    return "\n".join(out) + "\n"
