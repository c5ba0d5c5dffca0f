"""Page weight and speed: the HTML pages of real essays' maps of about 20, 60 and 150 components
(ArgRewrite drafts, ../shared/data), opened in headless Chromium (Debian's, never a downloaded
one) at 1366x768.

    .venv/bin/python benchmarks/page.py [--runs N]

For each page: its size, and the median over N loads of the milliseconds from navigation start to
the script running, to the graph first drawn, and to the first view chosen (folded and moved as
need be: ready to use), then how long a click on a node takes to select it and move the view.
Reported, not enforced: timings vary with the machine's load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESSAYS = ROOT.parent / "shared" / "data" / "argrewrite" / "essays"
sys.path.insert(0, str(ROOT))  # the checkout's argmap and tools, whatever is installed
from tools.screenshots import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian's Chromium, headless)

#: name -> the drafts joined into one document (as tests/test_browser.py REAL_ESSAYS).
PAGES = {
    "about 20": ["Draft1/draft1_2018argrewrite_39.txt"],
    "about 60": ["Draft3/2018argrewrite_22.txt"],
    "about 150": [f"Draft3/2018argrewrite_{n}.txt" for n in (22, 70, 40)],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not ESSAYS.is_dir():
        print(f"skipped: {ESSAYS} is absent (the real essays are in ../shared/data)")
        return 0
    if not Path(CHROMIUM).exists():
        print(f"skipped: {CHROMIUM} is not installed (apt-get install chromium)")
        return 0
    from playwright.sync_api import sync_playwright

    from argmap.pipeline import parse_essay
    from argmap.writers.html.page import render_html

    print(
        f"{'page':<10} {'components':>10} {'KB':>6} {'script':>7} {'drawn':>7} {'ready':>7} "
        f"{'click':>7}  (ms, median of {args.runs})"
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, files in PAGES.items():
            text = "\n".join((ESSAYS / f).read_text(encoding="utf-8") for f in files)
            m = parse_essay(text)
            path = Path(tmp) / "page.html"
            path.write_text(render_html(m), encoding="utf-8")
            runs: dict[str, list[float]] = {"script": [], "drawn": [], "ready": [], "click": []}
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(path.as_uri())
                while not page.evaluate("window.argmap && window.argmap.timing.ready !== null"):
                    page.wait_for_timeout(20)
                timing = page.evaluate("window.argmap.timing")
                for key in ("script", "drawn", "ready"):
                    runs[key].append(timing[key])
                shown = page.evaluate("window.argmap.shownNodes()")
                start = time.perf_counter()
                page.evaluate("id => window.argmap.select(id, 'list')", shown[len(shown) // 2])
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
                runs["click"].append((time.perf_counter() - start) * 1000)
                page.close()
            med = {k: statistics.median(v) for k, v in runs.items()}
            print(
                f"{name:<10} {len(m.components):>10} {path.stat().st_size / 1024:>6.0f} "
                f"{med['script']:>7.0f} {med['drawn']:>7.0f} {med['ready']:>7.0f} "
                f"{med['click']:>7.0f}"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
