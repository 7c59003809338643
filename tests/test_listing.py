"""Every hit for scripts (--all, --count, -l), web-search habits (-word, +word), "did you
mean", the grep exit status on a closed pipe, and the notes for undated indexes and for
files that are not articles (issue 13). On the fixture folder and on made-up volume."""

from __future__ import annotations

import json
import resource
import subprocess

import pytest
from conftest import COVERAGE, SEARCH, run
from synthetic import write_articles


def json_lines(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


# ---------------------------------------------------------------- every hit


@pytest.fixture(scope="module")
def big_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("big") / "ix"
    corpus = write_articles(tmp_path_factory.mktemp("big-corpus"), 900)
    assert run("index", corpus, "--index", index).exit_code == 0
    return index


def test_all_streams_every_passage_and_count_agrees(big_index):
    counted = run("query", "said", "--index", big_index, "--count")
    assert counted.exit_code == 0
    n = int(counted.stdout.strip())
    assert n > 1000  # far more than the old 1,000-hit cap of --limit
    every = run("query", "said", "--index", big_index, "--all", "--json")
    hits = json_lines(every)
    assert len(hits) == n
    assert [h["rank"] for h in hits] == list(range(1, n + 1))
    assert len({(h["article"], h["pos"]) for h in hits}) == n  # each passage once
    assert all(hits[i]["score"] >= hits[i + 1]["score"] for i in range(n - 1))
    assert len(json_lines(run("query", "said", "--index", big_index, "--limit", "0", "--json"))) == n
    assert len(json_lines(run("query", "said", "--index", big_index, "--limit", "1500", "--json"))) == min(n, 1500)


def test_all_as_a_subprocess_streams_in_bounded_memory(big_index):
    """Every hit of a very common word, through a pipe: memory does not grow with the text shown."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(SEARCH + ["query", "said", "--index", str(big_index), "--all", "--json"],
                          capture_output=True, text=True)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) > 1000
    assert max(before, peak_kb) < 400_000, f"peak RSS {peak_kb} KB"


def test_files_with_matches_lists_each_file_once_best_first(coverage_index):
    result = run("query", "deal", "--index", coverage_index, "-l")
    assert result.exit_code == 0
    files = result.stdout.splitlines()
    assert len(files) == len(set(files)) == 4
    assert all(f.endswith((".txt", ".md")) for f in files)
    ranked = [h["article"] for h in json_lines(run("query", "deal", "--index", coverage_index, "--json"))]
    assert files == list(dict.fromkeys(ranked))
    assert run("query", "kangaroo", "--index", coverage_index, "-l").exit_code == 1


def test_quotes_count_files_and_all(coverage_index):
    every = json_lines(run("quotes", "--index", coverage_index, "--json", "--flat"))
    counted = run("quotes", "--index", coverage_index, "--count")
    assert int(counted.stdout) == len(every) > 15
    thale = run("quotes", "--speaker", "thale", "--index", coverage_index, "-c")
    assert int(thale.stdout) >= 3
    files = run("quotes", "--speaker", "oyelaran", "--index", coverage_index, "-l").stdout.splitlines()
    assert len(files) == len(set(files)) >= 3
    assert len(json_lines(run("quotes", "--index", coverage_index, "--json", "--flat", "--limit", "2"))) == 2
    # In article order, each article's quotations in paragraph order.
    keys = [(q["article"], q["paragraph"]) for q in every]
    assert keys == sorted(keys)


# ---------------------------------------------------------------- web-search habits


def test_minus_excludes_a_word_and_plus_requires_one(coverage_index):
    with_union = json_lines(run("query", "deal", "--index", coverage_index, "--json"))
    assert any("table" in f["text"] for h in with_union for f in h["fragments"])
    without = json_lines(run("query", "deal -table", "--index", coverage_index, "--json"))
    assert without and len(without) < len(with_union)
    assert not any("table" in f["text"].lower() for h in without for f in h["fragments"])
    # Before, "-table" was read as the word "table", required: the opposite of what was asked.
    assert json_lines(run("query", "deal +table", "--index", coverage_index, "--json")) == \
        json_lines(run("query", "deal table", "--index", coverage_index, "--json"))


def test_minus_phrase_and_minus_field(coverage_index):
    hits = json_lines(run("query", 'deal -"on the table"', "--index", coverage_index, "--json"))
    assert hits and not any("on the table" in f["text"] for h in hits for f in h["fragments"])
    union = json_lines(run("query", "union", "--index", coverage_index, "--json"))
    assert any("Marta Oyelaran" in h["speakers"] for h in union)
    hits = json_lines(run("query", "union -speaker:oyelaran", "--index", coverage_index, "--json"))
    assert hits and len(hits) < len(union) and all("Marta Oyelaran" not in h["speakers"] for h in hits)


def test_hyphenated_names_are_not_exclusions(corpus, tmp_path):
    (corpus / "a.txt").write_text('Talks\n\n"It is a big win," said Andrea Kendall-Taylor.\n\n'
                                  '"A fine day," said William Taylor.\n')
    index = tmp_path / "ix"
    run("index", corpus, "--index", index)
    hits = json_lines(run("query", "speaker:kendall-taylor", "--index", index, "--json"))
    assert [h["speakers"] for h in hits] == [["Andrea Kendall-Taylor"]]
    assert json_lines(run("query", "Kendall-Taylor", "--index", index, "--json"))
    assert len(json_lines(run("query", "said -kendall", "--index", index, "--json"))) == 1


def test_any_word_fallback_keeps_exclusions(coverage_index):
    result = run("query", "quay kangaroo -ferries", "--index", coverage_index, "--json")
    assert "no passage has all the terms" in result.stderr
    hits = json_lines(result)
    assert hits and not any("ferries" in f["text"].lower() for h in hits for f in h["fragments"])


# ---------------------------------------------------------------- did you mean


def test_a_word_no_passage_has_gets_a_suggestion(coverage_index):
    result = run("query", "mediaton", "--index", coverage_index)
    assert result.exit_code == 1
    assert "no passage has 'mediaton'; did you mean 'mediation'?" in result.stderr


def test_a_speaker_nobody_is_gets_a_suggestion(coverage_index):
    result = run("query", "speaker:oyelarn", "--index", coverage_index)
    assert result.exit_code == 1
    assert "did you mean speaker:oyelaran (Marta Oyelaran)?" in result.stderr
    result = run("quotes", "--speaker", "thail", "--index", coverage_index)
    assert result.exit_code == 1 and "did you mean speaker:thale (Gideon Thale)?" in result.stderr


def test_the_shell_suggests_too(coverage_index):
    from search import render
    from search.shell.repl import Shell

    out: list[str] = []
    Shell(coverage_index, render.Style(), write=out.append).handle("mediaton")
    assert "did you mean 'mediation'?" in "".join(out)


def test_dates_asked_of_an_undated_index_say_so(corpus, tmp_path):
    (corpus / "a.txt").write_text("Strike\n\nThe dockers walked out.\n")
    index = tmp_path / "ix"
    run("index", corpus, "--index", index)
    result = run("query", "date:2005", "--index", index)
    assert result.exit_code == 1
    assert "no article in the index has a date" in result.stderr and "metadata.json" in result.stderr


# ---------------------------------------------------------------- pipes and folders


def test_a_closed_pipe_exits_with_the_status_the_output_earned(big_index):
    """`search query said | head -1`: grep's 0, not click's 1, and nothing on stderr."""
    proc = subprocess.Popen(SEARCH + ["query", "said", "--index", str(big_index), "--all"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader leaves, as `head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and first
    assert "Traceback" not in err and "Broken pipe" not in err


def test_readme_and_license_in_a_folder_are_not_articles(tmp_path):
    result = run("index", COVERAGE, "--index", tmp_path / "ix")
    assert result.exit_code == 0
    assert "left out 1 file that is not an article" in result.stdout and "README.md" in result.stdout
    stats = json.loads(run("stats", "--index", tmp_path / "ix", "--json").stdout)
    assert stats["articles"] == 6
    # Named on the command line, it is indexed.
    named = run("index", COVERAGE / "README.md", "--index", tmp_path / "ix2")
    assert "added 1" in named.stdout
