"""Quotation marks paired into spans, and paragraphs cut into sentences around them.

`find_spans(text)` pairs marks by their direction (a mark after a space opens, one
before a space or punctuation closes), not left to right, so an unclosed mark in
run-together paragraphs (`"A. "B."`) does not put every later quotation out of
phase. Single marks count only outside double ones. `mask` blanks the insides of
quotations, and `sentences` cuts at sentence ends outside them: cues are looked
for only in the words around a quotation, never in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import TITLE_ABBREVIATIONS

DOUBLE = "\"“”„″"
SINGLE = "'‘’"
_DOUBLE_MARK = re.compile("[" + DOUBLE + "]")
_SINGLE_MARK = re.compile("[" + SINGLE + "]")
OPENERS = "“‘"
CLOSERS = "”’"



@dataclass
class Span:
    start: int  # offset of the first character inside the marks
    end: int  # offset just past the last character inside
    closed: bool = True
    orphan: bool = False  # a closing mark with no opening one: the start is a guess


# ---------------------------------------------------------------- spans


def _direction(text: str, i: int) -> str:
    """'open', 'close' or '?' for the quotation mark at text[i], from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before.isspace() or before in "([{—–-/" or before in OPENERS
    closes = after.isspace() or after in ".,;:!?)]}—–-…" or after in CLOSERS or after in DOUBLE
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if text[i] in OPENERS:
        return "open"
    if text[i] in CLOSERS:
        return "close"
    return "?"


def find_spans(text: str) -> list[Span]:
    """Quotation spans in one paragraph: double marks, then single marks outside them."""
    spans = _pair(text, [m.start() for m in _DOUBLE_MARK.finditer(text)], double=True)
    covered = [(s.start - 1, s.end) for s in spans]
    single_marks = [m.start() for m in _SINGLE_MARK.finditer(text) if not any(a <= m.start() <= b for a, b in covered)]
    singles = [i for i in single_marks if not _is_apostrophe(text, i)]
    spans += [s for s in _pair(text, singles, double=False) if s.closed]
    if any(s.closed for s in spans) or not singles:
        return sorted(spans, key=lambda s: s.start)
    # "Tory 'lies'": a mark that looks possessive closes a quotation opened before it.
    singles = [i for i in single_marks if not _is_inner_apostrophe(text, i)]
    spans += [s for s in _pair(text, singles, double=False) if s.closed]
    return sorted(spans, key=lambda s: s.start)


def _is_inner_apostrophe(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # don't, Zelenskyy’s
    if text[i] == "‘":
        return False
    # Jones' car, the '90s
    return (before in "sS" and after.isspace()) or (before.isspace() and after.isdigit())


def _pair(text: str, marks: list[int], double: bool) -> list[Span]:
    spans: list[Span] = []
    open_at: int | None = None
    for i in marks:
        d = _direction(text, i)
        if d == "?":
            d = "close" if open_at is not None else "open"
        if d == "open":
            if open_at is not None:
                # An opening mark while one is open: the first quotation ran on
                # unclosed (news style); it ends where the next begins.
                spans.append(Span(open_at + 1, _rstrip(text, open_at + 1, i), closed=False))
            open_at = i
        elif open_at is not None:
            spans.append(Span(open_at + 1, i))
            open_at = None
        elif double and i > 0 and text[i - 1] in ".!?,'’":
            # A closing mark with no opener: the quotation began at the start of its sentence.
            start = _sentence_start(text, i, spans)
            if start < i - 1:
                spans.append(Span(start, i, closed=False, orphan=True))
    if open_at is not None and open_at + 1 < len(text):
        spans.append(Span(open_at + 1, _rstrip(text, open_at + 1, len(text)), closed=False))
    return [s for s in spans if re.search(r"\w", text[s.start:s.end])]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _sentence_start(text: str, i: int, spans: list[Span]) -> int:
    """Where the sentence that a stray closing mark ends began. Right after another
    quotation there is no such sentence: `"...," he said at his news conference."` is
    the attribution followed by a stray mark, not a quotation (returns `i`)."""
    floor = spans[-1].end + 1 if spans else 0
    starts = [m.end() for m in re.finditer(r"[.!?][\"”’']?\s+(?=[A-Z“‘\"'])", text[floor:i])]
    if starts:
        return floor + starts[-1]
    return i if spans else floor


# ---------------------------------------------------------------- sentences


def mask(text: str, spans: list[Span]) -> str:
    """The paragraph with quotation interiors blanked, so cues are looked for only outside."""
    chars = list(text)
    for s in spans:
        for k in range(s.start, s.end):
            if not chars[k].isspace():
                chars[k] = "•"
    return "".join(chars)


_BOUNDARY = re.compile(r"[.!?]+[\"”’']?\s+(?=[A-Z“‘\"'])")
# Words whose full stop does not end a sentence: titles and initials.
_ABBREVIATION = re.compile(rf"(?:\b(?:{TITLE_ABBREVIATIONS})|\b[A-Z])$")


# Words that open a sentence and are never part of a name: after "the U.S." they start a new one.
_OPENER = re.compile(r"(?:He|She|They|It|We|The|But|And|His|Her|Their|This|That|These|Those|There|Yet|So|Still|However|Meanwhile|If|When)\b")
_INITIAL = re.compile(r"(?<![\w.])(?:[A-Z]\.)*[A-Z]$")


_AFTER_CLOSING = re.compile(r"[\"”’']?\s+(?=[A-Z“‘\"'])")


def _ends_sentence(masked: str, stop: re.Match) -> bool:
    if not _ABBREVIATION.search(masked, max(0, stop.start() - 4), stop.start()):
        return True
    # "... in the U.S. He says": a run of initials ends the sentence before such a word;
    # "Sen. He" never occurs, "Harry S. Truman" is no opener.
    return bool(_INITIAL.search(masked, max(0, stop.start() - 8), stop.start())) and bool(_OPENER.match(masked, stop.end()))


def sentences(text: str, masked: str, spans: list[Span]) -> list[tuple[int, int]]:
    cuts = {m.end() for m in _BOUNDARY.finditer(masked) if _ends_sentence(masked, m)}
    # A quotation that ends a sentence inside its marks ("...a deal." Next) ends it too.
    for s in spans:
        if s.closed and text[s.end - 1] in ".!?":
            m = _AFTER_CLOSING.match(text, s.end)
            if m:
                cuts.add(m.end())
    bounds, start = [], 0
    for cut in sorted(cuts):
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds
