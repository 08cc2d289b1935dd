"""Precision, recall and F1 against hand-checked gold files (../shared/gold format).

Matching rules (see the gold README):
- officials by name; posts as (name, title, org_or_region);
- districts by canonical name (宁波市镇海区), counting districts the text mentions
  (parents added from the dataset are not counted);
- companies and labs: a predicted entity matches a gold one when any of its names
  (canonical or alias) equals the gold name or one of the gold aliases;
- zones like companies and labs (``zones``, ``zone_aliases``);
- relations as gold writes them, one row per predicate: holdsPost (posts held now),
  formerPost (gold: the posts marked ``former``), locatedIn, partOf, coBuiltWith,
  incubatedBy; partOf is taken between mentioned districts: each district to its
  nearest mentioned ancestor. The ``relations`` row sums what the first gold files
  annotate (holdsPost, locatedIn, partOf), every post as holdsPost. A predicted relation listed in
  ``relations_lenient`` is not counted as wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import GoldError, IngestError
from kgraph.ingest.files import read_regular, shown
from kgraph.model import Article, EntityType, Predicate
from kgraph.resolve.merge import Resolved
from kgraph.resources.lexicon import Lexicon, load_lexicon

__all__ = ["KINDS", "GoldCase", "Score", "check_gold", "format_scores", "load_gold", "score_case"]

RELATIONS = ("holdsPost", "formerPost", "locatedIn", "partOf", "coBuiltWith", "incubatedBy")
KINDS = ("officials", "posts", "districts", "zones", "companies", "labs", *RELATIONS, "relations")
_ALIASES = {"companies": "company_aliases", "labs": "lab_aliases", "zones": "zone_aliases"}
# a gold alias's note: 某某航天集团有限公司 (full name, not in text)
_NOTE = re.compile(r"\s*[（(][^)）]*(not in text|full name)[^)）]*[)）]\s*$")


@dataclass(frozen=True)
class Score:
    kind: str
    tp: int  # gold items found
    correct: int  # predicted items that are right (lenient ones included)
    predicted: int
    gold: int
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class GoldCase:
    path: Path
    article_path: Path
    data: dict


def load_gold(path: Path) -> GoldCase:
    """Read a gold file and find its article (``article`` is relative to the gold folder's parent)."""
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except (IngestError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise GoldError(f"{shown(path)}: cannot read gold file ({reason})") from exc
    check_gold(data, shown(path))
    for base in (path.parent.parent, path.parent, Path.cwd()):
        candidate = base / data["article"]
        if _exists(candidate):
            return GoldCase(path, candidate, data)
    raise GoldError(f"{shown(path)}: article {data['article']!r} not found next to the gold folder")


_STRINGS = "a list of strings"
_OPTIONAL: dict[str, str] = {
    "districts": _STRINGS, "companies": _STRINGS, "labs": _STRINGS,
    "company_aliases": "an object of name → list of strings", "lab_aliases": "an object of name → list of strings",
    "relations": "a list of [subject, predicate, object] strings",
    "relations_lenient": "a list of [subject, predicate, object] strings",
}  # fmt: skip


def check_gold(data: object, name: str) -> None:
    """Raise ``GoldError`` naming the first field of a gold file that is missing or of the wrong shape."""
    if not isinstance(data, dict):
        raise GoldError(f"{name}: a gold file is a JSON object with 'article' and 'officials' fields")
    if not isinstance(data.get("article"), str) or not data["article"].strip():
        raise GoldError(f"{name}: field 'article' must be the article's file name (a string)")
    if not _is_officials(data.get("officials")):
        raise GoldError(f"{name}: field 'officials' must be a list of {{name, posts: [{{title, org_or_region}}]}}")
    for field, shape in _OPTIONAL.items():
        if field in data and not _fits(data[field], field):
            raise GoldError(f"{name}: field {field!r} must be {shape}")


def _is_officials(value: object) -> bool:
    def post_ok(post: object) -> bool:
        return isinstance(post, dict) and all(isinstance(post.get(k), str) for k in ("title", "org_or_region"))

    return isinstance(value, list) and all(
        isinstance(o, dict) and isinstance(o.get("name"), str) and isinstance(o.get("posts"), list)
        and all(map(post_ok, o["posts"]))
        for o in value
    )  # fmt: skip


def _fits(value: object, field: str) -> bool:
    def strings(items: object) -> bool:
        return isinstance(items, list) and all(isinstance(i, str) for i in items)

    if field.endswith("_aliases"):
        return isinstance(value, dict) and all(strings(v) for v in value.values())
    if field.startswith("relations"):
        return isinstance(value, list) and all(strings(r) and len(r) == 3 for r in value)
    return strings(value)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a NUL byte or an over-long name
        return False


def _strip(name: str) -> str:
    return _NOTE.sub("", name).strip()


def _gold_names(data: dict, kind: str) -> dict[str, set[str]]:
    aliases = data.get(_ALIASES[kind], {})
    return {name: {name, *(_strip(a) for a in aliases.get(name, []))} for name in data.get(kind, [])}


def _match_orgs(resolved: Resolved, data: dict, kind: str, type_: EntityType) -> tuple[Score, dict[str, str]]:
    gold = _gold_names(data, kind)
    predicted = [e for e in resolved.entities if e.type is type_]
    found: dict[str, str] = {}  # entity key → gold name
    for entity in predicted:
        names = {entity.name, *entity.aliases}
        for gold_name, gold_forms in gold.items():
            if names & gold_forms:
                found[entity.key] = gold_name
    hit = set(found.values())
    score = Score(
        kind, len(set(found.values())), len(found), len(predicted), len(gold),
        tuple(sorted(set(gold) - hit)), tuple(sorted(e.name for e in predicted if e.key not in found)),
    )  # fmt: skip
    return score, found


def _score_sets(kind: str, predicted: set, gold: set, allowed: set | None = None) -> Score:
    allowed = gold | (allowed or set())
    return Score(
        kind, len(predicted & gold), len(predicted & allowed), len(predicted), len(gold),
        tuple(sorted(map(str, gold - predicted))), tuple(sorted(map(str, predicted - allowed))),
    )  # fmt: skip


def score_case(case: GoldCase, resolved: Resolved) -> list[Score]:
    data = case.data
    names = {e.key: e.name for e in resolved.entities}
    officials = [e for e in resolved.entities if e.type is EntityType.OFFICIAL]
    lex = load_lexicon()  # 国家发展改革委 and 国家发展和改革委员会 are one organ, 兵团教育局 a unit of 新疆生产建设兵团
    gold_posts = {
        (o["name"], p["title"], lex.organ_name(p["org_or_region"]))
        for o in data["officials"]
        for p in o["posts"]
    }
    posts = {(e.name, p.title, p.org_name) for e in officials for p in e.posts}
    mentioned = {m.key for m in resolved.mentions if m.type is EntityType.DISTRICT}
    districts = {names[k] for k in mentioned}
    orgs = {kind: _match_orgs(resolved, data, kind, type_) for kind, type_ in _ORG_KINDS.items()}
    org_names = {**names, **{k: v for _, found in orgs.values() for k, v in found.items()}}
    predicted = _relations(resolved, org_names, mentioned)
    gold, lenient = _gold_relations(data, lex)
    return [
        _score_sets("officials", {e.name for e in officials}, {o["name"] for o in data["officials"]}),
        _score_sets("posts", posts, gold_posts),
        _score_sets("districts", districts, set(data.get("districts", []))),
        *(orgs[kind][0] for kind in _ORG_KINDS),
        *(_relation_score(kind, predicted, gold, lenient) for kind in RELATIONS),
        _combined(predicted, gold, lenient),
    ]


_ORG_KINDS = {"zones": EntityType.ZONE, "companies": EntityType.COMPANY, "labs": EntityType.LAB}


def _gold_relations(data: dict, lex: Lexicon) -> tuple[set, set]:
    """Strict and lenient gold relations; former posts are formerPost facts."""
    gold = _canonical_posts({tuple(r) for r in data.get("relations", [])}, lex)
    lenient = _canonical_posts({tuple(r) for r in data.get("relations_lenient", [])}, lex)
    for official in data["officials"]:
        for post in official["posts"]:
            if post.get("former"):
                where = lex.organ_name(post["org_or_region"])
                gold.add((official["name"], "formerPost", f"{post['title']}@{where}"))
    lenient |= {(s, "formerPost", o) for s, p, o in lenient if p == "holdsPost"}
    return gold, lenient


def _relation_score(kind: str, predicted: set, gold: set, lenient: set) -> Score:
    return _score_sets(kind, {r for r in predicted if r[1] == kind}, {r for r in gold if r[1] == kind}, lenient)


_FIRST_KINDS = ("holdsPost", "locatedIn", "partOf")


def _combined(predicted: set, gold: set, lenient: set) -> Score:
    """The relations the first gold files annotate (posts, locatedIn, partOf), every post as holdsPost."""
    as_held = {(s, "holdsPost" if p == "formerPost" else p, o) for s, p, o in predicted}
    as_held = {r for r in as_held if r[1] in _FIRST_KINDS}
    strict = {r for r in gold if r[1] in _FIRST_KINDS}
    return _score_sets("relations", as_held, strict, lenient)


def _canonical_posts(relations: set, lex: Lexicon) -> set:
    out = set()
    for subject, predicate, obj in relations:
        if predicate == "holdsPost" and "@" in obj:
            title, _, where = obj.partition("@")
            obj = f"{title}@{lex.organ_name(where)}"
        elif predicate in ("coBuiltWith", "incubatedBy"):
            obj = lex.organs.get(obj, obj)  # 国家林草局 and 国家林业和草原局 are one partner
        out.add((subject, predicate, obj))
    return out


_ORG_RELATIONS = {
    Predicate.LOCATED_IN: "locatedIn",
    Predicate.CO_BUILT_WITH: "coBuiltWith",
    Predicate.INCUBATED_BY: "incubatedBy",
}


def _relations(resolved: Resolved, names: dict[str, str], mentioned: set[str]) -> set[tuple[str, str, str]]:
    out: set[tuple[str, str, str]] = set()
    for entity in resolved.entities:
        for post in entity.posts if entity.type is EntityType.OFFICIAL else ():
            out.add((entity.name, "formerPost" if post.former else "holdsPost", post.label))
    for triple in resolved.triples:
        kind = _ORG_RELATIONS.get(triple.predicate)
        if kind is not None and triple.subject in names and triple.obj in names:
            out.add((names[triple.subject], kind, names[triple.obj]))
    parents = {t.subject: t.obj for t in resolved.triples if t.predicate is Predicate.PART_OF}
    for key in mentioned:
        parent = parents.get(key)
        while parent is not None and parent not in mentioned:
            parent = parents.get(parent)
        if parent is not None:
            out.add((names[key], "partOf", names[parent]))
    return out


def format_scores(scores: Iterable[Score], verbose: bool = False) -> str:
    lines = [f"{'kind':<12} {'P':>6} {'R':>6} {'F1':>6} {'found':>5} {'pred':>5} {'gold':>5}"]
    for s in scores:
        lines.append(
            f"{s.kind:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.predicted:5d} {s.gold:5d}"
        )
        if verbose:
            lines += [f"    missing: {m}" for m in s.missing] + [f"    extra:   {x}" for x in s.extra]
    return "\n".join(lines)


def evaluate(paths: Iterable[Path], build: Callable[[list[Article]], Resolved], read: Callable[[Path], list[Article]]) -> list[Score]:
    """Scores summed over gold files; ``build`` turns articles into a resolved graph."""
    per_case = [score_case(case, build(read(case.article_path))) for case in map(load_gold, paths)]
    return [_sum(kind, [s for scores in per_case for s in scores if s.kind == kind]) for kind in KINDS]


def _sum(kind: str, scores: list[Score]) -> Score:
    return Score(
        kind, sum(s.tp for s in scores), sum(s.correct for s in scores), sum(s.predicted for s in scores),
        sum(s.gold for s in scores), tuple(m for s in scores for m in s.missing),
        tuple(x for s in scores for x in s.extra),
    )  # fmt: skip
