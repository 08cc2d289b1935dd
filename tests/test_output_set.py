"""One build's outputs are one set (issue 11): staged, switched in together, one build at a time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import OutputError
from kgraph.outputs import CONTROL, MANIFEST, clean_leftovers, current_set, stage_outputs

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"
A, B = SAMPLES / "hangzhou-keji.txt", SAMPLES / "sichuan-gbk.txt"
NAMES = ["aliases.csv", "graph.html", "graph.ttl"]
FOLDERS = ["store"]  # the graph's Oxigraph store (kgraph.graph.store), a folder output


def build(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *map(str, args), "-q", "--no-validate"])
    return result.exit_code, result.output


def visible(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in NAMES if (out / name).is_file()}


def test_outputs_are_links_into_one_switched_set(tmp_path: Path) -> None:
    assert build(A, "-o", tmp_path)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([CONTROL, *NAMES, *FOLDERS])
    for name in NAMES + FOLDERS:
        assert os.readlink(tmp_path / name) == f"{CONTROL}/current/{name}"
    manifest = json.loads((current_set(tmp_path) / MANIFEST).read_text(encoding="utf-8"))  # type: ignore[operator]
    assert sorted(manifest["files"]) == sorted(NAMES + FOLDERS)
    assert manifest["files"]["graph.ttl"]["bytes"] == (tmp_path / "graph.ttl").stat().st_size


def test_second_build_keeps_the_previous_set_until_the_next(tmp_path: Path) -> None:
    for source in (A, B, A):
        assert build(source, "-o", tmp_path)[0] == 0
    builds = sorted(p.name for p in (tmp_path / CONTROL / "builds").iterdir())
    assert len(builds) == 2 and current_set(tmp_path).name in builds  # type: ignore[union-attr]


def test_concurrent_build_is_refused(tmp_path: Path) -> None:
    assert build(A, "-o", tmp_path)[0] == 0
    before = visible(tmp_path)
    with stage_outputs(tmp_path):  # another build holds the folder
        code, output = build(B, "-o", tmp_path)
    assert code == 1
    assert output == f"Error: another kgraph build is writing to {tmp_path} (pid {os.getpid()}); wait for it to finish or choose another -o\n"
    assert visible(tmp_path) == before


def test_two_processes_building_at_once_never_mix(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "kgraph", "build", "-o", str(tmp_path), "-q", "--no-validate"]
    runs = [subprocess.Popen([*command, str(source)], stderr=subprocess.PIPE, text=True) for source in (A, B)]
    results = [(run.wait(120), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1])
    for code, err in results:
        assert code == 0 or "another kgraph build is writing to" in err
    references = {}
    for source in (A, B):
        assert build(source, "-o", tmp_path / source.stem)[0] == 0
        references[source] = visible(tmp_path / source.stem)
    assert visible(tmp_path) in references.values()


def test_leftovers_of_a_killed_build_are_cleaned_by_the_next(tmp_path: Path) -> None:
    assert build(A, "-o", tmp_path)[0] == 0
    stale = tmp_path / CONTROL / "builds" / "killed-build"
    stale.mkdir()
    (stale / "graph.ttl").write_text("half", encoding="utf-8")
    for tmp in (tmp_path / ".graph.ttl.abc123.tmp", tmp_path / CONTROL / ".current.99.tmp"):
        tmp.write_text("", encoding="utf-8")
    assert build(B, "-o", tmp_path)[0] == 0
    leftovers = [p.name for p in tmp_path.iterdir()] + [p.name for p in (tmp_path / CONTROL).iterdir()]
    assert not stale.exists() and not [name for name in leftovers if name.endswith(".tmp")]


def test_folder_in_place_of_an_output_changes_nothing(tmp_path: Path) -> None:
    assert build(A, "-o", tmp_path, "--no-html")[0] == 0
    before = visible(tmp_path)
    (tmp_path / "graph.html").mkdir()
    code, output = build(B, "-o", tmp_path)
    assert code == 1
    assert output == f"Error: cannot write {tmp_path / 'graph.html'}: it is a folder; move it away or choose another -o (the previous outputs are unchanged)\n"
    assert visible(tmp_path) == before


def test_full_disk_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert build(A, "-o", tmp_path)[0] == 0
    before = visible(tmp_path)
    real = os.fsync
    calls = []

    def full(fd: int) -> None:
        calls.append(fd)
        if os.readlink(f"/proc/self/fd/{fd}").endswith("/graph.html"):  # graph.html does not fit (it is drawn
            raise OSError(28, "No space left on device")  # in a child process while graph.ttl and the store are staged)
        real(fd)

    monkeypatch.setattr(os, "fsync", full)
    code, output = build(B, "-o", tmp_path)
    assert code == 1 and output.startswith("Error: cannot write ") and "graph.html: No space left on device" in output
    assert output.rstrip().endswith("(the previous outputs are unchanged)")
    assert visible(tmp_path) == before
    assert len(list((tmp_path / CONTROL / "builds").iterdir())) == 1


def test_build_without_html_leaves_no_stale_page(tmp_path: Path) -> None:
    assert build(A, "-o", tmp_path)[0] == 0
    assert build(B, "-o", tmp_path, "--no-html")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONTROL, "aliases.csv", "graph.ttl", "store"]


def test_outputs_of_an_older_kgraph_are_adopted_whole(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    (tmp_path / "screenshot.png").write_bytes(b"png")
    with stage_outputs(tmp_path) as staged:
        assert visible(tmp_path) == {name: f"old {name}".encode() for name in NAMES}
        staged.write_text("graph.ttl", "new")
        staged.commit()
    assert visible(tmp_path) == {"graph.ttl": b"new"}  # links of the new set only
    assert (tmp_path / "screenshot.png").read_bytes() == b"png"  # other files are left alone


def test_output_folder_that_is_a_device_is_refused(tmp_path: Path) -> None:
    code, output = build(A, "-o", "/dev/null")
    assert (code, output) == (1, "Error: cannot use /dev/null as the output folder: it is a character device\n")
    with pytest.raises(OutputError, match="it is a file"), stage_outputs(Path(A)):
        pass


def test_viz_rewrites_the_page_of_the_current_set(tmp_path: Path) -> None:
    assert build(A, "-o", tmp_path)[0] == 0
    result = CliRunner().invoke(main, ["viz", "-g", str(tmp_path / "graph.ttl"), "-o", str(tmp_path / "graph.html"),
                                       "--title", "another title"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.html").is_symlink()
    assert "another title" in (current_set(tmp_path) / "graph.html").read_text(encoding="utf-8")  # type: ignore[operator]
    assert clean_leftovers(tmp_path) == []


def test_killed_builds_leave_one_whole_set(tmp_path: Path) -> None:
    """Fault injection: 40 builds killed (SIGKILL), half at random times, half before each filesystem step
    (a build has 19 of them with its store: 20 kills at steps reach every one, the switch included)."""
    seed = int(os.environ.get("KGRAPH_FAULT_SEED", "20261129"))
    driver = subprocess.run([sys.executable, str(REPO / "tests" / "fault_driver.py"), str(tmp_path), "40", str(seed)],
                            capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert driver.returncode == 0, driver.stderr[-3000:]
    report = json.loads(driver.stdout)
    killed = [t for t in report["trials"] if t["outcome"] == "killed"]
    assert report["problems"] == []
    assert len(killed) >= 40, report
    steps = killed[0]["steps"]
    at_steps = {t["reached"] for t in killed if t["step"] is not None}
    assert at_steps >= set(range(1, min(steps, 15) + 1)), (steps, sorted(at_steps))  # every step of the commit
    summary = [(t["step"], t["reached"], t["building"], t["visible"]) for t in killed]
    assert any(t["visible"] != t["building"] for t in killed), summary  # killed before the switch: the old set stays
    assert any(t["visible"] == t["building"] for t in killed), summary  # killed after it: the new set is whole
