"""Who-said-what on the dev gold: extract, score with shared/gold/score_quotes.py, time it.

    python bench/quotes.py              # the extractor alone, straight from the files (fast loop)
    python bench/quotes.py --cli        # through the product: search index + search quotes --json
    python bench/quotes.py --misses     # also list misses, wrong speakers, spurious quotes
    python bench/quotes.py --speed      # articles per second over shared/corpora/bbc

Run from the project root; reads ../shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "quotes-dev.jsonl"
sys.path.insert(0, str(ROOT))


def gold_files() -> list[tuple[str, Path]]:
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        name = json.loads(line)["file"]
        base = SHARED if name.startswith("seeds/") else SHARED / "corpora"
        out.append((name, base / name))
    return out


def direct(out: Path) -> None:
    from search.corpus import read_file
    from search.quotes import extract

    with out.open("w", encoding="utf-8") as fh:
        for name, path in gold_files():
            for article in read_file(path).articles:
                for q in extract(article.paragraphs, article.title):
                    fh.write(json.dumps({"file": name, "text": q.text, "speaker": q.speaker}) + "\n")


def through_cli(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        for name, path in gold_files():
            target = corpus / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        index = Path(tmp) / "index"
        search = [sys.executable, "-m", "search"]
        subprocess.run(search + ["index", str(corpus), "--index", str(index)], check=True, stdout=subprocess.DEVNULL)
        with out.open("w", encoding="utf-8") as fh:
            subprocess.run(search + ["quotes", "--json", "--index", str(index)], check=True, stdout=fh)


def speed() -> None:
    from search.corpus import read_file
    from search.quotes import extract

    files = sorted((SHARED / "corpora" / "bbc").glob("*/*.txt"))
    articles = [a for f in files for a in read_file(f).articles]
    start = time.process_time()
    n = sum(len(extract(a.paragraphs)) for a in articles)
    cpu = time.process_time() - start
    print(f"{len(articles)} articles, {n} quotations in {cpu:.2f} s CPU: {len(articles) / cpu:.0f} articles/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", action="store_true")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args()
    if args.speed:
        speed()
        return
    out = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    (through_cli if args.cli else direct)(out)
    cmd = [sys.executable, str(SHARED / "gold" / "score_quotes.py"), str(GOLD), str(out)]
    if args.misses:
        cmd.append("--misses")
    subprocess.run(cmd, check=True)
    os.unlink(out)


if __name__ == "__main__":
    main()
