"""jieba's tables kept in a build's cache (segment.use_cache) give the tokenizers jieba itself would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# In a fresh process: kgraph's tokenizers (from the cache in argv[1], or made and cached) against
# the ones jieba builds the documented way, and jieba.posseg's own global tokenizer.
CHILD = """
import json, sys, time
from pathlib import Path
from kgraph import segment
segment.use_cache(Path(sys.argv[1]))
started = time.perf_counter()
segment.preload()
seconds = time.perf_counter() - started
import jieba, jieba.posseg
reference = jieba.Tokenizer()
reference.initialize()
for word in segment._EXTRA_WORDS:
    reference.add_word(word, freq=2000, tag="n")
tagger = jieba.posseg.POSTokenizer(reference)
ours = segment._pos_tokenizer()
text = "浙江省委书记曹启明在宁波市镇海区调研睿钻科技有限公司，国务院总理李明出席。"
words = {}
with jieba.dt.get_dict_file() as handle:
    for raw in handle:
        parts = raw.decode("utf-8").split()
        words[parts[0]] = (int(parts[1]), parts[2])
pristine = jieba.posseg.POSTokenizer(jieba.Tokenizer())
checks = {
    "freq": segment._tokenizer().FREQ == reference.FREQ and segment._tokenizer().total == reference.total,
    "tags": list(ours.cut(text)) == list(tagger.cut(text)) and ours.word_tag_tab == tagger.word_tag_tab,
    "word_info": all(segment.word_info(w) == info for w, info in words.items()) and segment.word_info("镇海区x") is None,
    "global_posseg": jieba.posseg.dt.word_tag_tab == pristine.word_tag_tab and jieba.posseg.dt.tokenizer is jieba.dt,
}
print(json.dumps({"checks": checks, "seconds": seconds}))
"""


def run_child(cache: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(cache)], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=300)  # fmt: skip
    return json.loads(done.stdout)


def test_cached_tables_give_jiebas_own_tokenizers(tmp_path: Path) -> None:
    first = run_child(tmp_path)  # makes the cache
    assert all(first["checks"].values()), first
    [cached] = tmp_path.glob("jieba-*.tables")
    second = run_child(tmp_path)  # reads it
    assert all(second["checks"].values()), second
    assert second["seconds"] < first["seconds"]
    cached.write_bytes(cached.read_bytes()[:100])  # half-written by a killed build: made again
    third = run_child(tmp_path)
    assert all(third["checks"].values()), third
