"""Did you mean: what a query that found nothing may have meant, from the index itself.

A query word that no passage has gets the closest word of the index's own vocabulary
(two edits, first letter kept); a `speaker:` name that no one quoted has gets the
closest speaker, with the full names it stands for; a `date:` asked of an index with
no dated article says how to give dates. Never an invented word.
"""

from __future__ import annotations

from . import analysis
from .querying import TEXT_FIELDS, DateFilter, SearchError, nodes


def hints(reader, parse, speakers, text: str, speaker: str | None = None, fields: list[str] | None = None) -> list[str]:
    """"Did you mean" for a query that found nothing: each of its words that no passage
    has, and each speaker: name that no speaker has, with the closest word the index
    has instead (its own vocabulary and speaker names; never an invented word).
    `parse(text, fields)` is the searcher's query parser, `speakers()` its speaker facets."""
    hints = []
    if text:
        try:
            q, _ = parse(text, fields or ["text", "title"])
        except SearchError:
            return []
        if _asks_dates(q) and not _has_dates(reader):
            hints.append("no article in the index has a date: give dates with `date:` in front matter or "
                         "JSON, or in a metadata.json beside the files, then run `search index` again")
        for fieldname, term in _wanted_terms(q):
            if fieldname == "speaker":
                hints += _speaker_hint(speakers, reader, term, _as_written(text, term))
            elif fieldname in TEXT_FIELDS and not any(reader.doc_frequency(f, term) for f in TEXT_FIELDS):
                hints += _word_hint(reader, text, term)
    if speaker:
        for term in analysis.NAME.terms(speaker):
            hints += _speaker_hint(speakers, reader, term, _as_written(speaker, term))
    return list(dict.fromkeys(hints))

def _word_hint(reader, text: str, stem: str) -> list[str]:
    for word in analysis.EXACT.terms(text):
        if analysis.TEXT.term(word) == stem:
            better = _closest(reader, "exact", word)
            if better:
                return [f"no passage has {word!r}; did you mean {better!r}?"]
            return [f"no passage has {word!r}"]
    return []

def _speaker_hint(speakers, reader, term: str, written: str) -> list[str]:
    if reader.doc_frequency("speaker", term):
        return []
    better = _closest(reader, "speaker", term)
    if not better:
        return [f"nobody quoted in the index is called {written!r}"]
    names = [f.name for f in speakers() if better in analysis.NAME.terms(f.name)][:3]
    who = f" ({', '.join(names)})" if names else ""
    return [f"nobody quoted in the index is called {written!r}; did you mean speaker:{better}{who}?"]


def _wanted_terms(q):
    """(field, term) of each single word a query asks for (not those it excludes)."""
    from whoosh import query as Q

    if isinstance(q, Q.Not):
        return
    if isinstance(q, Q.AndNot):
        yield from _wanted_terms(q.a)
    elif isinstance(q, Q.Term):
        yield q.fieldname, q.text
    elif isinstance(q, Q.Phrase):
        for word in q.words:
            yield q.fieldname, word
    elif not q.is_leaf():
        for child in q.children():
            yield from _wanted_terms(child)


def _asks_dates(q) -> bool:
    return any(isinstance(n, DateFilter) or getattr(n, "fieldname", None) == "date" for n in nodes(q))


def _has_dates(reader) -> bool:
    try:
        return next(iter(reader.lexicon("date")), None) is not None
    except Exception:  # no such field in a segment: no dates
        return False


def _as_written(text: str, term: str) -> str:
    """The word of `text` that a speaker name term came from ("Kendall-Taylor" for its key)."""
    for found, _, start, end in analysis.NAME.tokens(text):
        if found == term:
            return text[start:end]
    return term


def _closest(reader, fieldname: str, word: str) -> str | None:
    """The index's most frequent word within two edits of `word` (first letter kept)."""
    if len(word) < 3:
        return None
    try:
        found = reader.corrector(fieldname).suggest(word, limit=1, maxdist=2, prefix=1)
    except Exception:  # Whoosh's automata fail on some odd words; no hint then
        return None
    return found[0] if found else None
