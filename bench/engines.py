"""The engines under measurement, each runnable in a child process of its own:

    python bench/engines.py fts5-build CORPUS DB       SQLite FTS5 (standard library)
    python bench/engines.py warm ours INDEX SCALE      warm query latencies, JSON on stdout
    python bench/engines.py warm fts5 DB SCALE

FTS5 gets the same passages and the same columns: title, text, source, the
speakers our extractor found (so `speaker:` means the same), and the date.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from corpora import passages  # noqa: E402
from queries import query_set  # noqa: E402

REPEATS = 3  # timed runs per query after one warm-up run; the median counts


def fts5_build(corpus: Path, db: Path) -> dict:
    """Build the FTS5 table; returns the seconds spent finding speakers (our extractor) apart."""
    from search.quotes import extract

    conn = sqlite3.connect(db)
    conn.execute("CREATE VIRTUAL TABLE p USING fts5(title, text, source, speaker, date UNINDEXED, "
                 "article UNINDEXED, pos UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')")
    extraction = 0.0
    rows = []
    current, paragraphs = None, []

    def flush():
        nonlocal extraction
        if not paragraphs:
            return
        started = time.process_time()
        found = extract([p[5] for p in paragraphs], paragraphs[0][3])
        extraction += time.process_time() - started
        by_pos: dict[int, list[str]] = {}
        for q in found:
            if q.speaker and q.paragraph >= 0:
                by_pos.setdefault(q.paragraph, []).append(q.speaker)
        for i, (ident, _category, date, title, pos, text) in enumerate(paragraphs):
            rows.append((title, text, "BBC News", " ; ".join(by_pos.get(i, [])), date, ident, pos))

    for row in passages(corpus):
        if row[0] != current:
            flush()
            current, paragraphs = row[0], []
        paragraphs.append(row)
        if len(rows) > 20_000:
            conn.executemany("INSERT INTO p VALUES (?,?,?,?,?,?,?)", rows)
            rows.clear()
    flush()
    conn.executemany("INSERT INTO p VALUES (?,?,?,?,?,?,?)", rows)
    conn.commit()
    conn.close()
    return {"extraction_cpu": extraction}


def fts5_searcher(db: Path):
    conn = sqlite3.connect(db)

    def search(entry):
        _kind, _ours, (match, condition), _rg = entry
        sql = ("SELECT article, pos, snippet(p, 1, '[', ']', '…', 30), bm25(p) FROM p WHERE p MATCH ? "
               + (f"AND {condition} " if condition else "") + "ORDER BY rank LIMIT 10")
        return conn.execute(sql, (match,)).fetchall()

    return search


def ours_searcher(index: Path):
    from search.searcher import Searcher

    searcher = Searcher(index)

    def search(entry):
        return searcher.search(entry[1]).hits  # top 10 with snippets, as the shell shows them

    return search


def warm(engine: str, target: Path) -> dict:
    search = ours_searcher(target) if engine == "ours" else fts5_searcher(target)
    entries = query_set()
    for entry in entries:
        search(entry)  # warm-up: caches, lazily loaded files
    latencies = {}
    for entry in entries:
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            search(entry)
            times.append(time.perf_counter() - started)
        latencies[entry[1]] = statistics.median(times)
    return latencies


def main() -> None:
    command = sys.argv[1]
    if command == "fts5-build":
        print(json.dumps(fts5_build(Path(sys.argv[2]), Path(sys.argv[3]))))
    elif command == "warm":
        print(json.dumps(warm(sys.argv[2], Path(sys.argv[3]))))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
