"""Many made-up articles, written on demand: volume for the tests that interrupt an
indexer or need a large vocabulary, without reading ../shared.

Deterministic (one seed, one corpus), about the size of a BBC article each, with
quotations attributed in the usual ways, so that extraction does real work. The
words are the seed articles' own plus made-up ones: real words to search for, and
a vocabulary large enough for wildcards to need their cap.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ONSETS = ["b", "br", "c", "ch", "d", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "w"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
CODAS = ["", "n", "r", "s", "t", "nd", "ll", "ck", "m"]
FIRST = ["Anna", "Omar", "Lena", "Marek", "Ruth", "Tariq", "Nadia", "Colin", "Yusuf", "Greta", "Ivo", "Sade"]
LAST = ["Berg", "Halloran", "Mbeki", "Novak", "Quist", "Ferreira", "Lindqvist", "Okafor", "Pryce", "Tanaka"]
OUTLETS = ["Northern Ledger", "Evening Crier", "Daily Lantern"]


def vocabulary(rng: random.Random, made_up: int) -> list[str]:
    real = {w.lower() for p in sorted(SEEDS.glob("*.txt")) for w in re.findall(r"[A-Za-z]{3,}", p.read_text(encoding="utf-8"))}
    words: set[str] = set()
    while len(words) < made_up:
        syllables = rng.choice([1, 2, 2, 3])
        words.add("".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)))
    return sorted(words | real)


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    body = " ".join(rng.choice(words) for _ in range(n))
    return body[0].upper() + body[1:]


def _paragraph(rng: random.Random, words: list[str]) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    kind = rng.randrange(4)
    if kind == 0:
        return f'"{_sentence(rng, words, 12)}," said {name}. "{_sentence(rng, words, 9)}."'
    if kind == 1:
        return f'{name} told reporters: "{_sentence(rng, words, 14)}."'
    return ". ".join(_sentence(rng, words, rng.randint(10, 18)) for _ in range(3)) + "."


def write_articles(folder: Path, count: int, seed: int = 1) -> Path:
    """`count` articles in `folder`, in sub-folders of 300, each sub-folder an outlet with
    dates in its metadata.json. Returns `folder`."""
    rng = random.Random(seed)
    words = vocabulary(rng, 3000)
    for first in range(0, count, 300):
        sub = folder / f"part{first // 300:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        meta = {"*": {"source": OUTLETS[(first // 300) % len(OUTLETS)]}}
        for n in range(first, min(count, first + 300)):
            name = f"{n:05d}.txt"
            paragraphs = [_paragraph(rng, words) for _ in range(rng.randint(4, 8))]
            (sub / name).write_text(_sentence(rng, words, 6) + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
            meta[name] = {"date": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"}
        (sub / "metadata.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return folder
