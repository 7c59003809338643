"""`search index`: formats, metadata, incremental updates and bad input, on real indexes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import run


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def articles(index) -> dict[str, dict]:
    """article path -> the first hit's JSON, for every article with a passage."""
    result = run("query", "*", "--index", index, "--json", "--limit", "1000")
    out = {}
    for line in result.stdout.splitlines():
        hit = json.loads(line)
        out.setdefault(hit["article"], hit)
    return out


def query_json(index, q):
    return [json.loads(line) for line in run("query", q, "--index", index, "--json", "--limit", "100").stdout.splitlines()]


def test_txt_title_and_paragraph_rules(corpus, tmp_path):
    write(corpus / "blank.txt", "Short headline\n\nFirst paragraph here.\n\nSecond\nparagraph wrapped.\n")
    write(corpus / "lines.txt", "One paragraph per line, no title.\nAnother paragraph.\nA third.\n")
    index = tmp_path / "ix"
    assert run("index", corpus, "--index", index).exit_code == 0
    hits = query_json(index, "paragraph")
    by_article = {}
    for h in hits:
        by_article.setdefault(Path(h["article"]).name, []).append(h)
    blank = by_article["blank.txt"]
    assert blank[0]["title"] == "Short headline"
    assert {h["pos"] for h in blank} == {1, 2}  # the wrapped lines are one paragraph
    assert any("Second paragraph wrapped." in f["text"] for h in blank for f in h["fragments"])
    lines = query_json(index, "another")
    assert lines[0]["title"] == "" and lines[0]["pos"] == 2


def test_markdown_front_matter_json_and_jsonl(corpus, tmp_path):
    write(corpus / "a.md", "---\ntitle: \"Summit ends\"\nsource: Reuters\ndate: 2025-08-16\nurl: http://x\n---\n"
                           "# Ignored heading\n\nThe **summit** ended [early](http://x).\n")
    write(corpus / "b.json", json.dumps({"title": "Talks", "source": "AP", "date": "2025-8-15", "body": "Summit talks began."}))
    write(corpus / "c.jsonl", json.dumps({"text": "A summit in Alaska.", "source": "AFP"}) + "\n"
                              + json.dumps({"content": "Another summit story.", "title": "Second"}) + "\n")
    index = tmp_path / "ix"
    result = run("index", corpus, "--index", index)
    assert result.exit_code == 0, result.output
    hits = {h["article"].split("/")[-1]: h for h in query_json(index, "summit")}
    assert hits["a.md"]["title"] == "Summit ends" and hits["a.md"]["source"] == "Reuters"
    assert hits["a.md"]["date"] == "2025-08-16"
    assert "The summit ended early." in hits["a.md"]["fragments"][0]["text"]
    assert hits["b.json"]["source"] == "AP" and hits["b.json"]["date"] == "2025-08-15"
    assert hits["c.jsonl#1"]["source"] == "AFP"
    assert hits["c.jsonl#2"]["title"] == "Second" and hits["c.jsonl#2"]["source"] == "corpus"
    assert [h["article"].split("/")[-1] for h in query_json(index, "date:[2025-08-16 TO 2025-12-31]")] == ["a.md"]


def test_sidecar_metadata_and_honest_folder_fallback(corpus, tmp_path):
    write(corpus / "wire" / "one.txt", "Headline one\n\nThe minister spoke.\n")
    write(corpus / "wire" / "two.txt", "Headline two\n\nThe minister left.\n")
    write(corpus / "wire" / "metadata.json", json.dumps({"*": {"source": "Wire Service"}, "two.txt": {"date": "2024-01-02"}}))
    write(corpus / "loose" / "three.txt", "Headline three\n\nThe minister stayed.\n")
    index = tmp_path / "ix"
    result = run("index", corpus, "--index", index)
    assert "no source given for 1 articles: labelled with their folder's name (loose 1)" in result.output
    hits = {Path(h["article"]).name: h for h in query_json(index, "minister")}
    assert hits["one.txt"]["source"] == hits["two.txt"]["source"] == "Wire Service"
    assert hits["two.txt"]["date"] == "2024-01-02"
    assert hits["three.txt"]["source"] == "loose"
    assert "metadata.json" not in {Path(h["article"]).name for h in query_json(index, "*")}


def test_seeds_carry_their_titles_and_honest_source_labels(seed_index):
    hits = query_json(seed_index, "*")
    labels = {h["source"] for h in hits}
    assert labels == {"000 (outlet not stated)", "003 (outlet not stated)", "004 (outlet not stated)"}
    assert all(h["title"] for h in hits)


def test_incremental_add_change_delete(corpus, tmp_path):
    write(corpus / "a.txt", "Alpha\n\nThe alpha story about wolves.\n")
    write(corpus / "b.txt", "Beta\n\nThe beta story about bears.\n")
    write(corpus / "c.txt", "Gamma\n\nThe gamma story about owls.\n")
    index = tmp_path / "ix"
    first = run("index", corpus, "--index", index)
    assert "added 3, updated 0, removed 0, unchanged 0" in first.output

    again = run("index", corpus, "--index", index)
    assert "added 0, updated 0, removed 0, unchanged 3" in again.output

    write(corpus / "b.txt", "Beta\n\nThe beta story is now about eagles.\n")
    (corpus / "c.txt").unlink()
    write(corpus / "d.txt", "Delta\n\nThe delta story about foxes.\n")
    third = run("index", corpus, "--index", index)
    assert "added 1, updated 1, removed 1, unchanged 1" in third.output
    assert query_json(index, "eagles") and not query_json(index, "bears")
    assert not query_json(index, "owls") and query_json(index, "foxes")
    stats = json.loads(run("stats", "--index", index, "--json").stdout)
    assert stats["articles"] == 3 and stats["passages"] == 3


def test_reindexing_a_file_path_leaves_other_files_alone(corpus, tmp_path):
    a = write(corpus / "a.txt", "Alpha\n\nWolves here.\n")
    write(corpus / "b.txt", "Beta\n\nBears here.\n")
    index = tmp_path / "ix"
    run("index", corpus, "--index", index)
    write(a, "Alpha\n\nWolves and otters here.\n")
    result = run("index", a, "--index", index)
    assert "added 0, updated 1, removed 0, unchanged 0" in result.output
    assert query_json(index, "bears") and query_json(index, "otters")


def test_bad_files_are_skipped_by_name_and_the_rest_indexed(corpus, tmp_path):
    write(corpus / "good.txt", "Good\n\nA perfectly fine story about harbours.\n")
    write(corpus / "empty.txt", "")
    write(corpus / "blank.md", "   \n\n  \n")
    write(corpus / "binary.txt", b"\x00\x01\x02PNG\x00")
    write(corpus / "latin.txt", "Caf\xe9 society\n\nThe caf\xe9 by the harbour.\n".encode("cp1252"))
    write(corpus / "broken.json", "{not json")
    write(corpus / "wrongtype.json", json.dumps(["a string, not an article"]))
    os.symlink(corpus / "nowhere.txt", corpus / "dangling.txt")
    index = tmp_path / "ix"
    result = run("index", corpus, "--index", index)
    assert result.exit_code == 0
    out = result.output
    assert "skipped empty.txt: empty file" in out.replace(str(corpus) + "/", "")
    for name, reason in [("blank.md", "empty file"), ("binary.txt", "binary file"),
                         ("broken.json", "invalid JSON"), ("wrongtype.json", "not an object"),
                         ("dangling.txt", "no such file")]:
        assert any(name in line and reason in line for line in out.splitlines()), (name, out)
    assert "latin.txt: not UTF-8" in out and "Windows-1252" in out
    assert query_json(index, "harbours")
    assert any("café" in f["text"] for h in query_json(index, "cafe") for f in h["fragments"])
    assert "Traceback" not in out


def test_unreadable_file_is_skipped_and_the_rest_indexed(corpus, tmp_path):
    locked = write(corpus / "locked.txt", "Locked\n\nSecret.\n")
    write(corpus / "open.txt", "Open\n\nPublic story.\n")
    locked.chmod(0)
    command = [sys.executable, "-m", "search", "index", str(corpus), "--index", str(tmp_path / "ix")]
    if os.geteuid() == 0:
        # root reads any file: drop the capabilities that let it, as an ordinary user has none.
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] + command
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "skipped " in done.stdout and "locked.txt: permission denied" in done.stdout
    assert "added 1" in done.stdout


def test_fifo_named_like_an_article_is_skipped_not_read(corpus, tmp_path):
    os.mkfifo(corpus / "pipe.txt")
    write(corpus / "fine.txt", "Fine\n\nA story.\n")
    result = run("index", corpus, "--index", tmp_path / "ix")
    assert result.exit_code == 0
    assert "pipe.txt: not a regular file" in result.output


def test_index_refuses_a_folder_that_is_not_an_index(corpus, tmp_path):
    folder = tmp_path / "precious"
    write(folder / "thesis.docx", "my work")
    result = run("index", corpus, "--index", folder)
    assert result.exit_code == 2 and "not an index, and not empty" in result.output
    assert (folder / "thesis.docx").read_text() == "my work"


def test_index_and_history_are_private(seed_index):
    assert (seed_index.stat().st_mode & 0o777) == 0o700


def test_date_queries_by_day_month_year_and_open_ranges(corpus, tmp_path):
    for name, date in [("a", "2025-08-15"), ("b", "2025-08"), ("c", "2024-01-02"), ("d", "")]:
        meta = f"date: {date}\n" if date else ""
        write(corpus / f"{name}.md", f"---\ntitle: {name}\n{meta}---\nThe summit story.\n")
    index = tmp_path / "ix"
    run("index", corpus, "--index", index)

    def titles(q):
        return sorted(h["title"] for h in query_json(index, q))

    assert titles("date:2025-08-15") == ["a"]
    assert titles("date:2025-08") == ["a", "b"]
    assert titles("date:2025") == ["a", "b"]
    assert titles("date:[2025-08-01 TO 2025-08-31]") == ["a"]
    assert titles("date:[TO 2024-12-31]") == ["c"]
    assert titles("date:[2025 TO]") == ["a", "b"]
    # Beside words, a date range filters their matches through the date column instead.
    assert titles("summit date:2025-08") == ["a", "b"]
    assert titles("summit AND date:[TO 2024-12-31]") == ["c"]
    assert titles("summit date:2025 date:[TO 2025-08-01]") == ["b"]
    newest_first = run("query", "summit", "--index", index, "--json", "--sort", "date").stdout.splitlines()
    assert [json.loads(line)["title"] for line in newest_first] == ["a", "b", "c", "d"]
    bad = run("query", "date:banana", "--index", index)
    assert bad.exit_code == 2 and "'banana' is not a date" in bad.stderr


def test_whoosh_numeric_ranges_match_brute_force(tmp_path):
    """Whoosh 2.7.4 gets ranges over unsigned numeric fields wrong; dates use a signed field.
    This keeps a future Whoosh (or a fork) honest on the ranges dates rely on."""
    import random

    from whoosh import query as Q
    from whoosh.fields import Schema
    from whoosh.filedb.filestore import FileStorage

    from search.schema import DateField

    # On disk in the test's own folder: a RamStorage writer spills to /tmp/MAIN.tmp, which two
    # test runs at once would share.
    ix = FileStorage(str(tmp_path)).create_index(Schema(d=DateField(stored=True)))
    rng = random.Random(1)
    values = [rng.randrange(19000101, 20301231) for _ in range(2000)]
    with ix.writer() as w:
        for v in values:
            w.add_document(d=v)
    with ix.searcher() as s:
        for _ in range(200):
            lo = rng.choice([None, rng.randrange(18000000, 20400000)])
            hi = rng.choice([None, rng.randrange(18000000, 20400000)])
            got = sorted(s.stored_fields(d)["d"] for d in s.docs_for_query(Q.NumericRange("d", lo, hi)))
            assert got == sorted(v for v in values if (lo is None or v >= lo) and (hi is None or v <= hi)), (lo, hi)
