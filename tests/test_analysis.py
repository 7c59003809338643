"""The analyzers shared by indexing, querying and highlighting."""

from __future__ import annotations

import re

import pytest
from conftest import COVERAGE, SEEDS, shared

from search import analysis
from search.analysis import EXACT, LABEL, NAME, TEXT


def test_stop_list_keeps_the_words_news_needs():
    assert TEXT.terms("the US and May will say no") == ["us", "may", "will", "say", "no"]


def test_snowball_stems_properly_where_whoosh_porter_does_not():
    assert TEXT.terms("running sanctions generously") == ["run", "sanction", "generous"]


def test_accents_are_folded_and_possessives_dropped():
    assert TEXT.terms("Næringsliv Zelenskyy’s café") == ["naeringsliv", "zelenskyy", "cafe"]
    assert EXACT.terms("Sanctions running") == ["sanctions", "running"]


def test_positions_leave_no_gap_for_stop_words_and_offsets_point_at_words():
    text = "The root causes of the conflict"
    tokens = list(TEXT.tokens(text))
    assert [(t, p) for t, p, _, _ in tokens] == [("root", 0), ("caus", 1), ("conflict", 2)]
    assert [text[s:e] for _, _, s, e in tokens] == ["root", "causes", "conflict"]


def test_names_merge_transliterations_and_keep_hyphenated_surnames():
    assert NAME.terms("Zelensky") == NAME.terms("Zelenskyy") == NAME.terms("Zelenskiy")
    assert NAME.terms("Dmitri") == NAME.terms("Dmitry")
    assert NAME.terms("Andrea Kendall-Taylor")[-1] != NAME.terms("William Taylor")[-1]
    assert LABEL.terms("Financial Times") == ["financial", "times"]


def _disagreements(paths) -> tuple[int, list[str]]:
    from nltk.stem.snowball import SnowballStemmer
    from whoosh.lang.porter2 import stem as porter2

    words = set()
    for path in paths:
        words.update(analysis.fold(w) for w in re.findall(r"\w+(?:['’]\w+)*", path.read_text(encoding="utf-8", errors="replace")))
    nltk_stem = SnowballStemmer("english").stem
    return len(words), sorted(w for w in words if porter2(w) != nltk_stem(w))


def test_query_stemmer_agrees_with_nltk_on_the_bundled_articles():
    """The query path stems with whoosh.lang.porter2 to avoid importing NLTK; it must give
    NLTK's SnowballStemmer("english") result for every word we index."""
    count, disagree = _disagreements(list(SEEDS.glob("*.txt")) + list(COVERAGE.rglob("*.txt")))
    assert count > 900 and disagree == []


@pytest.mark.corpus
def test_query_stemmer_agrees_with_nltk_on_the_whole_bbc_vocabulary():
    count, disagree = _disagreements(list(shared("corpora", "bbc").glob("*/*.txt")) + list(SEEDS.glob("*.txt")))
    assert count > 25_000 and disagree == []
