"""The word lists shipped with the package, learnt from plain text by scripts in bench/:
which first names go with "he" and which with "she" (`bench/train_gender.py`), and
which capitalised words are only ordinary words opening a sentence
(`bench/train_lexicon.py`), which names are places (`bench/train_places.py`).
Each loads once; without its file, it is empty.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .analysis import fold

GENDERS = Path(__file__).resolve().parent / "models" / "genders.json"
COMMON_WORDS = Path(__file__).resolve().parent / "models" / "common_words.json"
PLACES = Path(__file__).resolve().parent / "models" / "places.json"


def first_name_key(word: str) -> str:
    """A first name as the gender lexicon spells it: folded, lower case, variants kept apart
    (Joni is not Jony)."""
    return fold(word.strip(".,")).lower()


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name (as `first_name_key` spells it) -> "m" or "f", learnt by bench/train_gender.py;
    empty without the file."""
    try:
        return json.loads(GENDERS.read_text(encoding="utf-8"))["names"]
    except (OSError, ValueError, KeyError):
        return {}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary lower-case words that open sentences ("given", "amid", "despite"), learnt by
    bench/train_lexicon.py; empty without the file."""
    try:
        return frozenset(json.loads(COMMON_WORDS.read_text(encoding="utf-8"))["words"])
    except (OSError, ValueError, KeyError):
        return frozenset()


def place_key(name: str) -> str:
    """A name as the place list spells it: folded, lower case, one space between words."""
    return " ".join(fold(w) for w in name.split())


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Names of places ("iowa", "little rock", "new hampshire"), spelt by `place_key`, learnt by
    bench/train_places.py; empty without the file."""
    try:
        return frozenset(json.loads(PLACES.read_text(encoding="utf-8"))["places"])
    except (OSError, ValueError, KeyError):
        return frozenset()
