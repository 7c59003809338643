"""Does one quotation match a query?

A search of quotations runs in two steps: the index finds the passages that may
hold a matching quotation (`candidates`: the query with its negations dropped,
so never too few), then each quotation in them is checked against the whole
query here, with the same analyzers as the index. `"no deal" NOT speaker:putin`
thus keeps Trump's quotation in a passage where Putin is quoted too.

Quotation queries use the fields `quote` (the words inside the marks, the
default), `speaker`, `source` and `date`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import LABEL, NAME, TEXT
from .querying import DateFilter


@dataclass
class Quotation:
    """What a query can ask of one quotation, analyzed as the index analyzes it."""

    words: list[str]  # the quotation's terms, in order (stop words out, stemmed)
    speaker: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    date: int = 0  # YYYYMMDD as the index stores it; 0 when unknown

    @classmethod
    def of(cls, text: str, speaker: str | None, source: str, date: int | None) -> Quotation:
        return cls(TEXT.terms(text), NAME.terms(speaker or ""), LABEL.terms(source or ""), date or 0)


def matches(q, quotation: Quotation) -> bool:
    from whoosh import query as Q

    if isinstance(q, Q.And):
        return all(matches(c, quotation) for c in q.subqueries)
    if isinstance(q, (Q.Or, Q.DisjunctionMax)):
        return any(matches(c, quotation) for c in q.subqueries)
    if isinstance(q, Q.Not):
        return not matches(q.query, quotation)
    if isinstance(q, Q.AndNot):
        return matches(q.a, quotation) and not matches(q.b, quotation)
    if isinstance(q, (Q.AndMaybe, Q.Require)):
        return matches(q.a, quotation) and (isinstance(q, Q.AndMaybe) or matches(q.b, quotation))
    if isinstance(q, Q.Every):
        return True
    if isinstance(q, Q.NumericRange):
        return _in_range(q, quotation.date)
    if isinstance(q, DateFilter):
        return q.within(quotation.date) and matches(q.child, quotation)
    if isinstance(q, (Q.Term, Q.Phrase)):
        words = _field_words(q.fieldname, quotation)
        if isinstance(q, Q.Term):
            return q.text in words
        return _has_phrase(words, q.words, q.slop)
    if hasattr(q, "child"):  # ConstantScoreQuery, boosts and other wrappers
        return matches(q.child, quotation)
    return False


def candidates(q):
    """A query for the passages that may hold a matching quotation, or None for "any
    passage with a quotation": negations are dropped, so it finds too many, never too few."""
    from whoosh import query as Q

    if isinstance(q, Q.Not):
        return None
    if isinstance(q, Q.AndNot):
        return candidates(q.a)
    if isinstance(q, Q.And):
        kept = [c for c in map(candidates, q.subqueries) if c is not None]
        return Q.And(kept) if len(kept) > 1 else (kept[0] if kept else None)
    if isinstance(q, (Q.Or, Q.DisjunctionMax)):
        kept = [candidates(c) for c in q.subqueries]
        return None if any(c is None for c in kept) else Q.Or(kept)
    if isinstance(q, Q.Every):
        return None
    return q


def _field_words(fieldname: str, quotation: Quotation) -> list[str]:
    return {"quote": quotation.words, "speaker": quotation.speaker, "source": quotation.source}.get(fieldname, [])


def _has_phrase(words: list[str], phrase, slop: int) -> bool:
    n = len(phrase)
    if not n:
        return False
    for i, w in enumerate(words):
        if w != phrase[0]:
            continue
        at, ok = i, True
        for p in phrase[1:]:
            nxt = next((j for j in range(at + 1, min(len(words), at + max(slop, 1) + 1)) if words[j] == p), None)
            if nxt is None:
                ok = False
                break
            at = nxt
        if ok:
            return True
    return False


def _in_range(q, value: int) -> bool:
    if not value:
        return False
    lo, hi = q.start, q.end
    if lo is not None and (value < lo or (q.startexcl and value == lo)):
        return False
    if hi is not None and (value > hi or (q.endexcl and value == hi)):
        return False
    return True
