"""Shared fixtures: real indexes on disk, built through the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """No user settings leak in: no index override, no colour preference, private history."""
    for var in ("SEARCH_INDEX", "NO_COLOR", "SEARCH_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


def run(*args, input=None):
    """Invoke the CLI in-process; returns the click Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the three seed articles, built once for the session. Read-only."""
    index = tmp_path_factory.mktemp("seed") / "index"
    result = CliRunner().invoke(cli, ["index", str(SEEDS), "--index", str(index)], catch_exceptions=False)
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
