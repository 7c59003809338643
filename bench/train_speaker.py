"""Train the speaker ranker (`search/attribution.py`) and write `search/models/speaker.json`.

    python bench/train_speaker.py            # train on the tuning data, write the model
    python bench/train_speaker.py --dry-run  # train and report, write nothing

Training data, all from ../shared: the BBC dev gold (`gold/quotes-dev.jsonl`) and the
PolNeAR train split's tuning part (articles dated before bench/quotes.py's KEPT_FROM;
the kept-aside part is never read here). Each quotation the extractor finds and the
gold matches (by the scorer's own rule) gives one example per candidate speaker near
it, labelled by the scorer's rule for a right speaker. The model is logistic
regression fitted by plain gradient descent with L2: no dependency, a few seconds.
Run from the project root.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def scorer():
    spec = importlib.util.spec_from_file_location("score_quotes", SHARED / "gold" / "score_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def examples(gold_path: Path, part: str, sq):
    """(candidates, index of a right one or None) per matched, attributable quotation."""
    import quotes as bench_quotes

    from search.corpus import SidecarCache, read_file
    from search.quotes import ranked_candidates

    bench_quotes.GOLD = gold_path
    gold = {json.loads(line)["file"]: json.loads(line)["quotes"]
            for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()}
    sidecars = SidecarCache()
    for name, path in bench_quotes.gold_files(part):
        found = [pair for a in read_file(path, sidecars).articles for pair in ranked_candidates(a.paragraphs, a.title)]
        pairs = sorted(((sq.match_score(g["text"], q.text), i, k) for i, g in enumerate(gold[name])
                        for k, (q, _) in enumerate(found)), reverse=True)
        taken, used = {}, set()
        for value, i, k in pairs:
            if value > 0 and i not in taken and k not in used:
                taken[i], _ = k, used.add(k)
        for i, k in taken.items():
            g = gold[name][i]
            if not g["speaker"]:
                continue
            cands = found[k][1]
            labels = [sq.speaker_right(c.name, g) for c in cands]
            yield cands, labels


def train(data, epochs: int = 30, rate: float = 0.1, l2: float = 1e-4) -> dict[str, float]:
    rows = [(c.features, 1.0 if y else 0.0) for cands, labels in data for c, y in zip(cands, labels)]
    w: dict[str, float] = defaultdict(float)
    rng = random.Random(1)
    for epoch in range(epochs):
        rng.shuffle(rows)
        step = rate / (1 + epoch * 0.2)
        for features, y in rows:
            z = w["bias"] + sum(w[k] * v for k, v in features.items())
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = p - y
            w["bias"] -= step * g
            for k, v in features.items():
                w[k] -= step * (g * v + l2 * w[k])
    return {k: round(v, 4) for k, v in sorted(w.items()) if abs(v) > 1e-4}


def accuracy(data, w) -> tuple[float, float]:
    """(the model's, the grammar's) share of quotations whose chosen candidate is right."""
    from search.attribution import choose

    model = rule = total = 0
    for cands, labels in data:
        total += 1
        best = choose(cands, w)
        model += bool(best is not None and labels[cands.index(best)])
        rule += any(y and c.features.get("rule") for c, y in zip(cands, labels))
    return model / total, rule / total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    sq = scorer()
    data = list(examples(SHARED / "gold" / "quotes-dev.jsonl", "all", sq))
    data += list(examples(SHARED / "gold" / "quotes-polnear-train.jsonl", "tune", sq))
    rng = random.Random(7)
    rng.shuffle(data)
    fold = len(data) // 5
    held, rest = data[:fold], data[fold:]
    w = train(rest)
    m, r = accuracy(held, w)
    print(f"{len(data)} quotations; inside the tuning data, a fifth held out: model {m:.3f}, grammar {r:.3f}")
    w = train(data)
    m, r = accuracy(data, w)
    print(f"all tuning data (fitted on it): model {m:.3f}, grammar {r:.3f}")
    if args.dry_run:
        return
    out = ROOT / "search" / "models" / "speaker.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({
        "about": "Speaker ranker of search/attribution.py: logistic regression weights. Trained by "
                 "bench/train_speaker.py on ../shared/gold/quotes-dev.jsonl and the PolNeAR train split's "
                 "articles dated before 2016-08-08 (PolNeAR: Newell, Margolin, Ruths, LREC 2018).",
        "examples": len(data), "weights": w}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)} ({len(w)} weights)")


if __name__ == "__main__":
    main()
