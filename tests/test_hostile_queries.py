"""Arbitrary query strings: always an answer or a one-line error, never a traceback,
within a bounded time (hypothesis)."""

from __future__ import annotations

import time

import pytest
from conftest import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import render
from search.searcher import SearchError, Searcher
from search.shell.repl import Shell
from synthetic import write_articles

# Pieces a hostile or clumsy user types: syntax, fields, operators, control characters.
PIECES = st.sampled_from([
    '"', "'", "(", ")", "[", "]", "{", "}", "~", "~9", "*", "?", "^", ":", "-", "+", "\\", "/",
    "AND", "OR", "NOT", "ANDNOT", "TO", "speaker:", "source:", "date:", "title:", "by:", "pos:", "exact:",
    "putin", "deal", "no", "the", "a*", "*a", "z?z", "é", "Næringsliv", "\x00", "\x1b[2J", "\n", "\t", " ",
    "2025-08-15", "[2025 TO", "TO 2026]", "💥",
])
QUERIES = st.one_of(
    st.lists(PIECES, max_size=12).map("".join),
    st.lists(PIECES, max_size=12).map(" ".join),
    st.text(max_size=60),
)
BOUND_SECONDS = 5.0


@pytest.fixture(scope="module")
def big_searcher(tmp_path_factory):
    """An index of 600 made-up articles: big enough that `a*` stands for dozens of words."""
    corpus = write_articles(tmp_path_factory.mktemp("many"), 600)
    index = tmp_path_factory.mktemp("manyix") / "ix"
    assert run("index", corpus, "--index", index).exit_code == 0
    return Searcher(index)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_searcher_answers_or_raises_one_line_search_error(big_searcher, query):
    started = time.monotonic()
    try:
        results = big_searcher.search(query)
        assert results.total >= 0
        for hit in results.hits:
            for f in hit.fragments:
                assert all(0 <= s < e <= len(f.text) for s, e in f.matches)
    except SearchError as e:
        assert "\n" not in str(e) and str(e)
    assert time.monotonic() - started < BOUND_SECONDS, query


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_shell_never_raises_and_errors_are_one_line(big_searcher, query):
    out: list[str] = []
    shell = Shell(big_searcher.index_dir, render.Style(), write=out.append)
    shell.handle(query)
    shell.handle(":who " + query)
    for chunk in out:
        if chunk.startswith("error: "):
            assert chunk.count("\n") == 1
    assert shell.running


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_query_command_exit_codes(big_searcher, query):
    result = run("query", query, "--index", big_searcher.index_dir)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1


def test_huge_wildcard_is_capped_and_says_so(big_searcher):
    started = time.monotonic()
    results = big_searcher.search("a*")
    assert time.monotonic() - started < BOUND_SECONDS
    assert results.total > 0
    assert any("matches more than 64 words; searched the 64 most frequent" in n for n in results.notes)


def test_fuzzy_distance_is_capped(big_searcher):
    results = big_searcher.search("parliament~9")
    assert any("at most 2 edits" in n for n in results.notes)


def test_very_long_query_is_a_one_line_error(big_searcher):
    with pytest.raises(SearchError, match="query too long"):
        big_searcher.search("word " * 1000)
    long_but_fine = " OR ".join(["election", "summit", "deal", "ceasefire"] * 40)
    assert big_searcher.search(long_but_fine).total > 0


def test_control_characters_are_ignored(big_searcher):
    assert big_searcher.search("elect\x00ion\x1b[2J\x07").parsed == big_searcher.search("election").parsed
