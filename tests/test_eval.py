"""kgraph eval's reading of gold files."""

from __future__ import annotations

from kgraph.evaluate import _gold_relations
from kgraph.resources.lexicon import load_lexicon


def test_a_partner_organ_in_gold_is_compared_by_its_canonical_name():
    data = {"officials": [], "relations": [["某研究中心", "coBuiltWith", "国家林草局"], ["某研究中心", "coBuiltWith", "某省"]]}
    gold, _ = _gold_relations(data, load_lexicon())
    assert gold == {("某研究中心", "coBuiltWith", "国家林业和草原局"), ("某研究中心", "coBuiltWith", "某省")}
