"""Entity resolution: one node per real-world thing, and no silent wrong merges."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import InputError
from kgraph.extract.article import extract
from kgraph.extract.orgs import company_core
from kgraph.model import Article, EntityType, Predicate
from kgraph.pipeline import aliases_csv, resolve_all
from kgraph.resolve.overrides import Overrides, load_overrides


def build(*texts: str, overrides: Overrides | None = None):
    return resolve_all([extract(Article(f"a{i}", text)) for i, text in enumerate(texts)], overrides)


def of_type(resolved, type_: EntityType):
    return [e for e in resolved.entities if e.type is type_]


def names(resolved, type_: EntityType) -> set[str]:
    return {e.name for e in of_type(resolved, type_)}


# ── districts ────────────────────────────────────────────────────────────────


def test_district_forms_in_different_articles_are_one_node():
    r = build("宁波市镇海区发布新政。", "镇海区委书记讲话，宁波各区县参加。", "宁波的镇海发展迅速。")
    zhenhai = [e for e in of_type(r, EntityType.DISTRICT) if e.attr("code") == "330211"]
    assert len(zhenhai) == 1
    assert {"镇海", "镇海区"} <= set(zhenhai[0].aliases)
    assert {m.article_id for m in r.mentions if m.key == "district:330211"} == {"a0", "a1", "a2"}


@pytest.mark.parametrize(
    "text, code",
    [
        ("南京市鼓楼区举办活动。", "320106"),  # parent right before it
        ("福建省召开会议，鼓楼区作交流发言。", "350102"),  # province named in the article
        ("福州市委召开会议。鼓楼区委书记林一平介绍，", "350102"),  # region of the official's title
    ],
)
def test_ambiguous_district_is_decided_by_context(text, code):
    r = build(text)
    assert f"district:{code}" in {m.key for m in r.mentions}
    assert of_type(r, EntityType.PLACE) == []


def test_undecidable_district_stays_an_ambiguous_place_with_candidates():
    r = build("鼓楼区开展了志愿服务活动。")
    (place,) = of_type(r, EntityType.PLACE)
    assert place.name == "鼓楼区"
    candidates = {value for name, value in place.attrs if name == "candidate"}
    assert {"district:320106", "district:350102", "district:320302", "district:410204"} <= candidates
    assert all(not e.name.endswith("鼓楼区") for e in of_type(r, EntityType.DISTRICT))


@pytest.mark.parametrize("text", ["长三角一体化加速推进。", "华东地区迎来降雨。", "中国华测(华南)实验室揭牌。"])
def test_place_like_words_give_no_district(text):
    r = build(text)
    assert of_type(r, EntityType.DISTRICT) == [] and of_type(r, EntityType.PLACE) == []


# ── organisations ────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "texts, canonical, alias",
    [
        (["中科院专家到访。", "中国科学院发布报告。"], "中国科学院", "中科院"),
        (["上海交大团队参与。", "上海交通大学举办论坛。"], "上海交通大学", "上海交大"),
        (
            ["中科院长春光机所发布成果。", "中国科学院长春光学精密机械与物理研究所召开会议。"],
            "中国科学院长春光学精密机械与物理研究所",
            "中科院长春光机所",
        ),
        (["福州滨海理工大学(暂名)引进院士。", "福州滨海理工大学举行典礼。"], "福州滨海理工大学", "福州滨海理工大学(暂名)"),
    ],
)
def test_lab_abbreviations_merge_into_the_full_name(texts, canonical, alias):
    r = build(*texts)
    (lab,) = of_type(r, EntityType.LAB)
    assert lab.name == canonical and alias in lab.aliases


def test_abbreviation_that_fits_two_institutes_is_not_merged():
    r = build("中科院光机所发布成果。", "中国科学院上海光学精密机械研究所和中国科学院西安光学精密机械研究所签约。")
    assert "中科院光机所" in names(r, EntityType.LAB)


@pytest.mark.parametrize(
    "texts, merged",
    [
        (["睿钻科技公司投产。", "睿钻科技有限公司扩产。"], True),  # legal form only
        (["瑞聚传媒等5家企业入选。", "宁波瑞聚传媒科技有限公司发布年报。"], True),  # trade name
        (["杭州华星科技有限公司签约。", "广州华星科技有限公司签约。"], False),  # two regions
        (["美国钢铁公司宣布裁员。", "据报道，英国钢铁公司停产。"], False),  # two countries
        (["秘鲁国家广播电视集团报道。", "国家广播电视集团发布节目。"], False),  # 国家 is no trade name
        (["广东省交通集团签约。", "广东交通集团投资。"], True),  # same region, common word
    ],
)
def test_company_names(texts, merged):
    assert (len(of_type(build(*texts), EntityType.COMPANY)) == 1) is merged


@pytest.mark.parametrize(
    "name, core",
    [
        ("宁波瑞聚传媒科技有限公司", ("330200", "瑞聚")),
        ("广东省交通集团", ("440000", "交通")),
        ("广东交通集团", ("440000", "交通")),
        ("睿钻科技公司", ("", "睿钻")),
        ("恒达鞋业（福建）有限公司", ("", "恒达鞋业")),
    ],
)
def test_company_core(name, core):
    from kgraph.resources.divisions import load_gazetteer

    gaz = load_gazetteer()
    assert company_core(name, lambda n: (gaz.candidates(n) or (None,))[0]) == core


# ── officials ────────────────────────────────────────────────────────────────


def test_later_mentions_in_an_article_link_to_the_official():
    text = "嘉兴市委书记陈一平主持会议。陈一平指出，要抓好项目。会后，陈书记来到企业调研。"
    r = build(text)
    (official,) = of_type(r, EntityType.OFFICIAL)
    spans = sorted(text[m.start : m.end] for m in r.mentions if m.key == official.key)
    assert spans == ["陈一平", "陈一平", "陈书记"]


def test_surname_title_is_not_linked_when_two_officials_fit():
    text = "嘉兴市委书记陈一平、湖州市委书记陈立新出席。陈书记表示，"
    r = build(text)
    assert all(text[m.start : m.end] != "陈书记" for m in r.mentions)


def test_same_official_across_articles_with_compatible_posts_is_one_node():
    r = build("嘉兴市委书记陈一平主持会议。", "原则上，浙江省委常委、嘉兴市委书记陈一平出席。")
    (official,) = of_type(r, EntityType.OFFICIAL)
    assert {p.title for p in official.posts} == {"市委书记", "省委常委"}


def test_national_posts_merge_into_the_only_regional_namesake():
    r = build("上海市委书记陈海明调研。", "中共中央政治局委员陈海明出席。")
    (official,) = of_type(r, EntityType.OFFICIAL)
    assert {p.org_name for p in official.posts} == {"上海市", "中国共产党中央委员会"}
    assert any(link.rule.startswith("official-region") for link in r.links)


def test_same_name_in_unrelated_provinces_stays_two_people():
    r = build("嘉兴市委书记王明主持会议。", "长沙市委书记王明调研。", "国务院副总理王明出席。")
    assert len(of_type(r, EntityType.OFFICIAL)) == 3  # the national one cannot choose between two
    assert [a.reason for a in r.apart] == ["same name, posts in different provinces"]


# ── a multi-article build ────────────────────────────────────────────────────


def test_multi_article_build_merges_each_thing_once():
    r = build(
        "浙江省宁波市镇海区委书记林涛介绍，睿钻科技公司由中科院上海硅酸盐所孵化，已在镇海投产。",
        "宁波镇海区委书记林涛说，中国科学院上海硅酸盐研究所与睿钻科技有限公司签约合作。",
        "镇海区委书记林涛调研。",
    )
    assert len([e for e in of_type(r, EntityType.DISTRICT) if e.attr("code") == "330211"]) == 1
    assert names(r, EntityType.OFFICIAL) == {"林涛"} and len(of_type(r, EntityType.OFFICIAL)) == 1
    assert names(r, EntityType.LAB) == {"中国科学院上海硅酸盐研究所"}
    assert len(of_type(r, EntityType.COMPANY)) == 1
    incubated = [t for t in r.triples if t.predicate is Predicate.INCUBATED_BY]
    assert {t.obj for t in incubated} == {"lab:中国科学院上海硅酸盐研究所"}


# ── audit and overrides ──────────────────────────────────────────────────────


def test_aliases_csv_lists_alias_canonical_type_and_rule():
    r = build("上海交大团队参与。", "上海交通大学举办论坛。", "宁波市镇海区召开会议，镇海表现突出。")
    lines = aliases_csv(r).splitlines()
    assert lines[0] == "alias,canonical,type,rule,key"
    rows = {tuple(line.split(",")[:3]) for line in lines[1:]}
    assert ("上海交大", "上海交通大学", "lab") in rows
    assert ("镇海", "宁波市镇海区", "district") in rows
    assert all(line.split(",")[3] for line in lines[1:])  # every alias has its rule


def test_override_file(tmp_path: Path):
    path = tmp_path / "kgraph-overrides.csv"
    path.write_text(
        "action,name,target\n# comments are fine\nsame,天目山实验室,杭州天目山实验室\nnot,世界500强,\napart,陈海明,\n",
        encoding="utf-8",
    )
    overrides = load_overrides(path)
    r = build(
        "天目山实验室发布成果。",
        "杭州天目山实验室举行签约。",
        "世界500强等20家企业落户。",
        "上海市委书记陈海明调研。",
        "中共中央政治局委员陈海明出席。",
        overrides=overrides,
    )
    labs = of_type(r, EntityType.LAB)
    assert [(lab.name, lab.aliases) for lab in labs] == [("杭州天目山实验室", ("天目山实验室",))]
    assert "世界500强" not in {e.name for e in r.entities}
    assert len(of_type(r, EntityType.OFFICIAL)) == 2
    assert any(rec.rule == "override: same" for rec in r.aliases)


@pytest.mark.parametrize(
    "content, message",
    [
        ("merge,a,b\n", "line 1: expected action,name,target with action one of same, not, apart"),
        ("same,a,\n", "target required for 'same'"),
    ],
)
def test_bad_override_file_says_what_is_valid(tmp_path: Path, content, message):
    path = tmp_path / "o.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_overrides(path)


def test_titled_name_without_organ_joins_the_only_official_of_that_name():
    r = build("国务院总理李明出席。", "总理李明强调，要稳增长。")
    assert names(r, EntityType.OFFICIAL) == {"李明"} and names(r, EntityType.PERSON) == set()
    assert {m.article_id for m in r.mentions if m.type is EntityType.OFFICIAL} == {"a0", "a1"}


def test_titled_name_stays_a_person_when_two_officials_share_the_name():
    r = build("嘉兴市委书记王明主持会议。", "长沙市委书记王明调研。", "部长王明强调，")
    assert names(r, EntityType.PERSON) == {"王明"}


def test_a_country_is_no_company_name():
    assert names(build("多家美国公司表示担忧。"), EntityType.COMPANY) == set()


def test_organs_in_a_company_list_are_not_companies():
    r = build("财政部、工业和信息化部等部门和华星科技等企业参加。")
    assert "财政部" not in names(r, EntityType.COMPANY) and "工业和信息化部" not in names(r, EntityType.COMPANY)


def test_name_cut_short_by_the_segmenter_joins_the_full_name():
    # jieba reads 刘国中 whole before 在, but cuts it (刘国|中) before 参加
    r = build("国务院副总理刘国中在开幕式上讲话。", "中共中央政治局委员、国务院副总理刘国中参加审议。")
    assert names(r, EntityType.OFFICIAL) == {"刘国中"}


def test_two_character_name_is_not_lengthened_when_it_ends_a_phrase():
    r = build("国务院副总理刘国中在开幕式上讲话。", "外交部部长刘国说，")
    assert names(r, EntityType.OFFICIAL) == {"刘国中", "刘国"}


def test_former_posts_elsewhere_join_the_namesake_who_holds_a_post_now():
    r = build("1993年，时任福州市委书记陈海明同志指出，", "2000年，时任浙江省委书记陈海明同志强调，", "中共中央政治局委员陈海明出席。")
    (official,) = of_type(r, EntityType.OFFICIAL)
    assert {(p.org_name, p.former) for p in official.posts} >= {("福州市", True), ("浙江省", True)}
    assert any(link.rule.startswith("official-former") for link in r.links)


def test_a_name_one_article_gives_a_foreign_post_is_no_official_elsewhere():
    r = build("吊唁越共中央总书记阮明山逝世。", "王国华总书记同阮明山总书记通电话。")
    assert {e.name for e in of_type(r, EntityType.OFFICIAL)} == {"王国华"}
    assert "阮明山" in {e.name for e in of_type(r, EntityType.PERSON)}
