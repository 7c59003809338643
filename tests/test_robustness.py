"""The index survives crashes, interruptions, concurrent use and hostile input (issue 6)."""

from __future__ import annotations

import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEARCH, SEEDS, cli, run, shared, stats
from synthetic import write_articles

from search import render
from search.indexer import update_index
from search.shell.repl import Shell


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """1,200 made-up articles: long enough to interrupt (about 6 s), short enough to test."""
    return write_articles(tmp_path_factory.mktemp("many"), 1200)


@pytest.fixture(scope="module")
def many_expected(many, tmp_path_factory) -> dict:
    """What an uninterrupted build of `many` holds."""
    index = tmp_path_factory.mktemp("ref") / "ix"
    assert cli("index", many, "--index", index).returncode == 0
    return stats(index)


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (the indexer's worker), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def assert_no_survivors(pids: list[int], seconds: float = 5.0) -> None:
    """The indexer's worker must die with it; kill any survivor so one failure leaves nothing behind."""
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [p for p in pids if alive(p)]
    for p in survivors:
        os.kill(p, signal.SIGKILL)
    assert not survivors, f"worker processes outlived their indexer: {survivors}"


def kill_indexer(proc, sig) -> list[int]:
    """Send `sig` to an indexer; returns its worker processes of that moment."""
    workers = children(proc.pid)
    proc.send_signal(sig)
    return workers


def started_indexer(corpus, index, *extra):
    return subprocess.Popen(SEARCH + ["index", str(corpus), "--index", str(index), "--commit-every", "0.3", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# ---------------------------------------------------------------- crashes and interruptions


def test_sigkill_at_any_moment_leaves_the_last_committed_state(many, many_expected, tmp_path):
    index = tmp_path / "ix"
    random.seed(7)
    checked = 0
    for delay in [0.2, 0.9, 1.6] + [random.uniform(0.3, 3.0) for _ in range(3)]:
        proc = started_indexer(many, index)
        time.sleep(delay)
        workers = kill_indexer(proc, signal.SIGKILL)
        proc.wait()
        assert_no_survivors(workers)
        checked += len(workers)
        if (index / "format.json").exists() and any(index.glob("*.toc")):
            partial = stats(index)  # opens and answers
            assert partial["passages"] <= many_expected["passages"]
            assert cli("query", "deal", "--index", index).returncode in (0, 1)
    assert checked, "no kill caught a worker process to check"
    done = cli("index", many, "--index", index)
    assert done.returncode == 0, done.stderr
    final = stats(index)
    for key in ("articles", "passages", "quotations"):
        assert final[key] == many_expected[key], (key, final, many_expected)


def test_ctrl_c_keeps_what_was_committed_and_exits_130(many, many_expected, tmp_path):
    index = tmp_path / "ix"
    proc = started_indexer(many, index)
    time.sleep(2.5)
    workers = kill_indexer(proc, signal.SIGINT)
    assert workers, "the indexer had no worker process to check"
    out, err = proc.communicate(timeout=60)
    assert_no_survivors(workers)
    assert proc.returncode == 130, (out, err)
    assert "interrupted after" in err and "run the same command again to finish" in err
    assert "Traceback" not in out + err
    partial = stats(index)
    assert 0 < partial["articles"] < many_expected["articles"]
    again = cli("index", many, "--index", index)
    assert again.returncode == 0 and "unchanged" in again.stdout
    assert stats(index)["passages"] == many_expected["passages"]


def test_sigterm_stops_like_ctrl_c(many, tmp_path):
    proc = started_indexer(many, tmp_path / "ix")
    time.sleep(2.0)
    workers = kill_indexer(proc, signal.SIGTERM)
    assert workers, "the indexer had no worker process to check"
    _, err = proc.communicate(timeout=60)
    assert_no_survivors(workers)
    assert proc.returncode == 130 and "interrupted after" in err


def test_crash_between_commit_and_manifest_does_not_duplicate(seeds_copy, tmp_path):
    index = tmp_path / "ix"
    cli("index", seeds_copy, "--index", index)
    before = stats(index)
    manifest = json.loads((index / "manifest.json").read_text())
    manifest["files"] = {}  # as if killed after Whoosh's commit, before the manifest was written
    manifest["generation"] = -1
    (index / "manifest.json").write_text(json.dumps(manifest))
    cli("index", seeds_copy, "--index", index)
    after = stats(index)
    assert [after[k] for k in ("articles", "passages", "quotations")] == [before[k] for k in ("articles", "passages", "quotations")]


# ---------------------------------------------------------------- concurrency


def test_a_second_indexer_fails_at_once_with_a_clear_error(seeds_copy, tmp_path):
    from whoosh import index as windex

    index = tmp_path / "ix"
    cli("index", seeds_copy, "--index", index)
    lock = windex.open_dir(str(index)).lock("WRITELOCK")
    assert lock.acquire()
    try:
        (seeds_copy / "new.txt").write_text("New\n\nA new story.\n")
        done = cli("index", seeds_copy, "--index", index)
        assert done.returncode == 2
        assert done.stderr.strip().endswith("another `search index` is writing this index; try again when it finishes (or pass --wait SECONDS)")
        started = time.monotonic()
        waited = cli("index", seeds_copy, "--index", index, "--wait", "1")
        assert waited.returncode == 2 and time.monotonic() - started >= 1
        assert cli("query", "story", "--index", index).returncode == 1  # readers are not blocked
    finally:
        lock.release()
    assert cli("index", seeds_copy, "--index", index).returncode == 0
    assert cli("query", "story", "--index", index).returncode == 0


def test_open_shell_sees_new_passages_after_a_commit_without_restart(seeds_copy, tmp_path):
    index = tmp_path / "ix"
    cli("index", seeds_copy, "--index", index)
    out: list[str] = []
    shell = Shell(index, render.Style(), write=out.append)
    shell.handle("kangaroo")
    assert "no passages found" in "".join(out)
    (seeds_copy / "late.txt").write_text("Late news\n\nA kangaroo crossed the summit venue.\n")
    assert cli("index", seeds_copy, "--index", index).returncode == 0
    out.clear()
    shell.handle("kangaroo")
    assert "A kangaroo crossed the summit venue." in "".join(out)


@pytest.mark.corpus
def test_soak_queries_never_fail_while_the_bbc_corpus_is_indexed(tmp_path):
    bbc = shared("corpora", "bbc")
    index = tmp_path / "ix"
    assert cli("index", SEEDS, "--index", index).returncode == 0
    seeds = stats(index)
    log = tmp_path / "queries.log"
    loop = subprocess.Popen([sys.executable, "-c", _QUERY_LOOP, str(index), str(log), str(tmp_path / "stop")])
    try:
        done = cli("index", bbc, "--index", index, "--commit-every", "2")
        assert done.returncode == 0, done.stderr
    finally:
        (tmp_path / "stop").touch()
        loop.wait(timeout=60)
    results = log.read_text().split()
    assert len(results) > 20 and set(results) <= {"ok"}, [r for r in results if r != "ok"][:5]
    final = stats(index)
    assert final["passages"] == seeds["passages"] + 10_547 and final["articles"] == 3 + 2_225  # README.TXT left out


_QUERY_LOOP = """
import sys, os, traceback
from search.searcher import Searcher, SearchError
index, log, stop = sys.argv[1:]
queries = ["said", "speaker:putin", '"prime minister"', "market OR shares", "sanctons~"]
with open(log, "w") as out:
    searcher = Searcher(index)
    n = 0
    while not os.path.exists(stop):
        try:
            searcher.refresh()
            searcher.search(queries[n % len(queries)])
            searcher.speakers()
            out.write("ok\\n")
        except Exception as e:
            out.write("FAIL:" + type(e).__name__ + ":" + str(e).replace(" ", "_") + "\\n")
        out.flush()
        n += 1
"""


# ---------------------------------------------------------------- hostile input


def test_a_50_mb_one_line_file_is_read_as_far_as_sensible_in_bounded_memory(tmp_path):
    corpus = tmp_path / "dump"
    corpus.mkdir()
    words = ("market shares fell sharply as the minister spoke about the budget and the trade deficit " * 8).split()
    with open(corpus / "dump.txt", "w") as out:
        written = 0
        while written < 50 * 1024 * 1024:
            chunk = " ".join(words) + " "
            out.write(chunk)
            written += len(chunk)
    (corpus / "small.txt").write_text("Small\n\nA small story about shares.\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    done = cli("index", corpus, "--index", tmp_path / "ix")
    seconds = time.monotonic() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert done.returncode == 0, done.stderr
    assert re.search(r"dump\.txt: 52,4\d\d,\d\d\d characters: only the first 2,000,000 were indexed", done.stdout)
    assert "added 2" in done.stdout
    assert max(peak_kb, before) < 600_000, f"peak RSS {peak_kb} KB"
    assert seconds < 120


def test_unbalanced_and_nested_quotation_marks_are_linear_and_harmless(tmp_path):
    from search.quotes import extract

    nasty = ['He said "a “b ‘c "d” e’ f" g “ h ” " " " ‘’ \'\' "' * 200,
             '"' * 5000, "“" * 3000 + "”" * 10, "word ' " * 2000, '"Open and never closed, said Ann Lee']
    started = time.monotonic()
    found = extract(nasty, title="'''''")
    assert time.monotonic() - started < 10
    for q in found:
        assert q.paragraph in range(-1, len(nasty)) and 0 <= q.start <= q.end
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "nasty.txt").write_text("\n\n".join(nasty))
    done = cli("index", corpus, "--index", tmp_path / "ix")
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_a_file_that_disappears_mid_run_is_skipped_and_the_rest_indexed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"{i}.txt").write_text(f"Story {i}\n\nThe story number {i} about otters.\n")

    def vanish(done, total, path):
        if done == 1:
            (corpus / "3.txt").unlink()

    report = update_index([corpus], tmp_path / "ix", progress=vanish)
    assert [s.reason for s in report.skipped] == ["no such file or directory"]
    assert report.skipped[0].path.endswith("3.txt") and len(report.added) == 4


def test_symlink_loops_and_deep_folders(tmp_path):
    corpus = tmp_path / "c"
    deep = corpus
    for i in range(300):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_text("Bottom\n\nThe deepest story about moles.\n")
    os.symlink(corpus, corpus / "d0" / "loop")
    done = cli("index", corpus, "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert "symbolic link loop" in done.stdout
    assert cli("query", "moles", "--index", tmp_path / "ix").returncode == 0


def test_broken_front_matter_loses_only_what_is_broken(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: Good title\n: no key here\n[[[not yaml\nsource: Daily Wire\n---\nBody about herons.\n")
    (corpus / "b.md").write_text("---\ntitle: never closed\nBody about egrets.\n")
    done = cli("index", corpus, "--index", tmp_path / "ix")
    assert done.returncode == 0
    a = json.loads(cli("query", "herons", "--index", tmp_path / "ix", "--json").stdout.splitlines()[0])
    assert a["title"] == "Good title" and a["source"] == "Daily Wire"
    assert cli("query", "egrets", "--index", tmp_path / "ix").returncode == 0


# ---------------------------------------------------------------- terminal safety

EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


def test_escape_sequences_in_articles_never_reach_the_terminal(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "evil.md").write_text(
        f"---\ntitle: Evil{EVIL} title\nsource: Evil{EVIL} Times\n---\n"
        f'The spy{EVIL} Carla Nox said: "Retitle{EVIL} the terminal now." Then she left.\n')
    (corpus / f"name{EVIL}.txt").write_text("")  # a skipped file whose name is hostile
    index = tmp_path / "ix"
    outputs = [
        run("index", corpus, "--index", index).output,
        run("query", "terminal", "--index", index, "--color", "always").output,
        run("query", "terminal", "--index", index, "--json").output,
        run("quotes", "--index", index, "--color", "always").output,
        run("speakers", "--index", index, "--color", "always").output,
        run("sources", "--index", index, "--color", "always").output,
        run("stats", "--index", index, "--color", "always").output,
    ]
    out: list[str] = []
    shell = Shell(index, render.Style(color=True), write=out.append)
    for line in ("terminal", ":open 1", ":who terminal", ":stats"):
        shell.handle(line)
    outputs.append("".join(out))
    for text in outputs:
        leftover = re.sub(r"\x1b\[[0-9;]*m", "", text)  # our own colours are the only escapes allowed
        assert "\x1b" not in leftover and "\x07" not in leftover, repr(text[:300])
    assert "Retitle the terminal now." in outputs[1].replace("\x1b[1;31m", "").replace("\x1b[0m", "")
