"""Who-said-what on the dev gold: extract, score with shared/gold/score_quotes.py, time it.

    python bench/quotes.py              # the extractor alone, straight from the files (fast loop)
    python bench/quotes.py --cli        # through the product: search index + search quotes --json
    python bench/quotes.py --misses     # also list misses, wrong speakers, spurious quotes
    python bench/quotes.py --speed      # articles per second over shared/corpora/bbc
    python bench/quotes.py --gold polnear --part kept   # PolNeAR, the part kept aside (judge by this)
    python bench/quotes.py --gold polnear --part tune   # PolNeAR, the part rules may be tuned on

PolNeAR's train folder is split by date: articles from KEPT_FROM on (the last two
months, about 150 articles) are kept aside and never used for tuning; the rest is
the tuning part.

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
GOLDS = {"dev": SHARED / "gold" / "quotes-dev.jsonl", "polnear": SHARED / "gold" / "quotes-polnear-train.jsonl"}
GOLD = GOLDS["dev"]
KEPT_FROM = "2016-08-08"
sys.path.insert(0, str(ROOT))


def polnear_dates() -> dict[str, str]:
    dates = {}
    for meta in (SHARED / "corpora" / "polnear" / "train").glob("*/metadata.json"):
        for name, fields in json.loads(meta.read_text(encoding="utf-8")).items():
            dates[name] = fields.get("date", "")
    return dates


def in_part(name: str, part: str, dates: dict[str, str]) -> bool:
    if part == "all" or not name.startswith("polnear/"):
        return True
    kept = dates.get(Path(name).name, "") >= KEPT_FROM
    return kept if part == "kept" else not kept


def gold_files(part: str = "all") -> list[tuple[str, Path]]:
    out = []
    dates = polnear_dates() if part != "all" else {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        name = json.loads(line)["file"]
        if not in_part(name, part, dates):
            continue
        base = SHARED if name.startswith("seeds/") else SHARED / "corpora"
        out.append((name, base / name))
    return out


def gold_subset(part: str) -> Path:
    """The gold records of one part, in a temporary file for the scorer."""
    dates = polnear_dates()
    out = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as fh:
        for line in GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip() and in_part(json.loads(line)["file"], part, dates):
                fh.write(line + "\n")
    return out


def direct(out: Path, part: str = "all") -> None:
    from search.corpus import SidecarCache, read_file
    from search.quotes import extract

    sidecars = SidecarCache()
    with out.open("w", encoding="utf-8") as fh:
        for name, path in gold_files(part):
            for article in read_file(path, sidecars).articles:
                for q in extract(article.paragraphs, article.title):
                    fh.write(json.dumps({"file": name, "text": q.text, "speaker": q.speaker, "cue": q.cue}) + "\n")


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
    ap.add_argument("--gold", choices=sorted(GOLDS), default="dev")
    ap.add_argument("--part", choices=["all", "tune", "kept"], default="all", help="PolNeAR: which part")
    args = ap.parse_args()
    global GOLD
    GOLD = GOLDS[args.gold]
    if args.speed:
        speed()
        return
    out = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    if args.cli:
        through_cli(out)
    else:
        direct(out, args.part)
    gold = gold_subset(args.part) if args.part != "all" else GOLD
    cmd = [sys.executable, str(SHARED / "gold" / "score_quotes.py"), str(gold), str(out)]
    if args.misses:
        cmd.append("--misses")
    subprocess.run(cmd, check=True)
    os.unlink(out)


if __name__ == "__main__":
    main()
