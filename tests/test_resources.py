"""The bundled data files: each loads, is well formed, is used by the code, and does its job."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from kgraph.errors import DataError
from kgraph.resources import lexicon
from kgraph.resources.divisions import load_gazetteer
from kgraph.resources.lexicon import load_lexicon, read_table, threshold, word_lists, words

DATA = resources.files("kgraph.resources.data")
SRC = Path(lexicon.__file__).resolve().parents[1]
STAGES = sorted(p.name.removesuffix(".txt") for p in DATA.joinpath("words").iterdir() if p.name.endswith(".txt"))
CODE = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


def _raw_sections(stage: str) -> dict[str, list[str]]:
    """Sections as written, before @references are expanded."""
    out: dict[str, list[str]] = {}
    current: list[str] = []
    for line in DATA.joinpath("words", f"{stage}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif line.strip() and not line.startswith("#"):
            current.extend(line.split())
    return out


# ── words/*.txt: every word-list file ────────────────────────────────────────


@pytest.mark.parametrize("stage", STAGES)
def test_word_list_file_is_well_formed(stage: str) -> None:
    text = DATA.joinpath("words", f"{stage}.txt").read_text(encoding="utf-8")
    sections = re.findall(r"^\[([a-z-]+)\]\n(#.*)?", text, re.MULTILINE)
    assert sections, "a word-list file has [sections]"
    assert all(comment for _, comment in sections), "each list says what it is for on the line after its name"
    for name, items in _raw_sections(stage).items():
        assert items, f"[{name}] is empty"
        assert len(items) == len(set(items)), f"[{name}] lists an item twice"


@pytest.mark.parametrize("stage", STAGES)
def test_every_list_is_used_by_the_code_and_loads(stage: str) -> None:
    used = set(re.findall(rf'(?:words|word_set|pairs)\("{stage}", "([a-z-]+)"\)', CODE))
    referenced = {item[1:].split(":")[1] for s in STAGES for items in _raw_sections(s).values() for item in items if item.startswith(f"@{stage}:")}
    assert set(word_lists(stage)) == used | referenced
    assert all(word_lists(stage)[name] for name in used)


def test_every_list_the_code_names_exists() -> None:
    for stage, section in re.findall(r'(?:words|word_set|pairs)\("([a-z]+)", "([a-z-]+)"\)', CODE):
        assert section in word_lists(stage), f"{stage}.txt has no [{section}]"


def test_a_missing_list_is_a_data_error() -> None:
    with pytest.raises(DataError, match=r"no \[no-such-list\] list"):
        words("orgs", "no-such-list")


def test_references_expand_to_the_shared_function_characters() -> None:
    shared = set(words("segment", "function-chars"))
    for stage, section in (("names", "not-name-chars"), ("orgs", "stop-chars"), ("officials", "organ-stop-chars")):
        assert shared < set(words(stage, section))


def test_suffix_lists_put_a_longer_suffix_before_any_it_ends_with() -> None:
    for section in ("company-suffixes", "lab-suffixes", "zone-suffixes"):
        items = words("orgs", section)
        for i, short in enumerate(items):
            assert not [long for long in items[i + 1 :] if long.endswith(short) and long != short], (section, short)


def test_pairs_read_short_and_full_forms() -> None:
    assert ("中科院", "中国科学院") in lexicon.pairs("linking", "expansions")
    assert dict(lexicon.pairs("linking", "kind-words"))["交大"] == "交通大学"


# ── thresholds.tsv ───────────────────────────────────────────────────────────


def test_every_threshold_is_a_used_number() -> None:
    rows = read_table("thresholds.tsv")
    assert all(row["meaning"] for row in rows)
    for row in rows:
        assert threshold(row["name"]) == int(row["value"])
        assert f'threshold("{row["name"]}")' in CODE, f"{row['name']} is not used"
    with pytest.raises(DataError):
        threshold("no-such-threshold")


# ── the tables and plain lists ───────────────────────────────────────────────


def test_titles_have_a_kind_and_single_organ_titles_name_a_known_organ() -> None:
    rows = read_table("titles.tsv")
    assert {row["kind"] for row in rows} == {"official", "person"}
    organs = set(load_lexicon().organs.values())
    only_in = {row["title"]: row["only_in"] for row in rows if row["only_in"]}
    assert only_in["国务委员"] == "中华人民共和国国务院"
    assert set(only_in.values()) <= organs
    assert len({row["title"] for row in rows}) == len(rows)


@pytest.mark.parametrize("table", ["organs.tsv", "institutions.tsv"])
def test_every_alias_names_one_canonical_name(table: str) -> None:
    rows = read_table(table)
    aliases = [a for row in rows for a in row["aliases"].split("|") if a]
    canonical = [row["canonical"] for row in rows]
    assert len(canonical) == len(set(canonical))
    assert len(aliases) == len(set(aliases)), "an alias may stand for one name only"
    assert not set(aliases) & set(canonical)


def test_organ_aliases_resolve() -> None:
    assert load_lexicon().organs["党中央"] == "中国共产党中央委员会"
    assert load_lexicon().institutions["中科院"] == "中国科学院"


def test_surnames_are_one_or_two_chinese_characters() -> None:
    surnames = load_lexicon().surnames
    assert {"王", "欧阳"} <= surnames
    assert all(1 <= len(s) <= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", s) for s in surnames)


def test_no_country_is_also_a_chinese_division_name() -> None:
    gaz = load_gazetteer()
    assert {"美国", "俄罗斯"} <= load_lexicon().countries
    assert [c for c in load_lexicon().countries if gaz.candidates(c)] == []
