"""Main text and metadata of a saved HTML news page (part of the ingest stage).

Page chrome (``nav``, ``header`` outside the article, ``footer``, ``aside``,
scripts, elements whose class or id is nav/menu/footer/breadcrumb/copyright) is
removed first; trafilatura then extracts the main text and the title/date. When
it finds nothing, the plain text of the cleaned ``<body>`` is used. Either way,
ICP licence, public-security filing and copyright lines are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from kgraph.errors import IngestError
from kgraph.ingest.meta import parse_date

__all__ = ["Page", "drop_boilerplate", "extract_page"]

_CHROME_TAGS = ("nav", "footer", "aside", "script", "style", "noscript", "iframe", "template")
_CHROME_WORDS = {"nav", "navbar", "menu", "footer", "breadcrumb", "crumbs", "copyright", "topbar"}
_CHROME_ROLES = {"navigation", "contentinfo", "banner", "search"}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "main", "header", "blockquote", "pre", "dd", "dt", "figcaption",
}  # fmt: skip
# footer lines: licences, ICP numbers, copyright
_BOILERPLATE = re.compile(
    r"ICP备|ICP证|公网安备|版权所有|版权声明|Copyright|©|All rights reserved|"
    r"互联网新闻信息服务许可证|网上视听传播许可证|违法和不良信息举报",
    re.IGNORECASE,
)
_PUBLISHED_META = {
    "article:published_time", "og:published_time", "pubdate", "publishdate", "publish_date",
    "publish-date", "datepublished", "dc.date", "dc.date.issued", "dcterms.date", "date",
}  # fmt: skip
# an <?xml …?> declaration before the HTML (lxml refuses it in a str)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# characters lxml refuses in text (C0 controls but tab and newlines, U+FFFE/U+FFFF): no page text needs them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Page:
    """What a saved page yields: main ``text``, the whole cleaned ``page_text``, metadata."""

    text: str
    page_text: str
    title: str = ""
    date: str | None = None  # from trafilatura (htmldate)
    meta_date: str | None = None  # from a <meta> publish-date tag, may carry a time
    url: str | None = None


def extract_page(html: str, name: str) -> Page:
    """Extract one page; ``name`` is used in error messages."""
    tree = _parse(_NOT_XML.sub(" ", html), name)
    meta_date = _meta_published(tree)
    _strip_chrome(tree)
    cleaned = lxml_html.tostring(tree, encoding="unicode")
    doc = _trafilatura(cleaned, name)
    page_text = drop_boilerplate(_body_text(tree))
    text = drop_boilerplate(_normalise(doc.text)) if doc is not None and doc.text else ""
    text = text or page_text
    if not text:
        raise IngestError(f"{name}: no article text found in the HTML page")
    return Page(
        text=text,
        page_text=page_text,
        title=_clean(getattr(doc, "title", None)) or _first_heading(tree),
        date=parse_date(doc.date) if doc is not None and doc.date else None,
        meta_date=meta_date,
        url=_clean(getattr(doc, "url", None)) or None,
    )


def drop_boilerplate(text: str) -> str:
    """``text`` without ICP licence, filing and copyright lines."""
    kept = [
        line for line in text.split("\n") if not (len(line) <= 200 and _BOILERPLATE.search(line))
    ]
    return "\n".join(kept).strip()


def _parse(html: str, name: str) -> Any:
    try:
        return lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"{name}: cannot parse HTML: {exc}") from exc


def _trafilatura(html: str, name: str) -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise IngestError(
            f"{name}: reading HTML needs trafilatura and lxml_html_clean "
            f"(pip install trafilatura lxml_html_clean): {exc}"
        ) from exc
    return trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )


def _meta_published(tree: Any) -> str | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and meta.get("content"):
            found = parse_date(meta.get("content"))
            if found:
                return found
    return None


def _strip_chrome(tree: Any) -> None:
    doomed = [el for el in tree.iter() if isinstance(el.tag, str) and _is_chrome(el)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    for comment in tree.xpath("//comment()"):
        if comment.getparent() is not None:
            comment.drop_tree()


def _is_chrome(el: Any) -> bool:
    if el.tag in _CHROME_TAGS or (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if el.tag == "header":
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    words = set(f"{el.get('class') or ''} {el.get('id') or ''}".lower().split())
    return bool(words & _CHROME_WORDS)


def _body_text(tree: Any) -> str:
    body = tree.find("body")
    root = body if body is not None else tree
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return _normalise(root.text_content())


def _normalise(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _clean(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _first_heading(tree: Any) -> str:
    for tag in ("h1", "title"):
        for el in tree.iter(tag):
            text = _clean(el.text_content())
            if text:
                return text
    return ""
