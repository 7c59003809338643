"""Shared fixtures: real indexes on disk, built through the real CLI.

Two kinds of test live here. Most stand on the repository alone: the seeds and the
articles under `tests/fixtures/`, written for the tests. The corpus-scale tests
(marked `corpus`: the BBC corpus, the PolNeAR folder, the who-said-what gold) read
`../shared` beside the project. On a user's clone it is not there and they are
skipped, each with its reason in the summary; CI sets SEARCH_REQUIRE_SHARED=1
(`.ci/run` does), and then a missing `../shared` fails them instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import cli as search_cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COVERAGE = FIXTURES / "coverage"
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc"
REQUIRE_SHARED = os.environ.get("SEARCH_REQUIRE_SHARED") == "1"


def shared(*parts: str) -> Path:
    """A path under ../shared for a corpus-scale test: skipped when absent, failed in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if REQUIRE_SHARED:
            pytest.fail(f"{path} is missing, and SEARCH_REQUIRE_SHARED=1: CI must run the corpus-scale tests")
        pytest.skip(f"corpus-scale test: {path} is not here (CI runs it with ../shared beside the project)")
    return path


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: reads ../shared (BBC, PolNeAR, the gold quotations); mandatory in CI")


def pytest_report_header(config):
    if SHARED.is_dir():
        return f"corpus-scale tests: on ({SHARED})"
    if REQUIRE_SHARED:
        return f"corpus-scale tests: REQUIRED but {SHARED} is missing: they will fail"
    return f"corpus-scale tests: skipped ({SHARED} is not here)"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """No user settings leak in: no index override, no colour preference, private history."""
    for var in ("SEARCH_INDEX", "NO_COLOR", "SEARCH_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


SEARCH = [sys.executable, "-m", "search"]


def cli(*args, **kwargs):
    """Run `search` as a subprocess, as a user would; returns the CompletedProcess."""
    return subprocess.run(SEARCH + [str(a) for a in args], capture_output=True, text=True, **kwargs)


def stats(index) -> dict:
    """`search stats --json` of an index, which must answer."""
    done = cli("stats", "--index", index, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def run(*args, input=None):
    """Invoke the CLI in-process; returns the click Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(search_cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the three seed articles, built once for the session. Read-only."""
    index = tmp_path_factory.mktemp("seed") / "index"
    result = CliRunner().invoke(search_cli, ["index", str(SEEDS), "--index", str(index)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return index


@pytest.fixture(scope="session")
def coverage_index(tmp_path_factory) -> Path:
    """An index of `tests/fixtures/coverage` (three invented outlets, one story). Read-only."""
    index = tmp_path_factory.mktemp("coverage") / "index"
    result = CliRunner().invoke(search_cli, ["index", str(COVERAGE), "--index", str(index)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return index


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A scratch folder for articles a test writes."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder
