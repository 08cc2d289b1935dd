"""Ingest: paths, encodings, saved-page metadata, HTML main text, jsonl, stdin."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from kgraph.errors import IngestError
from kgraph.ingest.files import (
    STDIN,
    collect_paths,
    decode_bytes,
    read_articles,
    text_metadata,
)
from kgraph.pipeline import read_inputs

CHINESE = (
    "全省科技创新推进会在杭州召开\n省委书记周启明出席会议并讲话。\n"
    "位于杭州市余杭区的启衡科技有限公司发言。\n"
)


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ── encodings ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "encoded",
    [
        CHINESE.encode("utf-8"),
        CHINESE.encode("utf-8-sig"),
        CHINESE.encode("gb18030"),
        CHINESE.encode("gbk"),
        CHINESE.encode("utf-16"),  # BOM + native order
        b"\xff\xfe" + CHINESE.encode("utf-16-le"),
        b"\xfe\xff" + CHINESE.encode("utf-16-be"),
        CHINESE.replace("\n", "\r\n").encode("gbk"),
    ],
    ids=[
        "utf-8",
        "utf-8-sig",
        "gb18030",
        "gbk",
        "utf-16",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "gbk-crlf",
    ],
)
def test_each_encoding_decodes_to_the_same_text(tmp_path: Path, encoded: bytes) -> None:
    [article] = read_articles(write(tmp_path, "a.txt", encoded))
    assert article.text == CHINESE


@pytest.mark.parametrize("word", ["成都市", "绵阳", "四川省科技厅", "厅长罗志刚"])
def test_short_gbk_text_is_not_mistaken_for_another_encoding(word: str) -> None:
    assert decode_bytes(word.encode("gbk"), "x.txt") == word


def test_gb18030_four_byte_characters_decode() -> None:
    text = "𠮷野家在成都开业"  # 𠮷 needs a GB18030 four-byte sequence
    assert decode_bytes(text.encode("gb18030"), "x.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b" \n\r\n\t", "file is empty"),
        (bytes(range(256)) * 4, "cannot decode"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_unreadable_bytes_name_file_and_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(IngestError, match=reason) as caught:
        read_articles(path)
    assert str(path) in str(caught.value)


def test_permission_error_is_an_ingest_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "locked.txt", CHINESE)

    real_open = os.open

    def refuse(name: Any, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)  # as root, chmod 000 would not stop the read
    with pytest.raises(IngestError, match=r"locked\.txt: cannot read file: Permission denied"):
        read_articles(path)


# ── saved-page metadata (.txt) ───────────────────────────────────────────────

ZHEJIANG_LIKE = (
    "手机版\n新闻网首页\n\n会议速览丨全省这场工作例会上,几位县委书记谈了些什么\n\n"
    "2024-04-28 21:26:53 编辑:张晓燕\n\n今天上午，会议召开。\n\n"
    "省委书记主持会议。晨报新闻记者 刘志刚 摄\n\n来源:晨报新闻\n\n网站简介| 网站地图| 版权声明\n"
)

METADATA_CASES = [
    (
        ZHEJIANG_LIKE,
        {
            "title": "会议速览丨全省这场工作例会上,几位县委书记谈了些什么",
            "published": "2024-04-28T21:26:53",
            "editor": "张晓燕",
            "source": "晨报新闻",
            "reporters": ("刘志刚",),
        },
    ),
    (
        "首页 > 要闻\n成都召开科技大会部署全年工作\n发布时间：2024年4月28日 21:26　来源：天府日报\n正文。",
        {
            "title": "成都召开科技大会部署全年工作",
            "published": "2024-04-28T21:26:00",
            "source": "天府日报",
        },
    ),
    (
        "绵阳出台支持科技企业十条措施\n2024-04-28\n正文第一段。\n（责任编辑：杨晓敏）",
        {"title": "绵阳出台支持科技企业十条措施", "published": "2024-04-28", "editor": "杨晓敏"},
    ),
    (
        "标题在这里很长很长\n日期：2024/4/8 来源： 新华社\n新华社北京4月8日电（记者张三、欧阳丽娜）正文",
        {"published": "2024-04-08", "source": "新华社", "reporters": ("张三", "欧阳丽娜")},
    ),
    (
        "一行标题\n2024年4月28日，省委书记主持召开会议。记者了解到，会议部署了全年工作。",
        {"title": "一行标题", "published": None, "reporters": ()},
    ),
    (
        "外交部发言人答记者问时表示，记者从外交部获悉，中外记者见面会将于明天举行。",
        {"reporters": (), "editor": None, "source": None},
    ),
    ("标题\n2024-02-30 10:00\n正文", {"published": None}),
    ("标题\n（记者 张三 通讯员 李四）\n本报记者王五报道\n", {"reporters": ("张三", "王五")}),
    (
        "资金来源：财政拨款和社会资本，其中社会资本占比超过六成，主要投向科技成果转化项目。",
        {"source": None},
    ),
    ("正文中提到总编辑张三和编辑部。", {"editor": None}),
]


METADATA_IDS = [
    "zhejiang-like", "label-cn-date-time", "date-only", "slash-date-two-reporters", "body-date-is-not-meta",
    "reporter-phrases", "invalid-date", "reporter-forms", "source-inside-word", "editor-inside-word",
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), METADATA_CASES, ids=METADATA_IDS)
def test_text_metadata(text: str, expected: dict[str, object]) -> None:
    meta = text_metadata(text)
    assert {key: getattr(meta, key) for key in expected} == expected


def test_txt_article_keeps_text_and_gets_a_readable_stable_id(tmp_path: Path) -> None:
    path = write(tmp_path, "page.txt", "\ufeff" + ZHEJIANG_LIKE.replace("\n", "\r\n"))
    [article] = read_articles(path)
    digest = hashlib.sha1(ZHEJIANG_LIKE.encode("utf-8")).hexdigest()[:8]
    assert article.text == ZHEJIANG_LIKE
    assert article.id == f"page-{digest}"
    assert article.path == str(path)
    assert (article.published, article.editor, article.reporters) == (
        "2024-04-28T21:26:53",
        "张晓燕",
        ("刘志刚",),
    )


def test_shared_zhejiang_article_metadata(shared_corpus: Path) -> None:
    path = shared_corpus / "zhejiang-2024-04-28.txt"
    if not path.exists():
        pytest.skip(f"{path} not present")
    [article] = read_articles(path)
    # the expected values come from the hand-made gold file, so no name of the article is written here
    gold = json.loads((shared_corpus.parent / "gold" / "zhejiang-2024-04-28.json").read_text(encoding="utf-8"))
    editor = next(p["name"] for p in gold["non_official_persons"] if p["role"] == "编辑")
    reporter = next(p for p in gold["non_official_persons"] if p["role"].startswith("记者"))
    assert article.title == gold["source"].split("'")[1]  # "<site> reprint of <source> '<title>', <date>"
    assert article.published == "2024-04-28T21:26:53"
    assert (article.source, article.editor, article.reporters) == (reporter["org"], editor, (reporter["name"],))
    assert article.id.startswith("zhejiang-2024-04-28-")


# ── html ─────────────────────────────────────────────────────────────────────

PARAGRAPH = (
    "6月18日，深圳市南山区召开科技创新大会，区委书记黄志文出席会议并讲话，"
    "强调要加快建设具有全球影响力的科技创新中心。"
)
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>南山区召开科技创新大会_岭南新闻网</title>
<meta name="PubDate" content="2024-06-18 15:20"></head><body>
<header><div>岭南新闻网 权威发布</div></header>
<nav><a href="/">首页</a> <a href="/sz/">时政频道</a> <a href="/jj/">经济频道</a></nav>
<div class="main"><h1>南山区召开科技创新大会</h1>
<p>2024-06-18 15:20 来源：岭南日报 编辑：邓可欣</p>
<p>{PARAGRAPH}</p>
<p>会上，深圳云帆智造科技有限公司等企业代表作交流发言，介绍了企业在人工智能、工业视觉检测等领域的最新进展，并表示将继续加大研发投入。</p>
<p>会议要求，各部门要抓紧细化任务清单，强化要素保障，确保各项举措落地见效，推动全区经济高质量发展再上新台阶。</p></div>
<footer><p>关于我们 | 联系我们</p><p>粤ICP备2024012345号-1</p><p>版权所有 岭南新闻网</p></footer>
<div class="bottom"><p>粤公网安备 44010402001234号</p><p>Copyright © 2024 岭南新闻网 All rights reserved</p></div>
</body></html>"""
CHROME = ["时政频道", "关于我们", "ICP备", "版权所有", "权威发布", "公网安备", "Copyright"]


def _assert_main_text_only(text: str) -> None:
    assert PARAGRAPH in text
    for junk in CHROME:
        assert junk not in text


def test_html_main_text_without_chrome(tmp_path: Path) -> None:
    [article] = read_articles(write(tmp_path, "page.html", PAGE))
    _assert_main_text_only(article.text)
    assert article.title == "南山区召开科技创新大会"
    assert article.published == "2024-06-18T15:20:00"
    assert (article.source, article.editor) == ("岭南日报", "邓可欣")


def test_html_falls_back_to_body_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    [article] = read_articles(write(tmp_path, "page.htm", PAGE))
    _assert_main_text_only(article.text)
    assert article.title == "南山区召开科技创新大会"
    assert article.source == "岭南日报"


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path, "blank.html", "<html><body><nav>首页</nav><footer>版权所有</footer></body></html>"
    )
    with pytest.raises(IngestError, match=r"blank\.html: no article text"):
        read_articles(path)


# ── jsonl ────────────────────────────────────────────────────────────────────


def test_jsonl_fields_are_mapped(tmp_path: Path) -> None:
    record = {
        "id": "xwlb-20240101-00", "date": "2024-01-01", "title": "标题", "text": "正文\r\n第二段",
        "source": "新闻联播", "url": "https://example.org/a",
    }  # fmt: skip
    lines = [
        json.dumps(record, ensure_ascii=False),
        "",
        json.dumps({"text": "另一篇"}, ensure_ascii=False),
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")
    first, second = read_articles(path)
    assert (first.id, first.published, first.title, first.text) == (
        "xwlb-20240101-00",
        "2024-01-01",
        "标题",
        "正文\n第二段",
    )
    assert (first.source, first.url, first.path) == ("新闻联播", "https://example.org/a", str(path))
    assert (second.id, second.title, second.published) == ("news-3", "", None)


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"id": "a", "text": "正文"', "invalid JSON"),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"id": "a", "title": "无正文"}', "has no text"),
        ('{"id": "a", "text": "  "}', "has no text"),
        ('{"id": "a", "text": "正文", "date": "昨天"}', "not a date"),
        ('{"id": "a", "text": "正文", "title": 7}', "'title' must be a string"),
        ('{"id": "ok", "text": "重复"}', "duplicate article id"),
    ],
)
def test_bad_jsonl_line_names_file_and_line(tmp_path: Path, bad_line: str, reason: str) -> None:
    good = json.dumps({"id": "ok", "text": "正文"}, ensure_ascii=False)
    path = write(tmp_path, "bad.jsonl", f"{good}\n\n{bad_line}\n")
    with pytest.raises(IngestError, match=reason) as caught:
        read_articles(path)
    assert f"{path}:3:" in str(caught.value)


# ── paths ────────────────────────────────────────────────────────────────────


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError, match=r"nope\.txt: no such file or folder"):
        collect_paths([str(missing)])


@pytest.mark.parametrize(
    "files", [[], ["notes.md", ".hidden.txt", ".git/x.txt"]], ids=["empty", "no-articles"]
)
def test_folder_without_articles_names_it_and_accepted_types(
    tmp_path: Path, files: list[str]
) -> None:
    for name in files:
        write(tmp_path, name, "正文")
    with pytest.raises(IngestError) as caught:
        collect_paths([str(tmp_path)])
    message = str(caught.value)
    assert str(tmp_path) in message
    assert all(ext in message for ext in (".txt", ".html", ".htm", ".jsonl"))


def test_folder_recursion_is_sorted_and_skips_hidden_and_other_types(tmp_path: Path) -> None:
    names = [
        "b.txt",
        "a/z.html",
        "a.jsonl",
        "a/b/c.htm",
        "C.TXT",
        ".x.txt",
        ".d/e.txt",
        "n.md",
        "a/y.txt",
    ]
    for name in names:
        write(tmp_path, name, "正文")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_paths([str(tmp_path)])]
    assert found == ["C.TXT", "a/b/c.htm", "a/y.txt", "a/z.html", "a.jsonl", "b.txt"]


def test_inputs_keep_order_drop_repeats_and_accept_stdin(tmp_path: Path) -> None:
    one, two = write(tmp_path, "d/1.txt", "一"), write(tmp_path, "d/2.txt", "二")
    paths = collect_paths([str(two), "-", str(tmp_path / "d"), "-"])
    assert paths == [two, STDIN, one]


def test_explicit_file_of_unknown_type_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.md", "正文")
    with pytest.raises(
        IngestError, match=r"notes\.md: unsupported file type '\.md' \(accepted: \.txt"
    ):
        collect_paths([str(path)])


def test_duplicate_ids_across_files_are_rejected(tmp_path: Path) -> None:
    line = json.dumps({"id": "same", "text": "正文"}, ensure_ascii=False) + "\n"
    write(tmp_path, "a.jsonl", line)
    write(tmp_path, "b.jsonl", line)
    articles, failures = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["same"] and Path(articles[0].path or "").name == "a.jsonl"
    assert [(Path(f.source).name, f.reason) for f in failures] == [("b.jsonl", "article id 'same' was already read; skipped")]


# ── stdin ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("data", "expected_ids", "expected_text"),
    [
        ('{"id": "s1", "text": "一"}\n\n{"id": "s2", "text": "二"}\n'.encode(), ["s1", "s2"], "一"),
        (
            CHINESE.encode("gbk"),
            ["stdin-" + hashlib.sha1(CHINESE.encode()).hexdigest()[:8]],
            CHINESE,
        ),
        (b'{"id": "x"} is not jsonl\nplain line\n', None, '{"id": "x"} is not jsonl\nplain line\n'),
    ],
    ids=["jsonl", "gbk-text", "text-with-brace"],
)
def test_stdin(data: bytes, expected_ids: list[str] | None, expected_text: str) -> None:
    articles = read_articles(STDIN, stdin=io.BytesIO(data))
    if expected_ids is not None:
        assert [a.id for a in articles] == expected_ids
    assert articles[0].text == expected_text
    assert articles[0].path == "<stdin>"


def test_stdin_html_is_sniffed() -> None:
    [article] = read_articles(STDIN, stdin=io.BytesIO(PAGE.encode("utf-8")))
    _assert_main_text_only(article.text)


# ── bundled samples ──────────────────────────────────────────────────────────

SAMPLE_CASES = [
    (
        "hangzhou-keji.txt",
        "全省科技创新与产业融合推进会在杭州召开",
        "2024-05-16T18:42:07",
        "浙里新闻",
        "钱思远",
        ("林晓雨",),
    ),
    (
        "sichuan-gbk.txt",
        "罗志刚在绵阳调研时强调 加快推动科技成果就地转化",
        "2024-06-03T09:15:00",
        "天府新闻",
        "杨晓敏",
        ("宋雨桐",),
    ),
    (
        "guangdong-page.html",
        "深圳南山与广州黄埔携手共建科创走廊",
        "2024-06-18T15:20:00",
        "岭南日报",
        "邓可欣",
        ("叶嘉豪",),
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "published", "source", "editor", "reporters"), SAMPLE_CASES
)
def test_bundled_sample_metadata(
    samples_dir: Path,
    name: str,
    title: str,
    published: str,
    source: str,
    editor: str,
    reporters: tuple[str, ...],
) -> None:
    [article] = read_articles(samples_dir / name)
    assert (article.title, article.published, article.source, article.editor, article.reporters) == (
        title, published, source, editor, reporters,
    )  # fmt: skip
    assert 400 <= len(article.text) <= 1200


def test_bundled_samples_load_in_order(samples_dir: Path) -> None:
    articles, failures = read_inputs([str(samples_dir)])
    assert failures == []
    assert [Path(a.path or "").name for a in articles] == [
        "guangdong-page.html", "hangzhou-keji.txt", "sichuan-gbk.txt",
        "stories.jsonl", "stories.jsonl", "stories.jsonl",
    ]  # fmt: skip
    assert [a.id for a in articles[3:]] == [
        "sample-20240620-00",
        "sample-20240620-01",
        "sample-20240621-00",
    ]
    assert all(400 <= len(a.text) <= 1200 for a in articles)
    assert not any(
        junk in articles[0].text for junk in ("粤ICP备", "版权所有", "热点推荐", "当前位置")
    )
    assert (
        samples_dir.joinpath("sichuan-gbk.txt").read_bytes().decode("gbk").startswith("天府新闻网")
    )
