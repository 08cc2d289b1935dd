"""Fault injection for tests/test_output_set.py: kill builds at random points, check the output folder.

Run as ``python tests/fault_driver.py WORKDIR KILLS SEED``; prints one JSON object. The
driver warms kgraph up once, then for each trial forks a child that builds into the same
output folder (alternating two inputs) and kills it with SIGKILL. Every other child is
killed at a random time; the rest just before one of its filesystem steps (mkdir, fsync,
symlink, rename: each is logged and slowed down a little), every step in turn in a random
order, so kills land inside staging, linking and the switch as well as before and after them. After each kill
the visible files must be exactly one of the two complete sets, every output shown (a
store folder too) must come from the set the manifest describes, and nothing but the
outputs and the control folder may be in the output folder; at the end, the next build's
clean-up must leave no leftovers. Every build runs in a forked child, the reference builds
too: a build opens an Oxigraph (RocksDB) store, whose background threads a fork does not
copy, so a child forked from a process that had built once would wait for them forever.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

from kgraph.outputs import CONTROL, MANIFEST, clean_leftovers, current_set, stage_outputs
from kgraph.pipeline import build

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
INPUTS = {"A": SAMPLES / "hangzhou-keji.txt", "B": SAMPLES / "stories.jsonl"}
NAMES = ("graph.ttl", "aliases.csv", "graph.html", "store/articles.json")  # the store: its list of articles
SLOW = 0.01  # seconds added to each filesystem step of a child's build
# the steps of staging and switching (clean-up's unlinks are left out: their number varies with what
# a killed build left, and random-time kills land in the clean-up anyway)
STEPS = ("fsync", "replace", "symlink", "rename", "link", "mkdir")


def _build(which: str, out: Path) -> None:
    build([str(INPUTS[which])], out, validate=False)


def _visible(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in NAMES if (out / name).is_file()}


def _slow_down(log: Path) -> None:
    """Log each filesystem step of the build (one line to ``log``), then wait a little before doing it."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    for name in STEPS:
        real = getattr(os, name)

        def slowed(*args: object, _real: object = real, _name: str = name, **kwargs: object) -> object:
            os.write(fd, f"{_name}\n".encode())
            time.sleep(SLOW)
            return _real(*args, **kwargs)  # type: ignore[operator]

        setattr(os, name, slowed)


def _steps(log: Path) -> int:
    try:
        return log.read_bytes().count(b"\n")
    except OSError:
        return 0


def _child(which: str, out: Path, log: Path) -> None:
    try:
        _slow_down(log)
        _build(which, out)
    except BaseException:
        os._exit(3)
    os._exit(0)


def _run(which: str, out: Path, delay: float | None = None, step: int | None = None) -> tuple[str, float, int]:
    """Build ``which`` in a child; kill it after ``delay`` seconds, or just before its ``step``-th filesystem step.

    Returns the outcome, the seconds it took and how many filesystem steps it had begun.
    """
    log = out.parent / "steps.log"
    log.unlink(missing_ok=True)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(which, out, log)
    status = None
    if delay is not None:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    while step is not None and status is None:
        done, found = os.waitpid(pid, os.WNOHANG)
        if done:
            status = found
        elif _steps(log) >= step:
            os.kill(pid, signal.SIGKILL)  # the child is in the pause before that step
            break
        time.sleep(0.001)
    if status is None:
        _, status = os.waitpid(pid, 0)
    took = time.monotonic() - started
    if os.WIFSIGNALED(status):
        return "killed", took, _steps(log)
    return ("finished" if os.WEXITSTATUS(status) == 0 else f"failed {os.WEXITSTATUS(status)}"), took, _steps(log)


def _check(out: Path, expected: dict[str, dict[str, bytes]]) -> tuple[str, list[str]]:
    """Which complete set is visible ("A", "B"), and what is wrong with the folder.

    The files whose bytes are known (NAMES) must all be one reference set; every output the
    folder shows (a store folder too) must be a link into the current set, and that set's
    manifest must list exactly those outputs, with the sizes and hashes of the files shown.
    """
    problems = []
    links = {p.name for p in out.iterdir() if p.is_symlink() and os.readlink(p).startswith(f"{CONTROL}/current/")}
    extra = sorted(p.name for p in out.iterdir() if p.name not in links | {CONTROL})
    if extra:
        problems.append(f"unexpected entries in the output folder: {extra}")
    visible = _visible(out)
    which = next((key for key, files in expected.items() if visible == files), "mixed")
    if which == "mixed":
        parts = {name: next((k for k, f in expected.items() if f.get(name) == data), "?") for name, data in visible.items()}
        problems.append(f"visible files are not one set: {parts}")
    problems += _manifest_problems(out, links)
    return which, problems


def _manifest_problems(out: Path, links: set[str]) -> list[str]:
    current = current_set(out)
    if current is None:
        return ["no current set"]
    listed = json.loads((current / MANIFEST).read_text(encoding="utf-8"))["files"]
    problems = [] if set(listed) == links else [f"the links {sorted(links)} are not the set's outputs {sorted(listed)}"]
    for name, record in listed.items():
        shown = out / name
        if record.get("folder"):
            if not shown.is_dir():
                problems.append(f"{name}: the set's folder is not shown")
        elif not shown.is_file() or hashlib.sha256(shown.read_bytes()).hexdigest() != record["sha256"]:
            problems.append(f"{name}: the file shown is not the set's")
    return problems


def main(workdir: Path, kills: int, seed: int) -> dict[str, object]:
    """Kill builds until ``kills`` of them died before finishing (at most 2 × ``kills`` tries)."""
    rng = random.Random(seed)
    expected = {}
    for which in INPUTS:
        _run(which, workdir / f"ref-{which}")
        expected[which] = _visible(workdir / f"ref-{which}")
    out = workdir / "out"
    _run("A", out)
    problems: list[str] = []
    timings, counts = [], []
    for which in ("B", "A", "B", "A"):  # whole builds, to time them and count their filesystem steps
        outcome, took, count = _run(which, out)
        visible, wrong = _check(out, expected)
        timings.append(took)
        counts.append(count)
        if outcome != "finished" or visible != which or wrong:
            problems.append(f"an uninterrupted build gave {outcome}, visible {visible}, {wrong}")
    steps = min(counts)  # every build stages and switches its set in the same steps
    results: list[dict[str, object]] = []
    order = rng.sample(range(1, steps + 1), steps)  # every step once, in a random order, then again
    for trial in range(2 * kills):
        if sum(r["outcome"] == "killed" for r in results) >= kills:
            break
        target = "A" if visible == "B" else "B"
        delay = rng.uniform(0.0, 0.95 * min(timings)) if trial % 2 else None
        step = None if trial % 2 else order[(trial // 2) % steps]
        outcome, _, reached = _run(target, out, delay, step)
        visible, wrong = _check(out, expected)
        leftovers = [str(p.relative_to(out)) for p in (out / CONTROL / "builds").iterdir() if p != current_set(out)]
        results.append({"trial": trial, "delay": delay, "step": step, "steps": steps, "reached": reached,
                        "building": target, "outcome": outcome, "visible": visible, "leftovers": leftovers,
                        "problems": wrong})  # fmt: skip
        problems += [f"trial {trial}: {p}" for p in wrong]
    with stage_outputs(out):
        pass  # what the next build does first: clean up
    remaining = clean_leftovers(out)
    builds = sorted(p.name for p in (out / CONTROL / "builds").iterdir())
    if remaining or len(builds) != 1:
        problems.append(f"leftovers after the next build's clean-up: {remaining or builds}")
    return {"build_seconds": round(min(timings), 3), "trials": results, "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
