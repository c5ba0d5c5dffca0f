"""The class summary of a district: N essays' records (real ones, from mapping the 86 ArgRewrite
first drafts, repeated under new names), written by the same code a batch uses, then the page
opened in headless Chromium (Debian's, never a downloaded one).

    .venv/bin/python benchmarks/class_page.py [--essays 10000]

Prints the time and peak memory (Python allocations, tracemalloc) of writing `index.html`,
`summary.csv` and `summary.jsonl` from the journal, the three files' sizes, and in the browser
the milliseconds to the first page of rows shown, to sort all rows by a column, to filter them
and to open the largest list of students by problem. Reported, not enforced.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT.parent / "shared" / "data" / "argrewrite" / "essays" / "Draft1"
sys.path.insert(0, str(ROOT))  # the checkout's argmap and tools, whatever is installed
from argmap.app.summary import JSONL, Journal, read_records  # noqa: E402
from tools.screenshots import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian's Chromium, headless)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--essays", type=int, default=10_000)
    args = parser.parse_args()
    if not DRAFTS.is_dir():
        print(f"skipped: {DRAFTS} is absent (the real essays are in ../shared/data)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "real"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "argmap",
                "map",
                str(DRAFTS),
                "-o",
                str(real),
                "-q",
                "-f",
                "json",
            ],
            check=False,
        )
        head, records = read_records(real / JSONL)
        print(f"{len(records)} real records, repeated to {args.essays:,} essays")
        out = Path(tmp) / "district"
        journal = Journal(out, head["models"])
        for i in range(args.essays):
            rec = dict(records[i % len(records)])
            school, pupil = divmod(i, 250)
            rec["essay"] = f"district/school{school}/pupil{pupil}.txt"
            rec["map"] = f"school{school}/pupil{pupil}.json"
            rec["outputs"] = [rec["map"]]
            journal.add_record(rec, i)
        journal.close()
        journal_file = out / "summary.jsonl.part"
        kept = journal_file.read_bytes()
        start = time.perf_counter()
        journal.finish()
        took = time.perf_counter() - start
        journal_file.write_bytes(kept)  # again, measuring memory (tracemalloc slows Python)
        tracemalloc.start()
        journal.finish()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"summary written in {took:.2f} s, peak Python memory {peak / 1e6:.1f} MB")
        for name in ("index.html", "summary.csv", "summary.jsonl"):
            print(f"  {name}: {(out / name).stat().st_size / 1e6:.2f} MB")
        _browser(out / "index.html")
    return 0


def _browser(page_file: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        loads, sorts, filters, opens = [], [], [], []
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            start = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_selector("#essays tbody tr")
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.get_by_role("button", name="findings", exact=True).click()
            page.wait_for_function("document.querySelector('th[aria-sort]') !== null")
            sorts.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.fill("#filter", "pupil17")
            page.wait_for_function("document.getElementById('range').textContent.includes('of')")
            filters.append(time.perf_counter() - start)
            closed = page.evaluate(
                "Array.from(document.querySelectorAll('details.problem')).findIndex(d => !d.open)"
            )
            biggest = page.locator("details.problem").nth(closed)
            start = time.perf_counter()
            biggest.locator("summary").click()
            biggest.locator("li").first.wait_for()
            opens.append(time.perf_counter() - start)
            shown = page.inner_text("#range")
            page.close()
        browser.close()
    ms = lambda xs: f"{statistics.median(xs) * 1000:.0f} ms"  # noqa: E731
    print(f"browser (median of 3): loaded with rows shown {ms(loads)}, sorted {ms(sorts)}, ")
    print(f"  filtered {ms(filters)} ({shown}), a problem's students listed {ms(opens)}")


if __name__ == "__main__":
    sys.exit(main())
