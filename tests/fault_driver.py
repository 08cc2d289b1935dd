"""Fault injection for tests/test_output_set.py: kill builds at random points, check the output folder.

Run as ``python tests/fault_driver.py WORKDIR KILLS SEED``; prints one JSON object. The
driver warms kgraph up once, then for each trial forks a child that builds into the same
output folder (alternating two inputs) and kills it with SIGKILL after a random delay.
The child's filesystem steps (fsync, rename, symlink) are slowed down a little, so random
kills land inside the switch as well as before and after it. After each kill the visible
files must be exactly one of the two complete sets, and nothing but the outputs and the
control folder may be in the output folder.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

from kgraph.outputs import CONTROL, clean_leftovers, current_set, stage_outputs
from kgraph.pipeline import build

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
INPUTS = {"A": SAMPLES / "hangzhou-keji.txt", "B": SAMPLES / "stories.jsonl"}
NAMES = ("graph.ttl", "aliases.csv", "graph.html")
SLOW = 0.01  # seconds added to each filesystem step of a child's build


def _build(which: str, out: Path) -> None:
    build([str(INPUTS[which])], out, validate=False)


def _visible(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in NAMES if (out / name).exists()}


def _slow_down() -> None:
    for name in ("fsync", "replace", "symlink", "rename", "link"):
        real = getattr(os, name)

        def slowed(*args: object, _real=real, **kwargs: object) -> object:
            time.sleep(SLOW)
            return _real(*args, **kwargs)

        setattr(os, name, slowed)


def _child(which: str, out: Path) -> None:
    try:
        _slow_down()
        _build(which, out)
    except BaseException:
        os._exit(3)
    os._exit(0)


def _run(which: str, out: Path, delay: float | None) -> tuple[str, float]:
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(which, out)
    if delay is not None:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    took = time.monotonic() - started
    if os.WIFSIGNALED(status):
        return "killed", took
    return ("finished" if os.WEXITSTATUS(status) == 0 else f"failed {os.WEXITSTATUS(status)}"), took


def _check(out: Path, expected: dict[str, dict[str, bytes]]) -> tuple[str, list[str]]:
    """Which complete set is visible ("A", "B"), and what is wrong with the folder."""
    problems = []
    extra = sorted(p.name for p in out.iterdir() if p.name not in (*NAMES, CONTROL))
    if extra:
        problems.append(f"unexpected entries in the output folder: {extra}")
    visible = _visible(out)
    which = next((key for key, files in expected.items() if visible == files), "mixed")
    if which == "mixed":
        parts = {name: next((k for k, f in expected.items() if f.get(name) == data), "?") for name, data in visible.items()}
        problems.append(f"visible files are not one set: {parts}")
    return which, problems


def main(workdir: Path, kills: int, seed: int) -> dict[str, object]:
    """Kill builds until ``kills`` of them died before finishing (at most 3 × ``kills`` tries)."""
    rng = random.Random(seed)
    expected = {}
    for which in INPUTS:
        _build(which, workdir / f"ref-{which}")
        expected[which] = _visible(workdir / f"ref-{which}")
    out = workdir / "out"
    _build("A", out)
    outcome, took = _run("B", out, None)  # one whole build, to time it
    results: list[dict[str, object]] = []
    visible, problems = _check(out, expected)
    if outcome != "finished" or visible != "B":
        problems.append(f"an uninterrupted build gave {outcome}, visible {visible}")
    for trial in range(3 * kills):
        if sum(r["outcome"] == "killed" for r in results) >= kills:
            break
        target = "A" if visible == "B" else "B"
        delay = rng.uniform(0.0, took)
        outcome, _ = _run(target, out, delay)
        visible, wrong = _check(out, expected)
        leftovers = [str(p.relative_to(out)) for p in (out / CONTROL / "builds").iterdir() if p != current_set(out)]
        results.append({"trial": trial, "delay": round(delay, 4), "building": target, "outcome": outcome,
                        "visible": visible, "leftovers": leftovers, "problems": wrong})  # fmt: skip
        problems += [f"trial {trial}: {p}" for p in wrong]
    with stage_outputs(out):
        pass  # what the next build does first: clean up
    remaining = clean_leftovers(out)
    builds = sorted(p.name for p in (out / CONTROL / "builds").iterdir())
    if remaining or len(builds) != 1:
        problems.append(f"leftovers after the next build's clean-up: {remaining or builds}")
    return {"build_seconds": round(took, 3), "trials": results, "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
