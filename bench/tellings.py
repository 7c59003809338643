"""What grouping quotations by their tellings costs (issue 11), as ratios in one run.

    python bench/tellings.py [--corpus ../shared/corpora/polnear/train] [--runs 5]

- build: `search index` of the folder, timed, then the grouping step alone
  (`write_tellings` on the built index) timed: its share of the build;
- query: `search quotes WORD` (grouped, the default) against `search quotes WORD
  --flat` (the list as it was before grouping), warm, in one process, median of runs.

Run by hand from the project root; reads ../shared.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "polnear" / "train"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--words", default="said,trump,people,campaign")
    args = ap.parse_args()
    from whoosh import index as windex

    from search.indexer import write_tellings
    from search.searcher import Searcher
    from search.tellings import TELLINGS_FILE

    with tempfile.TemporaryDirectory() as tmp:
        ix_dir = Path(tmp) / "ix"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "search", "index", args.corpus, "--index", str(ix_dir), "-q"], check=True)
        build = time.perf_counter() - started
        (ix_dir / TELLINGS_FILE).unlink()
        started = time.perf_counter()
        write_tellings(windex.open_dir(str(ix_dir)), ix_dir)
        grouping = time.perf_counter() - started
        print(f"build {build:.2f} s, of which grouping {grouping:.2f} s ({100 * grouping / build:.1f}%; target <= 20%)")
        searcher = Searcher(ix_dir)
        for word in args.words.split(","):
            flat, grouped = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                n_flat = len(searcher.quotes(word)[0])
                flat.append(time.perf_counter() - started)
                started = time.perf_counter()
                groups = searcher.tellings(word)[0]
                grouped.append(time.perf_counter() - started)
            f, g = statistics.median(flat), statistics.median(grouped)
            print(f"quotes {word!r}: flat {f * 1000:.0f} ms ({n_flat} tellings), grouped {g * 1000:.0f} ms "
                  f"({len(groups)} quotations): {g / f:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
