"""Snippets: the best few sentences of a passage, with exactly what matched marked.

Whoosh's highlighter marks a phrase's words wherever they occur and ranks
fragments by those stray words (`"no deal until"` on seed 003 shows the "no
Yalta, no Munich" sentence first). Here the passage is analyzed again with the
index's own analyzers, and only real matches are marked: a term where its stem
matches, a phrase only where its words stand in a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import EXACT, TEXT

BUDGET = 300  # characters of snippet per passage, all fragments together
MOST = 3  # fragments per passage
MIN_ROOM = 60  # a further fragment is only worth showing with at least this much room
ELLIPSIS = "…"


@dataclass
class MatchSpec:
    """What to mark: stemmed terms, unstemmed (exact) terms, and phrases of stemmed terms."""

    terms: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)
    phrases: list[tuple[tuple[str, ...], int]] = field(default_factory=list)  # (terms, slop)
    speakers: list[tuple[str, ...]] = field(default_factory=list)  # name terms: mark their quotations

    def __bool__(self) -> bool:
        return bool(self.terms or self.exact or self.phrases or self.speakers)


@dataclass
class Fragment:
    text: str
    matches: list[tuple[int, int]]  # text[start:end] is each highlighted span


def find_matches(text: str, spec: MatchSpec) -> list[tuple[int, int]]:
    """Character spans of `text` that the query matched, sorted, overlaps merged."""
    spans: list[tuple[int, int]] = []
    if spec.terms or spec.phrases:
        tokens = list(TEXT.tokens(text))
        spans += [(s, e) for term, _, s, e in tokens if term in spec.terms]
        for words, slop in spec.phrases:
            spans += _phrase_spans(tokens, words, slop)
    if spec.exact:
        spans += [(s, e) for term, _, s, e in EXACT.tokens(text) if term in spec.exact]
    return merge_spans(spans)


def _phrase_spans(tokens: list, words: tuple[str, ...], slop: int) -> list[tuple[int, int]]:
    """Each occurrence of the phrase: one span for an exact phrase, a span per word with slop.

    Token positions are consecutive (stop words leave no gap), as in the index.
    """
    out = []
    for i, token in enumerate(tokens):
        if token[0] != words[0]:
            continue
        chain = [i]
        for w in words[1:]:
            prev = chain[-1]
            nxt = next((j for j in range(prev + 1, min(len(tokens), prev + max(slop, 1) + 1)) if tokens[j][0] == w), None)
            if nxt is None:
                break
            chain.append(nxt)
        if len(chain) != len(words):
            continue
        if slop <= 1:
            out.append((tokens[chain[0]][2], tokens[chain[-1]][3]))
        else:
            out += [(tokens[j][2], tokens[j][3]) for j in chain]
    return out


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping and touching spans made one: a highlight never repeats text."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets; good enough to cut snippets at."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        out.append((start, len(text[:end].rstrip())))
        start = end
    if start < len(text):
        out.append((start, len(text.rstrip())))
    return out


def best_fragments(text: str, matches: list[tuple[int, int]], budget: int = BUDGET, most: int = MOST) -> list[Fragment]:
    """Up to `most` fragments, about `budget` characters in all, best sentences first chosen,
    shown in the order they stand in the passage. No matches: the passage's lead."""
    sentences = sentence_spans(text)
    if not matches:
        start, end = sentences[0] if sentences else (0, len(text))
        return [_cut(text, start, max(end, min(len(text), start + budget // 2)), [], budget)]
    scored = []
    for start, end in sentences:
        inside = [(s, e) for s, e in matches if s >= start and e <= end]
        if inside:
            distinct = len({text[s:e].lower() for s, e in inside})
            scored.append((-(distinct * 10 + len(inside)), start, end, inside))
    scored.sort()
    chosen, room = [], budget
    for _, start, end, inside in scored:
        if len(chosen) == most or room < MIN_ROOM:
            break
        fragment = _cut(text, start, end, inside, room)
        chosen.append((start, fragment))
        room -= len(fragment.text)
    return [f for _, f in sorted(chosen, key=lambda c: c[0])]


def _cut(text: str, start: int, end: int, inside: list[tuple[int, int]], room: int) -> Fragment:
    """The sentence text[start:end], cut to `room` characters around its first match."""
    if end - start > room:
        first = inside[0][0] if inside else start
        lo = max(start, first - room // 3)
        if lo > start:
            space = text.find(" ", lo, first + 1)
            lo = space + 1 if space != -1 else lo
        hi = min(end, lo + room - 2)
        if hi < end:
            space = text.rfind(" ", lo, hi)
            last_match_end = max((e for s, e in inside if e <= hi), default=lo)
            hi = space if space > last_match_end else hi
    else:
        lo, hi = start, end
    prefix = ELLIPSIS if lo > start else ""
    suffix = ELLIPSIS if hi < end else ""
    body = text[lo:hi].strip()
    shift = lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
    spans = [(s - shift + len(prefix), e - shift + len(prefix)) for s, e in inside if s >= shift and e <= shift + len(body)]
    return Fragment(prefix + body + suffix, spans)
