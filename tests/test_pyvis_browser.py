"""The pyvis page of Graph.to_pyvis() in a real browser: it draws every node, shows multi-line
tooltips and makes no request to the network (Debian's chromium through Playwright, as
test_browser.py; these tests fail, never skip, when chromium is missing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kgraph
from kgraph.api import Graph

# the hand-made graph of test_viz and the browser fixture of test_browser: one source each
from test_browser import browser  # noqa: F401 - a pytest fixture
from test_viz import build_graph

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def net() -> Any:
    return Graph(build_graph()).to_pyvis(heading="pyvis 浏览器测试")


@pytest.fixture
def opened(browser: Any, net: Any, tmp_path: Path) -> Iterator[tuple[Any, list[str], list[str]]]:  # noqa: F811
    path = net.write_html(tmp_path / "pyvis.html")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: req.url.startswith(("file:", "data:")) or requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(path.as_uri())
    page.wait_for_function("() => document.body.dataset.stable === '1'", timeout=60_000)
    yield page, requests, errors
    context.close()


def test_pyvis_page_draws_every_node_offline(opened: tuple[Any, list[str], list[str]], net: Any) -> None:
    page, requests, errors = opened
    drawn = page.evaluate("Object.keys(window.kgraph.network.getPositions()).length")
    assert drawn == len(net.nodes) > 0
    assert page.evaluate("window.kgraph.edges.length") == len(net.edges)
    legend = page.locator("#kg-legend").inner_text().splitlines()
    assert legend[0] == "官员 3"
    assert requests == [] and errors == []


def test_pyvis_tooltip_is_multi_line_text(opened: tuple[Any, list[str], list[str]], net: Any) -> None:
    page, requests, errors = opened
    node = next(n for n in net.nodes if n["label"] == "王明")
    point = page.evaluate(
        """id => {
            const net = window.kgraph.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('kg-network').getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        node["id"],
    )
    page.mouse.move(point["x"] - 40, point["y"] - 40)
    page.mouse.move(point["x"], point["y"], steps=4)
    tooltip = page.locator("div.vis-tooltip .kg-tip")
    tooltip.wait_for(state="visible", timeout=5_000)
    lines = tooltip.inner_text().splitlines()
    assert lines[0] == "王明（官员）" and len(lines) > 3
    assert "市委书记（宁波市）" in tooltip.inner_text()
    assert requests == [] and errors == []


def test_the_samples_pyvis_page_renders_offline(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """The issue's acceptance check: kgraph.build(samples).to_pyvis().write_html(…) draws its nodes."""
    net = kgraph.build([REPO / "samples" / "articles"]).to_pyvis()
    path = net.write_html(tmp_path / "p.html")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requests: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: req.url.startswith(("file:", "data:")) or requests.append(req.url))
    page.goto(path.as_uri())
    page.wait_for_function("() => document.body.dataset.stable === '1'", timeout=60_000)
    assert page.evaluate("Object.keys(window.kgraph.network.getPositions()).length") == net.num_nodes() == 67
    assert requests == []
    context.close()
