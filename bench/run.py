"""Benchmarks that keep us honest: speed at 1x and 20x and ranking quality, beside
SQLite FTS5 and ripgrep measured in the same run. Run by hand, from the project root:

    python bench/run.py                          # everything (about half an hour)
    python bench/run.py --only build,queries --scale 2
    python bench/run.py --only scifact --run-out scifact.run

Prints a table and writes bench/RESULTS.md (machine, date, commit). Every speed figure
has its ratio to a reference measured in the same run: the machines are shared and
noisy, so read ratios rather than absolutes. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from corpora import write_corpus  # noqa: E402
from queries import ONE_SHOT, query_set  # noqa: E402

SECTIONS = ("build", "reindex", "queries", "oneshot", "scifact")
PY = sys.executable


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    stdout: str = ""


def measure(cmd: list[str], env=None, stdout=subprocess.PIPE) -> Measure:
    """Run a command; its own wall time, CPU time (user+sys) and peak RSS, via wait4."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=env, text=True)
    out = proc.stdout.read() if stdout == subprocess.PIPE else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, out)


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values)) + 0.5) - 1))]


class Table:
    def __init__(self):
        self.rows: list[tuple] = []

    def add(self, what, ours, reference="", ratio="", target="", verdict=""):
        row = (what, ours, reference, ratio, target, verdict)
        self.rows.append(row)
        print(" | ".join(str(c) for c in row), flush=True)

    def markdown(self) -> str:
        head = "| measure | news-search | reference (same run) | ratio | target | met |\n|---|---|---|---|---|---|\n"
        return head + "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in self.rows)


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def search_cmd(*args) -> list[str]:
    return [PY, "-m", "search", *[str(a) for a in args]]


# ---------------------------------------------------------------- sections


def build(table: Table, work: Path, corpora: dict[str, Path], scales: list[str]) -> None:
    for scale in scales:
        corpus = corpora[scale]
        index = work / f"index-{scale}"
        shutil.rmtree(index, ignore_errors=True)
        ours = measure(search_cmd("index", corpus, "--index", index, "--quiet"))
        db = work / f"fts5-{scale}.db"
        db.unlink(missing_ok=True)
        fts = measure([PY, str(HERE / "engines.py"), "fts5-build", corpus, db])
        extraction = json.loads(fts.stdout)["extraction_cpu"] if fts.returncode == 0 else 0.0
        target = {"1x": 20.0, "20x": 480.0}.get(scale)
        table.add(f"build {scale}: wall (CPU)", f"{ours.wall:.1f} s ({ours.cpu:.1f} s)",
                  f"FTS5 {fts.wall:.1f} s ({fts.cpu:.1f} s, of which our extractor {extraction:.1f} s)",
                  f"{ours.wall / fts.wall:.1f}x", f"<= {target:.0f} s" if target else "",
                  verdict(ours.wall <= target) if target else "")
        rss_target = 1024 if scale == "20x" else None
        table.add(f"build {scale}: peak RSS", f"{ours.rss_mb:.0f} MB", f"FTS5 {fts.rss_mb:.0f} MB",
                  f"{ours.rss_mb / fts.rss_mb:.1f}x", "<= 1024 MB" if rss_target else "",
                  verdict(ours.rss_mb <= rss_target) if rss_target else "")
        table.add(f"build {scale}: index size", f"{size_mb(index):.0f} MB", f"FTS5 {size_mb(db):.0f} MB "
                  f"(corpus {size_mb(corpus):.0f} MB)", f"{size_mb(index) / size_mb(db):.1f}x")


def reindex(table: Table, work: Path, corpora: dict[str, Path]) -> None:
    corpus, index = corpora["1x"], work / "index-1x"
    if not index.exists():
        measure(search_cmd("index", corpus, "--index", index, "--quiet"))
    full = measure(search_cmd("index", corpus, "--index", index, "--rebuild", "--quiet"))
    same = measure(search_cmd("index", corpus, "--index", index, "--quiet"))
    table.add("re-index 1x, nothing changed", f"{same.wall:.2f} s", f"full build {full.wall:.1f} s",
              f"{same.wall / full.wall:.2f}x", "<= 2 s", verdict(same.wall <= 2.0))
    files = sorted(corpus.rglob("*.txt"))
    changed = files[:: max(1, len(files) // max(1, len(files) // 100))][: len(files) // 100]
    for path in changed:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("\nA paragraph added to measure an update.\n")
    one_pct = measure(search_cmd("index", corpus, "--index", index, "--quiet"))
    table.add(f"re-index 1x, 1% changed ({len(changed)} files)", f"{one_pct.wall:.2f} s",
              f"full build {full.wall:.1f} s", f"{one_pct.wall / full.wall:.2f}x")


def queries(table: Table, work: Path, corpora: dict[str, Path], scales: list[str]) -> None:
    for scale in scales:
        index, db = work / f"index-{scale}", work / f"fts5-{scale}.db"
        ours = json.loads(measure([PY, str(HERE / "engines.py"), "warm", "ours", index]).stdout)
        fts = json.loads(measure([PY, str(HERE / "engines.py"), "warm", "fts5", db]).stdout)
        o50, o95 = pct(ours.values(), 0.5) * 1000, pct(ours.values(), 0.95) * 1000
        f50, f95 = pct(fts.values(), 0.5) * 1000, pct(fts.values(), 0.95) * 1000
        targets = {"20x": (20, 100)}.get(scale)
        table.add(f"warm query {scale} with snippets: p50 / p95 ({len(ours)} queries)",
                  f"{o50:.1f} / {o95:.1f} ms", f"FTS5 {f50:.1f} / {f95:.1f} ms",
                  f"{o50 / f50:.1f}x / {o95 / f95:.1f}x",
                  f"<= {targets[0]} / {targets[1]} ms" if targets else "",
                  verdict(o50 <= targets[0] and o95 <= targets[1]) if targets else "")
        slowest = sorted(ours.items(), key=lambda kv: -kv[1])[:5]
        print("  slowest:", ", ".join(f"{q} {t * 1000:.0f} ms" for q, t in slowest))
        (work / f"latencies-{scale}.json").write_text(json.dumps({"ours": ours, "fts5": fts}, indent=1))
        if scale == "1x" and shutil.which("rg"):
            rg = []
            for entry in query_set():
                if entry[3]:
                    runs = [measure(["rg", "-i", "-e", entry[3], str(corpora[scale])]).wall for _ in range(3)]
                    rg.append(statistics.median(runs))
            r50, r95 = pct(rg, 0.5) * 1000, pct(rg, 0.95) * 1000
            table.add(f"ripgrep 1x, no index ({len(rg)} of the queries it can express)",
                      f"{r50:.0f} / {r95:.0f} ms", f"news-search warm {o50:.1f} / {o95:.1f} ms",
                      f"{o50 / r50:.2f}x / {o95 / r95:.2f}x")


def oneshot(table: Table, work: Path, corpora: dict[str, Path]) -> None:
    index = work / "index-1x"
    env = dict(os.environ, NO_COLOR="1")
    runs = [measure(search_cmd("query", ONE_SHOT, "--index", index), env=env, stdout=subprocess.DEVNULL).wall
            for _ in range(11)][1:]
    bare = [measure([PY, "-c", "pass"], stdout=subprocess.DEVNULL).wall for _ in range(10)]
    ours, python = statistics.median(runs) * 1000, statistics.median(bare) * 1000
    reference = f"python -c pass {python:.0f} ms"
    if shutil.which("rg"):
        rg = [measure(["rg", "-i", "-w", ONE_SHOT.split()[0], str(corpora["1x"])], stdout=subprocess.DEVNULL).wall
              for _ in range(10)]
        reference += f"; rg {statistics.median(rg) * 1000:.0f} ms"
    table.add(f"one-shot `search query \"{ONE_SHOT}\"` 1x, median of 10", f"{ours:.0f} ms", reference,
              f"{ours / python:.1f}x python", "<= 300 ms", verdict(ours <= 300))


def scifact(table: Table, run_out: Path | None) -> None:
    from scifact import measure as ranking

    r = ranking(run_out=run_out)
    table.add("SciFact nDCG@10 (test, 300 queries)", f"{r['ndcg@10']:.3f}",
              f"BM25: 0.665 BEIR/Elasticsearch, 0.679 Anserini; product defaults {r['default_ndcg@10']:.3f}",
              "", ">= 0.69", verdict(r["ndcg@10"] >= 0.69))
    table.add("SciFact Recall@100", f"{r['recall@100']:.3f}", f"product defaults {r['default_recall@100']:.3f}")
    table.add("SciFact parameters (chosen on train)", f"k1={r['k1']}, b={r['b']}, "
              f"title={'in one field with the text' if r['title'] is None else r['title']}",
              f"train nDCG@10 {r['train_ndcg@10']:.3f}")


# ---------------------------------------------------------------- main


def machine() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit, dirty = "unknown", ""
    import whoosh

    return (f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC\n"
            f"- commit: {commit}{' (with uncommitted changes)' if dirty else ''}\n"
            f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}\n"
            f"- Python {platform.python_version()}, Whoosh {'.'.join(map(str, whoosh.versionstring().split('.')))}, "
            f"SQLite {__import__('sqlite3').sqlite_version}, ripgrep: {shutil.which('rg') or 'not installed'}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections of {', '.join(SECTIONS)}")
    ap.add_argument("--scale", type=int, default=20, help="the large corpus is this many copies of BBC (default 20)")
    ap.add_argument("--run-out", type=Path, help="write the SciFact test run here (TREC format)")
    ap.add_argument("--workdir", type=Path, help="keep corpora and indexes here (default: a temporary folder)")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args()
    only = set(args.only.split(","))
    unknown = only - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections: {', '.join(sorted(unknown))}")

    table = Table()
    big = f"{args.scale}x"
    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpora = {}
        if only & {"build", "reindex", "queries", "oneshot"}:
            for name, copies in (("1x", 1), (big, args.scale)):
                folder = work / f"corpus-{name}"
                if not folder.exists():
                    counts = write_corpus(folder, copies)
                    print(f"corpus {name}: {counts['articles']} articles, {counts['paragraphs']} passages", flush=True)
                corpora[name] = folder
        print(" | ".join(("measure", "news-search", "reference", "ratio", "target", "met")))
        if "build" in only:
            build(table, work, corpora, ["1x", big])
        if "queries" in only:
            queries(table, work, corpora, ["1x", big])
        if "oneshot" in only:
            oneshot(table, work, corpora)
        if "reindex" in only:
            reindex(table, work, corpora)
        if "scifact" in only:
            scifact(table, args.run_out)

    text = ("# Benchmark results\n\nWritten by `python bench/run.py"
            + (f" --only {args.only}" if args.only != ",".join(SECTIONS) else "")
            + (f" --scale {args.scale}" if args.scale != 20 else "") + "`.\n\n" + machine() + "\n"
            + table.markdown() + "\n\n" + NOTES)
    args.results.write_text(text, encoding="utf-8")
    print(f"\nwrote {args.results}")


NOTES = """Notes on the comparison:

- Corpora: `shared/corpora/bbc` written out as 2,225 .txt articles with a metadata.json per
  category (source "BBC News", fixed made-up dates); the large one is N copies with new ids and
  paragraphs reshuffled within each category (`bench/corpora.py`).
- news-search's build includes reading, quotation extraction and speaker attribution. FTS5 gets
  the same passages and a speaker column filled by the same extractor; its build time includes
  that extraction, which is also shown apart.
- Warm queries: 52 queries (`bench/queries.py`), one warm-up pass, then the median of 3 runs
  each; p50/p95 across queries. Each returns the top 10 with snippets. FTS5 has no fuzzy
  terms: it is given the correct spelling instead, which flatters it.
- ripgrep has no index and cannot express AND of words, fields, dates or fuzzy terms: it runs
  the queries it can (words, phrases) over the 1x folder.
- SciFact: the product's analyzer and BM25F; parameters chosen on the train split only; the
  test run can be written as a TREC file (`--run-out`) and checked with any trec_eval.
"""


if __name__ == "__main__":
    main()
