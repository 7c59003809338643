"""Text analysis shared by indexing, querying and highlighting.

An analyzer turns text into index terms with their word positions and character
offsets. The same analyzer must run at index time and at query time (and again
when a snippet is highlighted), or terms stop matching; this module is the one
place that defines them.

Stemming is Snowball English. The indexer switches to NLTK's implementation
(`use_nltk_stemmer`); everything else uses `whoosh.lang.porter2`, the same
algorithm, because importing NLTK costs half a second that a one-shot query
cannot afford. A test keeps the two in agreement over the corpus vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

# A word, keeping inner apostrophes ("didn't", "Zelenskyy’s").
WORD = re.compile(r"\w+(?:['’]\w+)*")
# In names and labels a hyphen joins: "Kendall-Taylor" is one surname, not Taylor.
NAME_WORD = re.compile(r"\w+(?:[-'’]\w+)*")

# Deliberately short. Whoosh's default list drops "us", "may", "will", "can",
# "not" and "no": in news those are the US, Theresa May, "no deal".
STOP_WORDS = frozenset(
    "a an and are as at be been by for from has have in into is it its of on or "
    "that the their this to was were with".split()
)

# Letters that Unicode decomposition does not split into base + accent.
_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "’": "'"}
)

# Caches are bounded: a hostile file of random tokens must not grow memory forever.
_CACHE_LIMIT = 500_000


def fold(word: str) -> str:
    """Lower-case, strip accents, drop a possessive: "Næringsliv’s" -> "naeringsliv"."""
    word = word.lower().translate(_LETTERS)
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip("'")


def _porter2() -> Callable[[str], str]:
    from whoosh.lang.porter2 import stem

    return stem


_stem: Callable[[str], str] | None = None


def stem(word: str) -> str:
    global _stem
    if _stem is None:
        _stem = _porter2()
    return _stem(word)


def use_nltk_stemmer() -> None:
    """Stem with NLTK's SnowballStemmer("english") from now on (the indexer calls this)."""
    global _stem
    from nltk.stem.snowball import SnowballStemmer

    _stem = SnowballStemmer("english").stem
    for analyzer in ANALYZERS.values():
        analyzer.clear_cache()


def name_key(word: str) -> str:
    """Collapse transliteration variants of a name word.

    Zelensky, Zelenskyy and Zelenskiy all become "zelensky"; Dmitri and Dmitry
    "dmitry". Doubled letters are collapsed and a final -iy/-yi/-i/-yy becomes -y.
    Applied on both sides of a `speaker:` search, so any spelling finds the others.
    """
    word = re.sub(r"(.)\1+", r"\1", word)
    return re.sub(r"(?<=[^aeiouy])(?:iy|yi|ij|i)$", "y", word)


class Analyzer:
    """Text -> (term, position, start, end) tuples; stop words leave no gap in positions."""

    def __init__(self, name: str, pattern: re.Pattern, normalize: Callable[[str], str | None]):
        self.name = name
        self.pattern = pattern
        self._normalize = normalize
        self._cache: dict[str, str | None] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def term(self, word: str) -> str | None:
        """The index term for one word, or None for a stop word."""
        cache = self._cache
        try:
            return cache[word]
        except KeyError:
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            term = cache[word] = self._normalize(word) or None
            return term

    def tokens(self, text: str) -> Iterator[tuple[str, int, int, int]]:
        term_of = self.term
        pos = 0
        for m in self.pattern.finditer(text):
            term = term_of(m.group())
            if term is not None:
                yield term, pos, m.start(), m.end()
                pos += 1

    def terms(self, text: str) -> list[str]:
        return [t[0] for t in self.tokens(text)]


def _text_term(word: str) -> str | None:
    word = fold(word)
    return None if word in STOP_WORDS else stem(word)


def _exact_term(word: str) -> str | None:
    word = fold(word)
    return None if word in STOP_WORDS else word


def _name_term(word: str) -> str:
    return name_key(fold(word))


# Passage text and titles: folded, stop words out, stemmed.
TEXT = Analyzer("text", WORD, _text_term)
# The unstemmed copy of the text: exact words, fuzzy terms, wildcards, spelling.
EXACT = Analyzer("exact", WORD, _exact_term)
# Speaker names: hyphenated surnames kept whole, transliteration variants merged.
NAME = Analyzer("name", NAME_WORD, _name_term)
# Source labels and other short labels: folded words, nothing dropped.
LABEL = Analyzer("label", NAME_WORD, fold)

ANALYZERS = {a.name: a for a in (TEXT, EXACT, NAME, LABEL)}
