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
    return _load(GENDERS, "names") or {}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary lower-case words that open sentences ("given", "amid", "despite"), learnt by
    bench/train_lexicon.py; empty without the file."""
    return frozenset(_load(COMMON_WORDS, "words") or ())


def place_key(name: str) -> str:
    """A name as the place list spells it: folded, lower case, one space between words."""
    return " ".join(fold(w) for w in name.split())


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Names of places ("iowa", "little rock", "new hampshire"), spelt by `place_key`, learnt by
    bench/train_places.py; empty without the file."""
    return frozenset(_load(PLACES, "places") or ())


def _load(path: Path, field: str):
    """One field of a shipped model file; None when the file is missing or unreadable (the
    extractor then works without that list)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))[field]
    except (OSError, ValueError, KeyError):
        return None
