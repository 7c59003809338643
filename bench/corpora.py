"""The benchmark corpora: BBC at 1x, and a deterministic 20x copy of it.

Both are written as folders of .txt articles with a metadata.json per category
(source "BBC News" and a made-up but fixed publication date per article), so that
`source:` and `date:` queries have something to find, for every engine alike.

The 20x copy gives every article 20 new ids; copy k of an article keeps its
title and takes its paragraphs reshuffled, with some swapped for paragraphs of
other articles of the same category, so that it is not pure duplication.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BBC = SHARED / "corpora" / "bbc"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")


def read_bbc() -> dict[str, list[tuple[str, str, list[str]]]]:
    """category -> [(id, title, paragraphs)], in file order."""
    from search.corpus import read_file

    out = {}
    for category in CATEGORIES:
        articles = []
        for path in sorted((BBC / category).glob("*.txt")):
            record = read_file(path)
            for a in record.articles:
                articles.append((path.stem, a.title, a.paragraphs))
        out[category] = articles
    return out


def _date_for(seed: int) -> str:
    return (date(2004, 1, 1) + timedelta(days=seed % 730)).isoformat()


def write_corpus(target: Path, copies: int, seed: int = 20) -> dict[str, int]:
    """Write `copies` copies of BBC into `target`; returns counts of articles and paragraphs."""
    rng = random.Random(seed)
    bbc = read_bbc()
    n_articles = n_paragraphs = 0
    for category, articles in bbc.items():
        folder = target / category
        folder.mkdir(parents=True, exist_ok=True)
        pool = [p for _, _, paragraphs in articles for p in paragraphs]
        meta = {}
        for k in range(copies):
            for i, (ident, title, paragraphs) in enumerate(articles):
                body = list(paragraphs)
                if k:
                    rng.shuffle(body)
                    for j in range(len(body)):
                        if rng.random() < 0.3:
                            body[j] = rng.choice(pool)
                name = f"{k:02d}{ident}.txt"
                (folder / name).write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
                meta[name] = {"date": _date_for(rng.randrange(10_000) if k else i * 7)}
                n_articles += 1
                n_paragraphs += len(body)
        meta["*"] = {"source": "BBC News"}
        (folder / "metadata.json").write_text(json.dumps(meta, indent=0), encoding="utf-8")
    return {"articles": n_articles, "paragraphs": n_paragraphs}


def passages(folder: Path):
    """(article id, category, date, title, paragraph number, text) of every passage of a written corpus."""
    for category in CATEGORIES:
        meta = json.loads((folder / category / "metadata.json").read_text(encoding="utf-8"))
        for path in sorted((folder / category).glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
            for pos, text in enumerate(body.strip().split("\n\n"), start=1):
                yield path.stem, category, meta[path.name]["date"], title, pos, text
