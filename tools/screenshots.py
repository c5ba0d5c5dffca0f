"""Screenshots of the map page for every sample essay, as a reader first sees it.

    python3 tools/screenshots.py                # essays/* -> docs/screenshots/<essay>.png
    python3 tools/screenshots.py --out /tmp/s   # somewhere else

Each essay in essays/ is mapped with the library, its page rendered and opened in headless
Chromium (Debian's /usr/bin/chromium through Playwright; Playwright never downloads a browser
here), and the window is saved as a PNG: the argument view, plus the causal view for the essays
in CAUSAL. The phones essay's argument view is also copied to docs/screenshot.png, the README's
picture. A page that logs an error or makes a request fails the run. Each PNG is written to a
temporary file and renamed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from argmap.model import InputError, MapError
from argmap.pipeline import parse_essay
from argmap.writers.html.page import render_html
from argmap.writers.style import View

ROOT = Path(__file__).resolve().parent.parent
ESSAYS = ROOT / "essays"
OUT = ROOT / "docs" / "screenshots"
README_SHOT = ROOT / "docs" / "screenshot.png"
README_ESSAY = "persuasive-phones-in-schools"
CAUSAL = ("history-collectivisation",)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDTH, HEIGHT = 1440, 900
_UMASK = os.umask(0)
os.umask(_UMASK)


def _replace(tmp: str, out: Path) -> None:
    """Give the finished temporary file the usual permissions and move it into place."""
    os.chmod(tmp, 0o666 & ~_UMASK)
    os.replace(tmp, out)


class ShotError(Exception):
    """A page could not be shot cleanly; the message names the essay."""


def shoot(browser: Any, html: str, work: Path, name: str, out: Path) -> dict[str, Any]:
    """Open `html` in a fresh page, wait until the graph is drawn, save the window to `out`."""
    page_path = work / f"{name}.html"
    page_path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        requests: list[str] = []
        problems: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.goto(page_path.as_uri())
        for _ in range(200):  # the page's CSP forbids eval, so poll rather than wait_for_function
            if page.evaluate("!!(window.argmap && window.argmap.timing.drawn !== null)"):
                break
            page.wait_for_timeout(50)
        else:
            raise ShotError(f"{name}: the graph was never drawn")
        page.wait_for_timeout(300)  # let fonts settle
        facts = page.evaluate(
            "({nodes: window.argmap.nodes.length, view: window.argmap.view(),"
            " scale: window.argmap.network.getScale()})"
        )
        extra = [u for u in requests if u != page_path.as_uri()]
        if problems or extra:
            raise ShotError(f"{name}: {'; '.join(problems + [f'request {u}' for u in extra])}")
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        os.close(fd)
        try:
            page.screenshot(path=tmp, type="png")
            _replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return dict(facts)
    finally:
        context.close()


def _show(path: Path) -> str:
    """The path relative to the checkout when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    args = parser.parse_args(argv)
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        print(f"error: {CHROMIUM} is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print(
            "error: the playwright package is not installed (pip install -e .[dev])",
            file=sys.stderr,
        )
        return 1
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    essays = sorted(p for p in ESSAYS.iterdir() if p.is_file())
    failed = 0
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for essay in essays:
                try:
                    m = parse_essay(essay)
                    views = [View.ARGUMENT] + ([View.CAUSAL] if essay.stem in CAUSAL else [])
                    for view in views:
                        name = essay.stem + ("" if view is View.ARGUMENT else f"-{view.value}")
                        png = out_dir / f"{name}.png"
                        facts = shoot(browser, render_html(m, view), Path(tmp), name, png)
                        print(
                            f"{_show(png)}: {facts['view']} view, {facts['nodes']} nodes, "
                            f"zoom {facts['scale']:.2f}, {png.stat().st_size:,} bytes"
                        )
                except (InputError, MapError, ShotError) as exc:
                    print(f"error: {essay.name}: {exc}", file=sys.stderr)
                    failed += 1
        finally:
            browser.close()
    readme_png = out_dir / f"{README_ESSAY}.png"
    if out_dir.resolve() == OUT.resolve() and readme_png.exists():
        fd, tmp_name = tempfile.mkstemp(dir=README_SHOT.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(readme_png.read_bytes())
        _replace(tmp_name, README_SHOT)
        print(f"{_show(README_SHOT)}: copy of {readme_png.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
