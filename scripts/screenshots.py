"""Screenshots of a built site for the README: a brief with a note's tooltip open, and the
fact-check report. Usage: python scripts/screenshots.py SITE_DIR OUT_DIR"""

from __future__ import annotations

import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("screenshots: Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route(lambda url: not url.startswith(base), lambda route: route.abort())
        page.goto(base + "shanghai-police-leak/")
        page.locator("a.footnote-ref").first.hover()
        page.locator(".md-tooltip2--active").wait_for()
        page.wait_for_timeout(600)  # let the tooltip finish fading in
        page.screenshot(path=str(out / "brief.png"))
        page.goto(base + "fact-check/")
        page.screenshot(path=str(out / "report.png"))
        browser.close()
    server.shutdown()
    print(f"screenshots: {out / 'brief.png'}, {out / 'report.png'}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
