"""The project's annotated corpus: check annotation files, build gold maps, measure agreement.

    python3 tools/corpus.py check [FILE...]   # every annotation (or these): quotes, roles, links
    python3 tools/corpus.py build             # corpus/gold/{train,dev,test}/<essay>.json
    python3 tools/corpus.py build-samples     # essays/gold/<name>.json from essays/annotations
    python3 tools/corpus.py agreement         # Cohen's kappa on roles, essays annotated twice
    python3 tools/corpus.py splits            # which essay is in which split, and why

Texts are `corpus/texts/<essay>.txt`; annotations `corpus/annotations/<annotator>/<essay>.json`
in the format of docs/annotation-guide.md (section 5). An essay annotated more than once takes
its gold map from the first annotator in name order; the others measure agreement.

Splits go by author, so one student's drafts never cross: ArgRewrite essays `ar-NNN` (first
draft) and `ar-NNN-d3` (final draft) belong to student NNN, an essay written by the project is
its own author. The split of an author is fixed
by a hash of the author's name (65% train, 15% dev, 20% test): the same on every machine, and
an essay added later never moves another.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TEXTS = CORPUS / "texts"
ANNOTATIONS = CORPUS / "annotations"
GOLD = CORPUS / "gold"
# The sample essays' gold (essays/gold/<name>.json, argmap JSON) is annotated the same way, on
# the text its map holds: essays/annotations/<annotator>/<name>.json (`build-samples`).
SAMPLE_GOLD = ROOT / "essays" / "gold"
SAMPLE_ANNOTATIONS = ROOT / "essays" / "annotations"

ROLES = ("thesis", "claim", "evidence", "counterclaim", "rebuttal", "context")
TYPES = ("statistic", "quotation", "expert", "example", "date/event", "source", "reasoning")
KINDS = ("supports", "attacks", "causes")
SPLITS = (("train", 65), ("dev", 80), ("test", 100))


@dataclass(frozen=True)
class Span:
    id: str
    role: str
    start: int
    end: int
    type: str | None


def author(essay: str) -> str:
    """The author an essay belongs to: ArgRewrite's student number, else the essay itself."""
    m = re.fullmatch(r"ar-(\d+)(?:-d\d)?", essay)
    return f"argrewrite-{int(m.group(1))}" if m else essay


def split_of(essay: str) -> str:
    """train, dev or test, by a stable hash of the essay's author."""
    bucket = int(hashlib.sha256(author(essay).encode()).hexdigest(), 16) % 100
    return next(name for name, upper in SPLITS if bucket < upper)


def locate(text: str, quote: str, start: int) -> tuple[int, int] | None:
    """Where `quote` stands in `text` at or after `start`, any run of whitespace in the quote
    matching any run in the text (line breaks typed as spaces)."""
    words = quote.split()
    if not words:
        return None
    m = re.compile(r"\s+".join(re.escape(w) for w in words)).search(text, start)
    return (m.start(), m.end()) if m else None


def load(path: Path) -> tuple[str, list[Span], list[tuple[str, str, str]], list[str]]:
    """An annotation file's essay, spans and relations, and every problem found in it."""
    problems: list[str] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return path.stem, [], [], [f"{path}: cannot read: {exc}"]
    essay = str(data.get("essay") or path.stem)
    if essay != path.stem:
        problems.append(f"{path}: 'essay' is {essay!r}, the file name says {path.stem!r}")
    text = essay_text(path, essay)
    if text is None:
        return essay, [], [], [*problems, f"{path}: no text for essay {essay!r}"]
    spans: list[Span] = []
    pos = 0
    for k, c in enumerate(data.get("components", [])):
        cid, role, quote = c.get("id"), c.get("role"), c.get("quote", "")
        where = f"{path.name}: component {k + 1} ({cid})"
        if not isinstance(cid, str) or not cid or cid in {s.id for s in spans}:
            problems.append(f"{where}: needs an id of its own")
            continue
        if role not in ROLES:
            problems.append(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
            continue
        etype = c.get("type")
        if etype is not None and (role != "evidence" or etype not in TYPES):
            problems.append(f"{where}: type {etype!r}: only evidence has one, of {TYPES}")
        found = locate(text, quote, pos)
        if found is None:
            earlier = locate(text, quote, 0)
            hint = " (it stands earlier: keep text order)" if earlier else ""
            problems.append(
                f"{where}: quote not found after the previous component{hint}: {quote[:60]!r}"
            )
            continue
        spans.append(Span(cid, role, found[0], found[1], etype))
        pos = found[1]
    ids = {s.id: s for s in spans}
    relations: list[tuple[str, str, str]] = []
    for k, r in enumerate(data.get("relations", [])):
        where = f"{path.name}: relation {k + 1} {r}"
        if not (isinstance(r, list) and len(r) == 3):
            problems.append(f"{where}: write [source, kind, target]")
            continue
        src, kind, dst = r
        if kind not in KINDS or src not in ids or dst not in ids or src == dst:
            problems.append(f"{where}: needs a kind of {KINDS} between two different known ids")
            continue
        if "context" in (ids[src].role, ids[dst].role):
            problems.append(f"{where}: context takes no relations")
            continue
        relations.append((src, kind, dst))
    return essay, spans, relations, problems


def is_sample(path: Path) -> bool:
    """Whether an annotation file is one of a sample essay (essays/annotations/)."""
    return SAMPLE_ANNOTATIONS in path.resolve().parents


def essay_text(path: Path, essay: str) -> str | None:
    """The text an annotation file quotes: corpus/texts/<essay>.txt, or for a sample essay the
    text its map in essays/gold holds."""
    if is_sample(path):
        sample = SAMPLE_GOLD / f"{essay}.json"
        return json.loads(sample.read_text(encoding="utf-8"))["text"] if sample.is_file() else None
    text_path = TEXTS / f"{essay}.txt"
    return text_path.read_text(encoding="utf-8") if text_path.is_file() else None


def annotation_files() -> list[Path]:
    return sorted(ANNOTATIONS.glob("*/*.json"))


def uncovered(text: str, spans: list[Span]) -> list[str]:
    """Stretches of three words or more that no component covers: a title, a heading or
    web-page boilerplate may stand there; any other sentence should be a component."""
    out, pos = [], 0
    for s in [*spans, Span("", "", len(text), len(text), None)]:
        gap = text[pos : s.start]
        for line in gap.splitlines():
            if len(re.findall(r"\w+", line)) >= 3:
                out.append(" ".join(line.split()))
        pos = max(pos, s.end)
    return out


def check(paths: list[Path]) -> int:
    bad = 0
    for path in paths or annotation_files():
        essay, spans, _, problems = load(path)
        for p in problems:
            print(p)
        bad += bool(problems)
        text = essay_text(path, essay)
        if not problems and text is not None:
            for line in uncovered(text, spans):
                print(f"{path.name}: note: not covered (a title or heading?): {line[:70]!r}")
    total = len(paths or annotation_files())
    print(f"{total - bad} of {total} annotation files valid")
    return 1 if bad else 0


def primary() -> dict[str, Path]:
    """Each annotated essay's gold annotation: the first annotator's, in name order."""
    out: dict[str, Path] = {}
    for path in annotation_files():
        out.setdefault(path.stem, path)
    return out


def gold_map(
    essay: str, spans: list[Span], relations: list[tuple[str, str, str]]
) -> dict[str, Any]:
    """The argmap JSON map (schema argmap/1) of an annotation."""
    text = (TEXTS / f"{essay}.txt").read_text(encoding="utf-8")
    source = {"path": f"corpus/texts/{essay}.txt", "format": "txt"}
    source["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {
        "schema": "argmap/1",
        "title": essay,
        "source": {k: source[k] for k in ("path", "sha256", "format")},
        "text": text,
        **annotated(text, spans, relations),
    }


def annotated(
    text: str, spans: list[Span], relations: list[tuple[str, str, str]]
) -> dict[str, Any]:
    """The components, relations and (no) findings of an annotated map of `text`."""
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
    return {
        "components": [
            {
                "id": s.id,
                "kind": s.role,
                "text": text[s.start : s.end],
                "start": s.start,
                "end": s.end,
                "paragraph": sum(1 for p in paragraph_starts if p <= s.start) - 1,
                "confidence": 1.0,
                "evidence_type": s.type,
                "concepts": [],
                "provenance": None,
            }
            for s in spans
        ],
        "relations": [
            {"source": a, "target": b, "kind": k, "signal": "", "confidence": 1.0}
            for a, k, b in relations
        ],
        "findings": [],
    }


def build_samples() -> int:
    """Rewrite the components and relations of essays/gold/<name>.json from the first
    annotation of each sample essay (title, source and text stay)."""
    failed, written = 0, 0
    firsts: dict[str, Path] = {}
    for path in sorted(SAMPLE_ANNOTATIONS.glob("*/*.json")):
        firsts.setdefault(path.stem, path)
    for essay, path in sorted(firsts.items()):
        essay, spans, relations, problems = load(path)
        if problems:
            failed += 1
            print(f"skipped {path.relative_to(ROOT)}: {problems[0]}")
            continue
        out = SAMPLE_GOLD / f"{essay}.json"
        data = json.loads(out.read_text(encoding="utf-8"))
        data.update(annotated(data["text"], spans, relations))
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(out)
        written += 1
    print(f"{written} sample gold maps written")
    return 1 if failed else 0


def build() -> int:
    written: Counter[str] = Counter()
    failed = 0
    for essay, path in sorted(primary().items()):
        essay, spans, relations, problems = load(path)
        if problems:
            failed += 1
            print(f"skipped {path.relative_to(ROOT)}: {problems[0]}")
            continue
        split = split_of(essay)
        out = GOLD / split / f"{essay}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(gold_map(essay, spans, relations), ensure_ascii=False, indent=2) + "\n"
        tmp = out.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        written[split] += 1
    print(", ".join(f"{n} {s}" for s, n in sorted(written.items())) or "nothing written")
    return 1 if failed else 0


def token_roles(text: str, spans: list[Span]) -> list[str]:
    """The role of each word of `text` (the component covering it), "none" outside them."""
    out = []
    for m in re.finditer(r"\w+", text):
        role = next((s.role for s in spans if s.start <= m.start() < s.end), "none")
        out.append(role)
    return out


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two labellings of the same items."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement() -> int:
    by_essay: dict[str, list[Path]] = {}
    for path in annotation_files():
        by_essay.setdefault(path.stem, []).append(path)
    twice = {e: ps for e, ps in sorted(by_essay.items()) if len(ps) > 1}
    if not twice:
        print("no essay is annotated twice yet")
        return 1
    all_a: list[str] = []
    all_b: list[str] = []
    for essay, (first, second, *_) in twice.items():
        text = (TEXTS / f"{essay}.txt").read_text(encoding="utf-8")
        _, spans_a, _, pa = load(first)
        _, spans_b, _, pb = load(second)
        if pa or pb:
            print(f"{essay}: not valid, left out")
            continue
        a, b = token_roles(text, spans_a), token_roles(text, spans_b)
        all_a += a
        all_b += b
        who = f"{first.parent.name} / {second.parent.name}"
        print(f"{essay}: kappa {kappa(a, b):.2f} ({who}, {len(a)} words)")
    overall = kappa(all_a, all_b)
    print(f"{len(twice)} essays annotated twice: Cohen's kappa on roles, per word, {overall:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", choices=("check", "build", "build-samples", "agreement", "splits")
    )
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if args.command == "check":
        return check(args.files)
    if args.command == "build":
        return build()
    if args.command == "build-samples":
        return build_samples()
    if args.command == "agreement":
        return agreement()
    for text in sorted(TEXTS.glob("*.txt")):
        print(f"{text.stem}\t{author(text.stem)}\t{split_of(text.stem)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
