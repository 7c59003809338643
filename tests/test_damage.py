"""A damaged index is found, explained and repaired; a full disk loses nothing; index
files are their owner's alone (issue 12). Each fault is made for real on an index on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import cli, run, stats
from synthetic import write_articles

def counts(index) -> dict:
    data = stats(index)
    return {k: data[k] for k in ("articles", "passages", "quotations", "speakers")}


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("articles"), 300)


@pytest.fixture(scope="module")
def clean(articles, tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("clean") / "ix"
    assert cli("index", articles, "--index", index).returncode == 0
    return index


@pytest.fixture
def damaged(clean, tmp_path):
    def make(fault):
        index = tmp_path / "ix"
        shutil.copytree(clean, index)
        fault(index)
        return index
    return make


def one(index, pattern) -> Path:
    [path] = index.glob(pattern)
    return path


def cut(pattern, size):
    return lambda index: os.truncate(one(index, pattern), size)


def flip_toc(index):
    toc = one(index, "_MAIN_*.toc")
    data = bytearray(toc.read_bytes())
    for i in range(20, 60):
        data[i] ^= 0xFF
    toc.write_bytes(bytes(data))


def delete_toc(index):
    one(index, "_MAIN_*.toc").unlink()


FAULTS = {
    "postings cut to 1,000 bytes": (cut("*.pst", 1000), "postings cut short"),
    "stored fields cut to 5,000 bytes": (cut("*_stored.col", 5000), "stored fields cut short"),
    "bytes flipped in the table of contents": (flip_toc, "table of contents"),
    "table of contents deleted": (delete_toc, "is missing"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_damaged_index_is_reported_as_damaged_by_every_command(fault, damaged, articles):
    make, what = FAULTS[fault]
    index = damaged(make)
    for args in (["query", "said"], ["stats"], ["quotes", "--speaker", "berg"], ["speakers"], ["index", articles]):
        done = cli(*args, "--index", index)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        assert "is damaged" in lines[0] and what in lines[0] and "search check" in lines[0], lines[0]
        assert "try writing the query another way" not in lines[0] and "internal error" not in lines[0]
        assert "unchanged" not in done.stdout


@pytest.mark.parametrize("fault", FAULTS)
def test_check_names_the_damage_and_repair_matches_a_clean_build(fault, damaged, clean):
    make, what = FAULTS[fault]
    index = damaged(make)
    checked = cli("check", "--index", index)
    assert checked.returncode == 2 and what in checked.stdout and "--repair" in checked.stdout
    repaired = cli("check", "--index", index, "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "repaired: indexed 300 files again" in repaired.stdout
    assert counts(index) == counts(clean)
    assert cli("check", "--index", index).returncode == 0
    assert cli("query", "said", "--index", index).returncode == 0


def test_bytes_changed_in_place_are_found_when_a_query_fails(damaged):
    """Same size, other bytes: the size check passes; the engine fails, and the checksums say why."""
    def scramble(index):
        pst = one(index, "*.pst")
        data = bytearray(pst.read_bytes())
        for i in range(64, len(data), 7):
            data[i] ^= 0x5A
        pst.write_bytes(bytes(data))

    index = damaged(scramble)
    done = cli("query", "said OR deal OR summit", "--index", index)
    if done.returncode != 2:
        pytest.fail(f"a scrambled postings file went unnoticed: {done.stdout[:200]} {done.stderr}")
    assert "is damaged" in done.stderr and "checksum differs" in done.stderr
    checked = cli("check", "--index", index)
    assert checked.returncode == 2 and "changed since written" in checked.stdout


def test_repair_names_articles_no_longer_on_disk(articles, tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(articles / "part00", corpus)
    index = tmp_path / "ix"
    assert cli("index", corpus, "--index", index).returncode == 0
    (corpus / "00007.txt").unlink()
    delete_toc(index)
    repaired = cli("check", "--index", index, "--repair")
    assert repaired.returncode == 0
    assert "1 files are no longer on disk" in repaired.stdout and "00007.txt" in repaired.stdout
    assert counts(index)["articles"] == 299


def test_an_older_whole_generation_is_used_when_one_remains(articles, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(articles / "part00", first / "part00")
    shutil.copytree(articles / "part00", second / "part00")
    (second / "extra.txt").write_text('Extra\n\n"A late word," said Anna Berg.\n')
    index = tmp_path / "ix"
    assert cli("index", first, "--index", index).returncode == 0
    generation_one = {p.name: p.read_bytes() for p in index.iterdir() if p.name.startswith(("MAIN_", "_MAIN_"))}
    assert cli("index", second / "extra.txt", "--index", index).returncode == 0
    # As if Whoosh could not delete the first generation's files: they are still there.
    for name, data in generation_one.items():
        if not (index / name).exists():
            (index / name).write_bytes(data)
    flip_toc_newest(index)
    checked = cli("check", "--index", index)
    assert checked.returncode == 2 and "older generations still on disk: 1" in checked.stdout
    repaired = cli("check", "--index", index, "--repair")
    assert repaired.returncode == 0 and "went back to generation 1" in repaired.stdout, repaired.stdout
    assert counts(index)["articles"] == 300
    # The next run brings it up to date: exactly what a clean build of the same files holds.
    assert cli("index", first, second / "extra.txt", "--index", index).returncode == 0
    reference = tmp_path / "ref"
    assert cli("index", first, second / "extra.txt", "--index", reference).returncode == 0
    assert counts(index) == counts(reference)


def flip_toc_newest(index):
    newest = max(index.glob("_MAIN_*.toc"), key=lambda p: int(p.stem.split("_")[-1]))
    data = bytearray(newest.read_bytes())
    for i in range(20, 60):
        data[i] ^= 0xFF
    newest.write_bytes(bytes(data))


def test_every_file_of_the_index_is_its_owners_alone(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text('Talks\n\n"It went well," said Anna Berg.\n')
    index = tmp_path / "ix"
    assert run("index", tmp_path / "c", "--index", index).exit_code == 0
    assert (index.stat().st_mode & 0o777) == 0o700
    modes = {p.name: p.stat().st_mode & 0o777 for p in index.iterdir()}
    assert "MAIN_WRITELOCK" in modes
    assert all(mode == 0o600 for mode in modes.values()), modes


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (needs root; skipped with the reason otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("the full-disk test mounts a tmpfs, which needs root")
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_stops_with_one_line_and_keeps_the_last_commit(small_disk, articles, tmp_path):
    more = write_articles(tmp_path / "more", 1200, seed=3)
    index = small_disk / "ix"
    done = cli("index", more, "--index", index, "--commit-every", "0.3")
    assert done.returncode == 2, done.stdout + done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"search: the disk holding {index} is full") and "keeps its last commit" in line
    assert "Traceback" not in done.stderr
    kept = counts(index)  # readable, at its last commit
    assert 0 < kept["articles"] < 1200
    assert cli("check", "--index", index).returncode == 0
    assert cli("query", "said", "--index", index).returncode == 0
    # Room again: the same command finishes the job, as a clean build would have it.
    assert subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)]).returncode == 0
    again = cli("index", more, "--index", index)
    assert again.returncode == 0, again.stderr
    reference = tmp_path / "ref"
    assert cli("index", more, "--index", reference).returncode == 0
    assert counts(index) == counts(reference)
