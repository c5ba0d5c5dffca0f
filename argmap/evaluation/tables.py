"""The scores as a plain-text table for a terminal."""

from __future__ import annotations

from argmap.evaluation.scoring import Counts, RoleScores, Scores

__all__ = ["format_table"]


def format_table(scores: Scores) -> str:
    """A plain-text table of the scores, fixed-width, for a terminal.

    >>> from argmap.evaluation.scoring import score
    >>> print(format_table(score([], [])).splitlines()[0])
    role                gold   pred |  P ovl  R ovl F1 ovl |  P ex   R ex  F1 ex
    """

    def prf(c: Counts) -> str:
        return f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"

    def row(name: str, s: RoleScores) -> str:
        o = s.overlap
        return f"{name:<17} {o.gold:>6} {o.predicted:>6} | {prf(o)} | {prf(s.exact)}"

    lines = [f"{'role':<17} {'gold':>6} {'pred':>6} |  P ovl  R ovl F1 ovl |  P ex   R ex  F1 ex"]
    lines.append("-" * len(lines[0]))
    lines += [row(r.role, r) for r in scores.roles]
    blank = " " * 13
    lines.append(
        f"{'macro-F1':<17} {'':>6} {'':>6} | {blank} {scores.macro_f1('overlap'):6.3f} |"
        f" {blank} {scores.macro_f1('exact'):6.3f}"
    )
    lines.append(row("segmentation", scores.segmentation))
    lines.append("")
    lines.append(f"{'relation':<17} {'gold':>6} {'pred':>6} |      P      R     F1")
    lines.append("-" * len(lines[-1]))
    lines += [f"{name:<17} {c.gold:>6} {c.predicted:>6} | {prf(c)}" for name, c in scores.relations]
    if scores.findings:
        lines.append("")
        lines.append(f"{'finding':<23} {'gold':>5} {'pred':>5} |      P      R     F1")
        lines.append("-" * len(lines[-1]))
        lines += [
            f"{code:<23} {c.gold:>5} {c.predicted:>5} | {prf(c)}" for code, c in scores.findings
        ]
    lines.append("")
    lines.append(
        f"thesis accuracy   {scores.thesis_accuracy:.3f}"
        f" ({scores.thesis_correct}/{scores.thesis_documents})"
    )
    lines.append(f"documents         {scores.documents}")
    if scores.intervals:
        lines.append("")
        lines.append("95% intervals (bootstrap: the documents drawn again with replacement)")
        figures = dict(scores.headline())
        lines += [
            f"{name:<21} {figures[name]:.3f}  [{low:.3f}, {high:.3f}]"
            for name, low, high in scores.intervals
        ]
    return "\n".join(lines)
