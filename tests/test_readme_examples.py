"""Every shell example in the README that runs kgraph works on the bundled samples, as in a
fresh clone: ``sh`` blocks line by line, and ``$ kgraph …`` lines in other blocks, whose shown
output must match what the command prints (up to a line with "…")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Example:
    command: str
    output: tuple[str, ...] | None  # what the README shows it prints, if anything


def _examples() -> list[Example]:
    found = []
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", README, re.DOTALL | re.MULTILINE):
        lines = body.splitlines()
        for i, line in enumerate(lines):
            if lang == "sh":
                found.append(Example(line.strip(), None))
            elif line.startswith("$ "):
                shown = tuple(lines[i + 1 :])
                found.append(Example(line[2:].strip(), shown))
    runs_kgraph = re.compile(r"^(?:\.venv/bin/)?kgraph\b|\|\s*(?:\.venv/bin/)?kgraph\b")
    return [e for e in found if runs_kgraph.search(e.command)]


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like a fresh clone after Quick start: the samples and output/ from `kgraph build`."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "samples").symlink_to(REPO / "samples")
    done = _sh("kgraph build samples/articles -q", folder)
    assert done.returncode == 0, done.stderr
    return folder


def _sh(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = command.replace(".venv/bin/kgraph", "kgraph")
    return subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def test_the_readme_has_examples_of_every_analyst_command() -> None:
    commands = {e.command.split("|")[-1].split()[1] if "|" in e.command else e.command.split()[1] for e in EXAMPLES}
    assert {"query", "explain", "export", "viz", "stats", "path", "career", "in-region"} <= commands


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.command for e in EXAMPLES])
def test_readme_example_runs(example: Example, clone: Path) -> None:
    done = _sh(example.command, clone)
    assert done.returncode == 0, done.stderr
    if example.output is None:
        return
    for shown, printed in zip(example.output, done.stdout.splitlines() + [""] * len(example.output)):
        if "…" in shown:
            break
        assert printed.rstrip() == shown.rstrip()
