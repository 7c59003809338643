"""Every error a user can meet is one line on stderr with exit status 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, run


def assert_one_line_error(result, *fragments):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("search: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_no_index(tmp_path):
    result = run("query", "ceasefire", "--index", tmp_path / "missing")
    assert_one_line_error(result, "no index at", "build one with: search index seeds/")


@pytest.mark.parametrize("command", ["stats", "speakers", "sources", "quotes"])
def test_no_index_for_every_reading_command(tmp_path, command):
    assert_one_line_error(run(command, "--index", tmp_path / "missing"), "no index at")


def test_missing_path(tmp_path):
    result = run("index", tmp_path / "nope", "--index", tmp_path / "ix")
    assert_one_line_error(result, "no such file or directory")
    assert not (tmp_path / "ix").exists()


def test_unsupported_file_given_by_name(tmp_path):
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF")
    assert_one_line_error(run("index", doc, "--index", tmp_path / "ix"), "not a supported file type")


def test_unparseable_and_empty_queries(seed_index):
    assert_one_line_error(run("query", "speker:putin", "--index", seed_index), "unknown field 'speker'")
    assert_one_line_error(run("query", "", "--index", seed_index), "empty query")
    assert_one_line_error(run("query", "the of and", "--index", seed_index), "no searchable words")


def test_index_from_another_version_is_refused(seeds_copy, tmp_path):
    index = tmp_path / "ix"
    run("index", seeds_copy, "--index", index)
    (index / "format.json").write_text('{"schema": -1}')
    assert_one_line_error(run("query", "putin", "--index", index), "another version", "--rebuild")


def test_the_installed_console_script_runs_as_a_subprocess(seed_index):
    script = ROOT / ".venv" / "bin" / "search"
    exe = str(script) if script.exists() else str(__import__("shutil").which("search") or "")
    assert exe, "the search console script is not installed"
    done = subprocess.run([exe, "query", '"no deal"', "--index", str(seed_index)], capture_output=True, text=True)
    assert done.returncode == 0 and "no deal" in done.stdout.lower()
    assert "\x1b" not in done.stdout  # piped: no escape codes
    missing = subprocess.run([exe, "query", "x", "--index", "/nonexistent/ix"], capture_output=True, text=True)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_python_dash_m_search_works(seed_index):
    done = subprocess.run([sys.executable, "-m", "search", "query", "ceasefire", "--index", str(seed_index), "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("{")


def test_internal_errors_are_one_line_unless_debugging(monkeypatch, seed_index, capsys):
    from search import cli as cli_module
    from search.searcher import Searcher

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(Searcher, "search", boom)
    monkeypatch.setattr(sys, "argv", ["search", "query", "x", "--index", str(seed_index)])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == "search: internal error: RuntimeError: kaboom (SEARCH_DEBUG=1 shows where)"
