"""Where the page draws each node: both graphs are laid out here, in pure Python (no pyvis), so
a map is drawn the same way on every load and in every browser.

The argument view is a tree (`argument_tree`, placed by `argument_layout`): thesis on top, what
supports it in rows below, wrapped to about a screen's shape, evidence stacked under its claim,
attacks beside what they attack. The page can fold a block to its top component and wrap the
rows again (`arrange` gives it what it needs). A map corrected in the page is laid out again
there by a JavaScript port of `argument_tree`, `arrange`, `node_label`, `page_outline` and
`causal_chains` (templates/map.html.j2, "Corrections in the page"): change one, change the
other; tests/test_browser.py checks that they place a corrected map the same way.
The causal view is chains read left to right (`causal_layout`). Node labels are wrapped here
(`node_label`), so the layout knows how tall each node is.

>>> from argmap.model import Relation, Source
>>> cs = (Component("c1", Kind.THESIS, "Tea is good.", 0, 12, 0, 1),
...       Component("c2", Kind.CLAIM, "It is warm.", 13, 24, 0, 1))
>>> rs = (Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),)
>>> m = ArgumentMap("Tea", "Tea is good. It is warm.", cs, rs, (), Source("-", "0" * 64, "txt"))
>>> argument_layout(m)
{'c1': (120, 25), 'c2': (120, 205)}
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Any

from argmap.model import ArgumentMap, Component, Kind, RelationKind
from argmap.text.words import shorten
from argmap.writers._shared import one_line

__all__ = [
    "FONT_SIZE",
    "GRID",
    "LABEL_WRAP",
    "LABEL_LINES",
    "NODE_TEXT_WIDTH",
    "NODE_WIDTH",
    "MAX_CAUSAL_LABEL",
    "node_label",
    "node_height",
    "causal_label",
    "ArgumentTree",
    "argument_tree",
    "ASPECT",
    "Item",
    "Arrangement",
    "arrange",
    "pack",
    "row_width",
    "argument_layout",
    "page_outline",
    "causal_layout",
    "causal_chains",
]

#: The argument view's label text: the size of its font, and the pixels of text a node holds.
#: Labels are wrapped here to lines of at most LABEL_WRAP characters, at most LABEL_LINES of
#: them, so the layout knows each node's height. Nodes have a minimum width and no maximum, so
#: vis-network never wraps a label again (its wrapping counts each space three times);
#: LABEL_WRAP characters of a common sans-serif font at FONT_SIZE fit in NODE_TEXT_WIDTH pixels.
FONT_SIZE = 15
NODE_TEXT_WIDTH = 220
LABEL_WRAP = 22
LABEL_LINES = 4
#: The argument view's node width, in pixels: its width constraint plus the side margins.
NODE_WIDTH = NODE_TEXT_WIDTH + 20
# The argument view's grid, in pixels: line height, the indent of a stacked supporter, the
# gaps between stacked nodes, between a node and its attacker beside it, between the blocks of
# the row under the thesis, and between the thesis and that row.
_LINE_H = FONT_SIZE
_INDENT = 30
_STACK_GAP = 18
_SIDE_GAP = 90
_BLOCK_GAP = 46
_ROW_GAP = 130
# Between wrapped rows (room for the lines up to the thesis and their cue words), and before
# the heading of the blocks linked to no thesis.
_WRAP_GAP = 90
_LOOSE_GAP = 150
#: The grid the page needs to fold and wrap the rows the same way (map.html.j2).
GRID = {
    "nodeWidth": NODE_WIDTH,
    "indent": _INDENT,
    "stackGap": _STACK_GAP,
    "sideGap": _SIDE_GAP,
    "rowGap": _ROW_GAP,
    "blockGap": _BLOCK_GAP,
    "wrapGap": _WRAP_GAP,
    "looseGap": _LOOSE_GAP,
}
#: The shape (width / height) the rows wrap to: about a screen's.
ASPECT = 1.5
#: The most characters of a causal view's label (`causal_label`).
MAX_CAUSAL_LABEL = 90
# The causal view's grid: pixels between columns (cause -> effect), between the rows of one
# chain, and between chains.
_CAUSAL_COLUMN = 420
_CAUSAL_ROW_GAP = 36
_CAUSAL_GAP = 72


def node_label(c: Component, flagged: bool = False) -> str:
    """Return the node label: the role on one line, then the text in short lines, cut to four.

    The lines are wrapped here, not by the browser, so the layout knows how tall each node is;
    the full text is in the page's hover text.

    >>> text = "Phones  distract\\nstudents in every lesson, all day."
    >>> print(node_label(Component("c1", Kind.CLAIM, text, 0, 48, 0, 1), flagged=True))
    ⚠ CLAIM
    Phones distract
    students in every
    lesson, all day.
    """
    head = ("\u26a0 " if flagged else "") + c.kind.value.upper()
    return "\n".join([head, *_wrap(one_line(c.text), LABEL_WRAP, LABEL_LINES)])


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Wrap `text` to lines of at most `width` characters; past `lines` lines, cut with "…".

    >>> _wrap("one two three four five six", 9, 2)
    ['one two', 'three…']
    >>> _wrap("", 9, 2)
    ['']
    """
    out = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(out) > lines:
        out = out[: lines - 1] + [shorten(" ".join(out[lines - 1 :]), width)]
    return out


def node_height(label: str) -> int:
    """How tall (pixels) vis-network draws a box with this label: one line per label line at
    the font size, the node's margins, and room for a thick border.

    >>> node_height("CLAIM\\nPhones distract.")
    50
    """
    return 20 + _LINE_H * (label.count("\n") + 1)


def causal_label(text: str) -> str:
    """The causal view's label of a component with this text: on one line, shortened.

    >>> causal_label("cheap\\n fuel")
    'cheap fuel'
    """
    return shorten(one_line(text), MAX_CAUSAL_LABEL)


@dataclass(frozen=True)
class ArgumentTree:
    """How the argument view arranges a map: each component hangs from one relation.

    `top` is the thesis row; `row` the row under it: what supports or attacks a thesis, and the
    components linked to nothing above them, in essay order. Under every other component,
    `below` lists what supports it (stacked under it) and `beside` what attacks it (placed to
    its right). `via[cid]` is the index in `m.relations` of the relation that places `cid`;
    the other relations are drawn across the tree.
    """

    top: tuple[str, ...]
    row: tuple[str, ...]
    below: dict[str, list[str]]
    beside: dict[str, list[str]]
    via: dict[str, int]

    def route(self, m: ArgumentMap, i: int) -> str:
        """How relation `i` is drawn: "top" (up to a thesis), "stack" (to the component a
        supporter is stacked under), "side" (to the component an attacker stands beside) or
        "free" (any other, drawn as a curve across the tree)."""
        r = m.relations[i]
        if self.via.get(r.source) != i:
            return "free"
        if r.target in self.top:
            return "top"
        return "side" if r.kind is RelationKind.ATTACKS else "stack"


def argument_tree(m: ArgumentMap) -> ArgumentTree:
    """Arrange the components as a tree: each hangs from its first `supports` or `attacks`
    relation (causes run across the tree), unless that would close a loop; theses stay on top.

    >>> from argmap.model import Relation, Source
    >>> kinds = [Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE, Kind.COUNTERCLAIM, Kind.REBUTTAL]
    >>> cs = tuple(Component(f"c{i}", k, "x", 0, 1, 0, 1) for i, k in enumerate(kinds))
    >>> rs = (Relation("c1", "c0", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c3", "c0", RelationKind.ATTACKS, "", 1),
    ...       Relation("c4", "c3", RelationKind.ATTACKS, "", 1))
    >>> t = argument_tree(ArgumentMap("t", "x", cs, rs, (), Source("-", "0" * 64, "txt")))
    >>> t.top, t.row, t.below["c1"], t.beside["c3"]
    (('c0',), ('c1', 'c3'), ['c2'], ['c4'])
    """
    kinds = {c.id: c.kind for c in m.components}
    parent: dict[str, str] = {}
    via: dict[str, int] = {}
    for i, r in enumerate(m.relations):
        if r.kind is RelationKind.CAUSES or r.source in parent or kinds[r.source] is Kind.THESIS:
            continue
        up: str | None = r.target
        while up is not None and up != r.source:
            up = parent.get(up)
        if up is None:  # the target does not hang (directly or not) from the source
            parent[r.source] = r.target
            via[r.source] = i
    top = tuple(c.id for c in m.components if c.kind is Kind.THESIS)
    below: dict[str, list[str]] = {c.id: [] for c in m.components}
    beside: dict[str, list[str]] = {c.id: [] for c in m.components}
    row: list[str] = []
    for c in m.components:
        up = parent.get(c.id)
        if c.kind is Kind.THESIS:
            continue
        if up is None or up in top:
            row.append(c.id)
        elif m.relations[via[c.id]].kind is RelationKind.ATTACKS:
            beside[up].append(c.id)
        else:
            below[up].append(c.id)
    return ArgumentTree(top, tuple(row), below, beside, via)


def argument_layout(m: ArgumentMap, tree: ArgumentTree | None = None) -> dict[str, tuple[int, int]]:
    """Place each component of the argument view: the `(x, y)` of its centre, in pixels.

    The thesis is on top, centred over what supports and attacks it, which stand in rows
    below, in essay order, wrapped so that the whole map is about as wide as a screen
    (`ASPECT`). Under each of those, what supports it is stacked, indented, one under the
    other (and what supports those, indented again); what attacks a component stands beside
    it, to its right (several attackers one under the other), with its own supporters under
    it. What hangs from no thesis comes last, in rows under a heading. So the map reads like
    the essay's plan, and no two nodes overlap (node heights come from `node_label`'s lines).
    The page draws the links inside a block as elbow lines down the indent and across the
    gap, and the links up to the thesis as lines over each row that join on the left, so
    they cross no node either.

    >>> from argmap.model import Relation, Source
    >>> kinds = [Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE, Kind.COUNTERCLAIM, Kind.REBUTTAL]
    >>> cs = tuple(Component(f"c{i}", k, "x", 0, 1, 0, 1) for i, k in enumerate(kinds))
    >>> rs = (Relation("c1", "c0", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c3", "c0", RelationKind.ATTACKS, "", 1),
    ...       Relation("c4", "c3", RelationKind.ATTACKS, "", 1))
    >>> argument_layout(ArgumentMap("t", "xxxxx", cs, rs, (), Source("-", "0" * 64, "txt")))
    {'c0': (120, 25), 'c1': (120, 205), 'c2': (150, 273), 'c3': (120, 413), 'c4': (450, 413)}
    """
    return arrange(m, tree or argument_tree(m)).place


def arrange(m: ArgumentMap, tree: ArgumentTree) -> Arrangement:
    """Lay the argument view out (see `argument_layout`): the positions, and what the page
    needs to fold blocks and wrap the rows again (see `Arrangement`).

    >>> from argmap.model import Source
    >>> cs = (Component("c1", Kind.THESIS, "x", 0, 1, 0, 1),
    ...       Component("c2", Kind.CLAIM, "y", 2, 3, 0, 1))
    >>> m = ArgumentMap("t", "x y", cs, (), (), Source("-", "0" * 64, "txt"))
    >>> a = arrange(m, argument_tree(m))
    >>> [(i.id, i.section) for i in a.items], a.width, a.top, a.loose
    ([('c2', 1)], 240, 180, (0, 180))
    """
    height = {c.id: node_height(node_label(c)) for c in m.components}
    # Pass 1, leaves first: the size of each component's block (it, what is stacked under it,
    # what stands beside it) and where each child's block starts inside its parent's.
    size: dict[str, tuple[int, int]] = {}
    offset: dict[str, tuple[int, int]] = {}
    for cid in _post_order(tree):
        width, bottom = NODE_WIDTH, height[cid]
        for child in tree.below[cid]:
            bottom += _STACK_GAP
            offset[child] = (_INDENT, bottom)
            width = max(width, _INDENT + size[child][0])
            bottom += size[child][1]
        side_x, side_w, side_y = width + _SIDE_GAP, 0, 0
        for child in tree.beside[cid]:
            offset[child] = (side_x, side_y)
            side_w = max(side_w, size[child][0])
            side_y += size[child][1] + _STACK_GAP
            bottom = max(bottom, side_y - _STACK_GAP)
        size[cid] = (side_x + side_w if side_w else width, bottom)
    # Pass 2: the blocks under the theses in rows, wrapped so the whole map is about as wide
    # as a screen is (ASPECT); the theses over them; what hangs from no thesis apart, below the
    # tree under a heading, in rows of the same width; then every block's inside.
    corner: dict[str, tuple[int, int]] = {}
    top_h = max((height[t] for t in tree.top), default=0)
    row_y = top_h + _ROW_GAP if tree.top else 0
    hanging = [c for c in tree.row if any(_hangs_from(m, tree, c, t) for t in tree.top)]
    loose = [c for c in tree.row if c not in set(hanging)] if tree.top else []
    if not tree.top:
        hanging = list(tree.row)
    sections = [[size[c] for c in hanging], [size[c] for c in loose]]
    width = row_width(sections, row_y)
    y, loose_at = row_y, None
    for section, ids in enumerate((hanging, loose)):
        if not ids:
            continue
        if section:  # room for the loose section's heading
            y += _LOOSE_GAP - _WRAP_GAP if hanging else 0
            loose_at = (0, y)
        for row in pack([size[c][0] for c in ids], width):
            x = 0
            for i in row:
                corner[ids[i]] = (x, y)
                x += size[ids[i]][0] + _BLOCK_GAP
            y += max(size[ids[i]][1] for i in row) + _WRAP_GAP
    row_right = max([corner[c][0] + size[c][0] for c in hanging] + [NODE_WIDTH])
    placed_right = -_BLOCK_GAP
    for i, t in enumerate(tree.top):
        kids = [corner[c][0] for c in hanging if _hangs_from(m, tree, c, t)]
        centre = (min(kids) + max(kids)) / 2 + NODE_WIDTH / 2 if kids else row_right / 2
        if not kids and len(tree.top) > 1:
            centre = (i + 0.5) * (NODE_WIDTH + _BLOCK_GAP)
        left = max(round(centre - NODE_WIDTH / 2), placed_right + _BLOCK_GAP)
        corner[t] = (left, (top_h - height[t]) // 2)
        placed_right = left + NODE_WIDTH
    for cid in _pre_order(tree):
        left, top = corner[cid]
        for child in tree.below[cid] + tree.beside[cid]:
            dx, dy = offset[child]
            corner[child] = (left + dx, top + dy)
    place = {
        c.id: (corner[c.id][0] + NODE_WIDTH // 2, corner[c.id][1] + height[c.id] // 2)
        for c in m.components
    }
    items = [
        Item(
            cid,
            *size[cid],
            height[cid],
            int(cid in set(loose)),
            tuple(_pre_order_from(tree, cid)[1:]),
            next((t for t in tree.top if _hangs_from(m, tree, cid, t)), ""),
        )
        for cid in hanging + loose
    ]
    return Arrangement(place, items, width, row_y, loose_at)


@dataclass(frozen=True)
class Item:
    """One block of the rows under the theses, as the page needs it to fold and re-wrap the
    map: its top component `id`, the block's `width` and `height` unfolded, the component's own
    `node_height`, `section` 0 (under a thesis) or 1 (linked to no thesis), the `members`
    that hang from it (what folding it hides) and the `thesis` it hangs from ("" if none)."""

    id: str
    width: int
    height: int
    node_height: int
    section: int
    members: tuple[str, ...]
    thesis: str


@dataclass(frozen=True)
class Arrangement:
    """`argument_layout`'s positions; the blocks under the theses, in the order they are
    placed; the width the rows wrap at; the top of the first row; the top left corner of the
    blocks linked to no thesis, if any."""

    place: dict[str, tuple[int, int]]
    items: list[Item]
    width: int
    top: int
    loose: tuple[int, int] | None


def pack(widths: list[int], width: int) -> list[list[int]]:
    """Wrap blocks of these widths, in order, into rows at most `width` wide (a block wider
    than that gets a row of its own): the indices in each row. The page re-wraps folded maps
    with the same rule (map.html.j2, `pack`).

    >>> pack([240, 240, 240, 500], 600)
    [[0, 1], [2], [3]]
    """
    rows: list[list[int]] = []
    right = 0
    for i, w in enumerate(widths):
        if rows and right + _BLOCK_GAP + w <= width:
            rows[-1].append(i)
            right += _BLOCK_GAP + w
        else:
            rows.append([i])
            right = w
    return rows


def row_width(sections: list[list[tuple[int, int]]], top: int, aspect: float = ASPECT) -> int:
    """The width to wrap the rows at: the one that makes the whole map (rows of blocks of these
    `(width, height)`s, section after section, under `top` pixels of theses) closest to
    `aspect` (width / height). Wider rows make a flatter map, so a binary search over the
    widths where a row can end finds it; the page does the same (map.html.j2, `rowWidth`).

    >>> row_width([[(240, 300)] * 12], 100)  # three rows of five
    1384
    >>> row_width([[(240, 300)] * 2], 100)  # one row
    526
    """
    widths = [w for sec in sections for w, _ in sec]
    if not widths:
        return NODE_WIDTH
    least = max(widths)
    ends = {least}
    for sec in sections:
        right = -_BLOCK_GAP
        for w, _ in sec:
            right += _BLOCK_GAP + w
            if right > least:
                ends.add(right)
    candidates = sorted(ends)

    def shape(width: int) -> float:
        total_w, total_h = 0, top
        for n, sec in enumerate(s for s in sections if s):
            total_h += _LOOSE_GAP - _WRAP_GAP if n else 0
            for row in pack([w for w, _ in sec], width):
                total_w = max(total_w, sum(sec[i][0] for i in row) + _BLOCK_GAP * (len(row) - 1))
                total_h += max(sec[i][1] for i in row) + _WRAP_GAP
        return total_w / max(total_h - _WRAP_GAP, 1)

    lo, hi = 0, len(candidates) - 1
    while lo < hi:  # the first width whose map is at least as flat as `aspect`
        mid = (lo + hi) // 2
        if shape(candidates[mid]) >= aspect:
            hi = mid
        else:
            lo = mid + 1
    best = candidates[lo]
    if lo and abs(math.log(shape(candidates[lo - 1]) / aspect)) < abs(
        math.log(shape(best) / aspect)
    ):
        best = candidates[lo - 1]
    return best


def _hangs_from(m: ArgumentMap, tree: ArgumentTree, cid: str, thesis: str) -> bool:
    """Whether `cid` (in the row) hangs from `thesis`."""
    return cid in tree.via and m.relations[tree.via[cid]].target == thesis


def _post_order(tree: ArgumentTree) -> list[str]:
    """Every component, each after all the components that hang from it (no recursion, so a
    long chain of supports cannot overflow the stack)."""
    out: list[str] = []
    for root in tree.top + tree.row:
        todo: list[tuple[str, bool]] = [(root, False)]
        while todo:
            cid, done = todo.pop()
            if done:
                out.append(cid)
                continue
            todo.append((cid, True))
            todo.extend((k, False) for k in reversed(tree.below[cid] + tree.beside[cid]))
    return out


def _pre_order(tree: ArgumentTree) -> list[str]:
    """Every component, each before the components that hang from it, in outline order."""
    return [cid for root in tree.top + tree.row for cid in _pre_order_from(tree, root)]


def _pre_order_from(tree: ArgumentTree, root: str) -> list[str]:
    """`root` and what hangs from it, each before what hangs from it, in outline order."""
    out: list[str] = []
    todo = [root]
    while todo:
        cid = todo.pop()
        out.append(cid)
        todo.extend(reversed(tree.below[cid] + tree.beside[cid]))
    return out


def page_outline(m: ArgumentMap, tree: ArgumentTree) -> list[list[Any]]:
    """The argument for the page's outline, in reading order: `[id, relation index or None,
    depth]` for each component, each thesis followed by what hangs from it (supporters first,
    then attackers, each in essay order), then the components that hang from no thesis.

    >>> from argmap.model import Relation, Source
    >>> cs = tuple(Component(f"c{i}", k, "x", 0, 1, 0, 1) for i, k in
    ...            enumerate([Kind.CONTEXT, Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE]))
    >>> rs = (Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c3", "c2", RelationKind.SUPPORTS, "", 1))
    >>> m = ArgumentMap("t", "x", cs, rs, (), Source("-", "0" * 64, "txt"))
    >>> page_outline(m, argument_tree(m))
    [['c1', None, 0], ['c2', 0, 1], ['c3', 1, 2], ['c0', None, 0]]
    """
    hanging = {t: [c for c in tree.row if _hangs_from(m, tree, c, t)] for t in tree.top}
    loose = [c for c in tree.row if not any(c in kids for kids in hanging.values())]
    out: list[list[Any]] = []
    todo = [(cid, 0) for cid in reversed([*tree.top, *loose])]
    while todo:
        cid, depth = todo.pop()
        out.append([cid, tree.via.get(cid), depth])
        kids = hanging.get(cid) or tree.below[cid] + tree.beside[cid]
        todo.extend((k, depth + 1) for k in reversed(kids))
    return out


def causal_layout(m: ArgumentMap) -> dict[str, tuple[int, int]]:
    """Place each component that takes part in a `causes` relation: `(x, y)` in pixels.

    Causes stand left of their effects: a node's column is the length of the longest chain of
    causes leading to it. Each chain (causes linked to each other, across paragraphs too) gets
    its own band of rows, bands in the order of the essay; inside a band, a node sits in the row
    of its causes where it can. Components in no causal relation are left out.

    >>> from argmap.model import Relation, Source
    >>> cs = tuple(Component(f"c{i}", Kind.CLAIM, "x", i, i + 1, i, 1) for i in range(5))
    >>> rs = (Relation("c1", "c2", RelationKind.CAUSES, "so", 1),
    ...       Relation("c3", "c1", RelationKind.CAUSES, "because", 1),
    ...       Relation("c0", "c4", RelationKind.SUPPORTS, "", 1))
    >>> causal_layout(ArgumentMap("t", "xxxxx", cs, rs, (), Source("-", "0" * 64, "txt")))
    {'c1': (420, 20), 'c2': (840, 20), 'c3': (0, 20)}
    """
    rels = [
        (r.source, r.target)
        for r in m.relations
        if r.kind is RelationKind.CAUSES and r.source != r.target
    ]
    order = {c.id: i for i, c in enumerate(m.components)}
    ids = sorted({x for pair in rels for x in pair}, key=order.__getitem__)
    causes: dict[str, list[str]] = {i: [] for i in ids}
    effects: dict[str, list[str]] = {i: [] for i in ids}
    for s, t in dict.fromkeys(rels):
        causes[t].append(s)
        effects[s].append(t)
    column = _columns(ids, causes, effects)
    text = {c.id: c.text for c in m.components}
    out: dict[str, tuple[int, int]] = {}
    top = 0
    for chain in _chains(ids, causes, effects):
        rows = _rows(chain, column, causes, order)
        # Each row is as tall as its tallest node, so short notes do not leave wide gaps.
        height = [0] * (max(rows.values()) + 1)
        for cid in chain:
            height[rows[cid]] = max(height[rows[cid]], _causal_height(text[cid]))
        centre = []
        for h in height:
            centre.append(top + h // 2)
            top += h + _CAUSAL_ROW_GAP
        top += _CAUSAL_GAP - _CAUSAL_ROW_GAP
        for cid in chain:
            out[cid] = (column[cid] * _CAUSAL_COLUMN, centre[rows[cid]])
    return {cid: out[cid] for cid in ids}


def causal_chains(m: ArgumentMap) -> list[list[int]]:
    """The causal links for the page's outline: one list of relation indices per chain (as in
    `causal_layout`), each in essay order of the cause, then of the effect.

    >>> from argmap.model import Relation, Source
    >>> cs = tuple(Component(f"c{i}", Kind.CLAIM, "x", i, i + 1, i, 1) for i in range(4))
    >>> rs = (Relation("c2", "c3", RelationKind.CAUSES, "so", 1),
    ...       Relation("c1", "c2", RelationKind.CAUSES, "so", 1),
    ...       Relation("c0", "c1", RelationKind.SUPPORTS, "", 1))
    >>> causal_chains(ArgumentMap("t", "xxxx", cs, rs, (), Source("-", "0" * 64, "txt")))
    [[1, 0]]
    """
    order = {c.id: i for i, c in enumerate(m.components)}
    links = [
        i
        for i, r in enumerate(m.relations)
        if r.kind is RelationKind.CAUSES and r.source != r.target
    ]
    ids = sorted(
        {x for i in links for x in (m.relations[i].source, m.relations[i].target)},
        key=order.__getitem__,
    )
    causes: dict[str, list[str]] = {i: [] for i in ids}
    effects: dict[str, list[str]] = {i: [] for i in ids}
    for i in links:
        causes[m.relations[i].target].append(m.relations[i].source)
        effects[m.relations[i].source].append(m.relations[i].target)
    out = []
    for chain in _chains(ids, causes, effects):
        members = set(chain)
        mine = [i for i in links if m.relations[i].source in members]
        mine.sort(key=lambda i: (order[m.relations[i].source], order[m.relations[i].target], i))
        out.append(mine)
    return out


def _causal_height(text: str) -> int:
    """About how tall (pixels) the causal view draws a node with this text: wrapped lines of
    ~26 characters at 16 px, plus margins; enough to keep rows apart, whatever the font.

    >>> _causal_height("cheap fuel"), _causal_height("word " * 40)
    (40, 100)
    """
    return 20 + 20 * max(1, -(-len(causal_label(text)) // 26))


def _columns(
    ids: list[str], causes: dict[str, list[str]], effects: dict[str, list[str]]
) -> dict[str, int]:
    """Longest path of causes leading to each node; a cycle is cut where it closes (essay order).

    Depth first without recursion, so a chain of thousands of causes is placed like a short one.

    >>> _columns(["a", "b", "c"], {"a": ["c"], "b": ["a"], "c": ["b"]},
    ...          {"a": ["b"], "b": ["c"], "c": ["a"]})
    {'a': 0, 'b': 1, 'c': 2}
    """
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    kept: dict[str, list[str]] = {i: [] for i in ids}
    first = [cid for cid in ids if not causes[cid]]
    for root in first + ids:  # then what is left: cycles with no first cause
        if root in state:
            continue
        state[root] = 1
        path = [(root, iter(effects[root]))]
        while path:
            cid, todo = path[-1]
            for nxt in todo:
                if state.get(nxt) == 1:
                    continue  # closes a cycle: not used for columns
                kept[nxt].append(cid)
                if nxt not in state:
                    state[nxt] = 1
                    path.append((nxt, iter(effects[nxt])))
                    break
            else:
                state[cid] = 2
                path.pop()
    column: dict[str, int] = {}
    for root in ids:
        stack = [root]
        while stack:
            cid = stack[-1]
            if cid in column:
                stack.pop()
                continue
            waiting = [c for c in kept[cid] if c not in column]
            if waiting:
                stack.extend(waiting)
            else:
                column[cid] = 1 + max((column[c] for c in kept[cid]), default=-1)
                stack.pop()
    return column


def _chains(
    ids: list[str], causes: dict[str, list[str]], effects: dict[str, list[str]]
) -> list[list[str]]:
    """Groups of nodes joined by causal links, each in essay order, first-starting group first."""
    rank = {cid: i for i, cid in enumerate(ids)}
    seen: set[str] = set()
    chains: list[list[str]] = []
    for start in ids:
        if start in seen:
            continue
        group, todo = [], [start]
        seen.add(start)
        while todo:
            cid = todo.pop()
            group.append(cid)
            for nxt in causes[cid] + effects[cid]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        chains.append(sorted(group, key=rank.__getitem__))
    return chains


def _rows(
    chain: list[str], column: dict[str, int], causes: dict[str, list[str]], order: dict[str, int]
) -> dict[str, int]:
    """Row of each node in its band: as near the mean row of its causes as free rows allow."""
    row: dict[str, int] = {}
    for col in sorted({column[c] for c in chain}):
        here = [c for c in chain if column[c] == col]
        wish = {
            c: (
                sum(row[p] for p in causes[c] if p in row) / len([p for p in causes[c] if p in row])
                if any(p in row for p in causes[c])
                else 0.0
            )
            for c in here
        }
        taken = -1
        for c in sorted(here, key=lambda c: (wish[c], order[c])):
            taken = max(round(wish[c]), taken + 1)
            row[c] = taken
    return row
