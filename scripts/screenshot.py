"""Open a graph page in Debian's chromium (offline) and save a still PNG once physics stops.

Usage: python scripts/screenshot.py output/graph.html output/screenshot.png [--width 1400 --height 900]
Prints the time from navigation to a still picture, and what the page tried to fetch (nothing, we hope).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for physics to stop")
    args = parser.parse_args()
    blocked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else (blocked.append(route.request.url), route.abort()))  # fmt: skip
        started = time.perf_counter()
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("() => document.body.dataset.stable === \"1\"", timeout=args.timeout * 1000)
        still = time.perf_counter() - started
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
        nodes = page.evaluate("() => window.kgraph.nodes.length")
        browser.close()
    print(f"{nodes} nodes; still after {still:.1f} s; wrote {args.png}; blocked requests: {len(blocked)}")


if __name__ == "__main__":
    main()
