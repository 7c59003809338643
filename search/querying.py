"""From a query string to what the engine runs, and to what a hit should light up.

`QueryParser.parse(text, fields)` turns Whoosh query syntax into a Whoosh query:
field aliases (`by:` is `speaker:`), fuzzy terms and wildcards on the unstemmed
copy of the text, unknown fields refused, wildcards and fuzzy terms expanded once
and capped, escape sequences dropped. Errors are `SearchError`, one line each.
`match_spec(q)` lists the terms and phrases a hit's text should be marked with.
"""

from __future__ import annotations

import re
from itertools import islice

from .corpus import clean
from .schema import FIELD_ALIASES, SEARCHABLE_FIELDS
from .snippets import MatchSpec

# A wildcard, range or fuzzy term stands for at most this many words (the most
# frequent); all of a query's together for at most EXPANSION_BUDGET.
EXPANSION_CAP = 64
EXPANSION_BUDGET = 128
# Beyond two edits a fuzzy term matches nearly anything, slowly.
MAX_EDITS = 2
MAX_QUERY_CHARS = 2000
# Title matches count, but a passage's own words count more.
FIELD_BOOSTS = {"text": 1.0, "title": 0.5}
TEXT_FIELDS = {"text", "title", "quote"}
# Every passage has these: `text:*` is every passage.
EVERYWHERE = {None, "text", "exact", "title", "source", "article", "file"}
KNOWN_FIELDS = set(SEARCHABLE_FIELDS) | {a for aliases in FIELD_ALIASES.values() for a in aliases}


class SearchError(Exception):
    """A one-line reason a search cannot run: no index, a bad query ..."""


class QueryParser:
    """Parses query strings against one index's schema and vocabulary."""

    def __init__(self, schema, reader_of):
        self._schema = schema
        self._reader_of = reader_of  # () -> the current index reader, for expanding wildcards
        self._parsers: dict = {}

    def parse(self, text: str, fieldnames: list[str], any_terms: bool = False):
        """(query, notes): notes say what was changed on the way (capped, unbalanced ...)."""
        text = plus_minus(_clean_query(text))
        if not text:
            raise SearchError("empty query")
        if len(text) > MAX_QUERY_CHARS:
            raise SearchError(f"query too long ({len(text):,} characters; the limit is {MAX_QUERY_CHARS:,})")
        _check_fields(text)
        try:
            q = self._parser(tuple(fieldnames), any_terms).parse(text, normalize=False)
        except Exception as e:  # the parser's own errors carry no useful type
            raise SearchError(f"cannot parse query {text!r}: {e}") from None
        _check_errors(q, text)  # before normalize(), which drops the error nodes
        q = q.normalize()
        notes = _balance_notes(text)
        expanding = sum(1 for node in nodes(q) if _expands(node))
        q = self._expand(q, notes, max(8, min(EXPANSION_CAP, EXPANSION_BUDGET // max(1, expanding))))
        if _is_null(q):
            raise SearchError(f"query {text!r} has no searchable words (only stop words?)")
        return _dates_as_filters(self._without_universal_terms(q)), notes

    def _without_universal_terms(self, q):
        """Drop, from an AND, a term every document has (`source:bbc` in an index of the BBC
        alone): it excludes nothing, and walking its postings is most of such a query's cost."""
        from whoosh import query as Q

        if q.is_leaf():
            return q
        q = q.apply(self._without_universal_terms)
        if isinstance(q, Q.And):
            reader = self._reader_of()
            everyone = reader.doc_count_all()  # deleted documents included: only then is it safe
            kept = [c for c in q.subqueries
                    if not (isinstance(c, Q.Term) and everyone and reader.doc_frequency(c.fieldname, c.text) >= everyone)]
            if kept and len(kept) < len(q.subqueries):
                return kept[0] if len(kept) == 1 else Q.And(kept, boost=q.boost)
        return q

    def _parser(self, fieldnames: tuple[str, ...], any_terms: bool):
        key = (fieldnames, any_terms)
        if key not in self._parsers:
            from whoosh import qparser

            group = qparser.OrGroup if any_terms else qparser.AndGroup
            p = qparser.QueryParser(None, self._schema, group=group)
            p.remove_plugin_class(qparser.SingleQuotePlugin)  # "Zelenskyy's" is a word, not a quote
            p.add_plugin(qparser.MultifieldPlugin(list(fieldnames), fieldboosts=FIELD_BOOSTS))
            p.add_plugin(qparser.FuzzyTermPlugin())
            p.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
            if "text" in fieldnames:
                p.add_plugin(_ExactWordsPlugin())
            self._parsers[key] = p
        return self._parsers[key]

    def _expand(self, q, notes: list[str], cap: int):
        """Wildcards, ranges and fuzzy terms become the words they stand for (at most `cap`,
        the most frequent), once: left as they are, Whoosh would expand them again to
        highlight and again to match."""
        from whoosh import query as Q

        if isinstance(q, Q.Every) and q.fieldname in EVERYWHERE:
            # `*` is every passage; Whoosh would union the postings of every word of the field.
            return Q.Every(boost=q.boost)
        if isinstance(q, Q.FuzzyTerm):
            if q.maxdist > MAX_EDITS:
                notes.append(f"{show(q)}: at most {MAX_EDITS} edits; searched {q.text}~{MAX_EDITS}")
            # Typos rarely change a word's first letter; keeping it makes the search ~20x cheaper.
            q = Q.FuzzyTerm(q.fieldname, q.text, boost=q.boost, maxdist=min(q.maxdist, MAX_EDITS),
                            prefixlength=max(1, q.prefixlength))
        if _expands(q):
            reader = self._reader_of()
            fieldname = q.field()
            try:
                words = list(islice(q._btexts(reader), cap * 100 + 1))
            except Exception as e:  # Whoosh's automata fail on some odd words ("'~")
                raise SearchError(f"cannot search {show(q)} ({type(e).__name__})") from None
            if len(words) > cap:
                words.sort(key=lambda w: -reader.doc_frequency(fieldname, w))
                notes.append(f"{show(q)} matches more than {cap} words; searched the {cap} most frequent")
                words = words[:cap]
            if not words:
                return q  # matches nothing, without making the query empty
            terms = [Q.Term(fieldname, _as_str(w)) for w in words]
            return terms[0] if len(terms) == 1 and q.boost == 1 else Q.Or(terms, boost=q.boost)
        if q.is_leaf():
            return q
        return q.apply(lambda child: self._expand(child, notes, cap))


# A "+" or "-" that starts a term (after a space, "(" or the start), outside phrases:
# "putin -trump", -"no deal", +sanctions. A hyphen inside a word (Kendall-Taylor,
# 2025-08) does not start a term, so it stays what it was.
_PLUS_MINUS = re.compile(r'("[^"]*")|(?:^|(?<=[\s(]))([+-])(?=["\w(])')


def plus_minus(text: str) -> str:
    """Web-search habits in Whoosh's terms: -word is NOT word; +word is word (every word is
    required already)."""
    def swap(m):
        if m.group(1):
            return m.group(1)
        return "NOT " if m.group(2) == "-" else ""

    return _PLUS_MINUS.sub(swap, text)


def insists(text: str) -> bool:
    """Whether the query marks a word as required (+word): then no any-word fallback."""
    return any(m.group(2) == "+" for m in _PLUS_MINUS.finditer(_clean_query(text)))


def any_of(q):
    """The any-word form of a query keeps its exclusions: (a OR b) AND NOT c, never a OR NOT c."""
    from whoosh import query as Q

    if not isinstance(q, Q.Or):
        return q
    excluded = [c for c in q.subqueries if isinstance(c, Q.Not)]
    wanted = [c for c in q.subqueries if not isinstance(c, Q.Not)]
    if not excluded or not wanted:
        return q
    return Q.And([wanted[0] if len(wanted) == 1 else Q.Or(wanted, boost=q.boost)] + excluded)


def _dates_as_filters(q):
    """`election date:[2005-01-01 TO 2005-12-31]`: the words are matched, and each match's
    date is then looked up in the date column, instead of matching the range's own
    postings (a year is 100,000 passages at 20x: a second instead of milliseconds)."""
    from whoosh import query as Q

    if q.is_leaf():
        return q
    q = q.apply(_dates_as_filters)
    if isinstance(q, Q.And):
        dates = [c for c in q.subqueries if isinstance(c, Q.NumericRange) and c.fieldname == "date"]
        others = [c for c in q.subqueries if c not in dates]
        if dates and others:
            child = others[0] if len(others) == 1 else Q.And(others, boost=q.boost)
            return DateFilter(child, [(d.start, d.end, d.startexcl, d.endexcl) for d in dates])
    return q


def _date_filter_base():
    from whoosh.query.wrappers import WrappingQuery

    return WrappingQuery


class DateFilter(_date_filter_base()):
    """Matches of `child` whose date is in every one of `ranges` ((lo, hi, lo excluded, hi excluded))."""

    def __init__(self, child, ranges):
        self.child = child
        self.ranges = ranges

    def _rewrap(self, child):
        return DateFilter(child, self.ranges)

    def __eq__(self, other):
        return isinstance(other, DateFilter) and other.child == self.child and other.ranges == self.ranges

    def __hash__(self):
        return hash((DateFilter, self.child, tuple(self.ranges)))

    def __repr__(self):
        return f"DateFilter({self.child!r}, {self.ranges!r})"

    def __str__(self):
        from .schema import date_text

        bounds = " AND ".join(f"date:[{date_text(lo) or ''} TO {date_text(hi) or ''}]" for lo, hi, _, _ in self.ranges)
        return f"({self.child} AND {bounds})"

    def matcher(self, searcher, context=None):
        from whoosh.matching import FilterMatcher, NullMatcher

        reader = searcher.reader()
        if not reader.has_column("date"):
            return NullMatcher()
        return FilterMatcher(self.child.matcher(searcher, context), _DatesWithin(reader.column_reader("date"), self.ranges))

    def within(self, date: int) -> bool:
        return _within(date, self.ranges)


class _DatesWithin:
    """Looks like a set of document numbers to Whoosh's FilterMatcher."""

    def __init__(self, column, ranges):
        self._column = column
        self._ranges = ranges

    def __contains__(self, docnum) -> bool:
        return _within(self._column[docnum], self._ranges)


def _within(date: int, ranges) -> bool:
    if not date or date < 0:  # undated: the column holds the smallest number
        return False
    for lo, hi, lo_excluded, hi_excluded in ranges:
        if lo is not None and (date < lo or (lo_excluded and date == lo)):
            return False
        if hi is not None and (date > hi or (hi_excluded and date == hi)):
            return False
    return True


def match_spec(q) -> MatchSpec:
    """The terms and phrases a hit's text should light up for this (expanded) query."""
    from whoosh import query as Q

    spec = MatchSpec()

    def walk(node):
        if isinstance(node, Q.Not):
            return
        if isinstance(node, Q.AndNot):
            walk(node.a)
            return
        if isinstance(node, Q.Phrase):
            if node.fieldname in TEXT_FIELDS:
                spec.phrases.append((tuple(node.words), node.slop))
            elif node.fieldname == "speaker":
                spec.speakers.append(tuple(node.words))
            return
        if isinstance(node, Q.Term):
            if node.fieldname in TEXT_FIELDS:
                spec.terms.add(node.text)
            elif node.fieldname == "exact":
                spec.exact.add(node.text)
            elif node.fieldname == "speaker":
                spec.speakers.append((node.text,))
            return
        for child in node.children():
            walk(child)

    walk(q)
    return spec


def nodes(q):
    """Every node of a query tree."""
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from nodes(child)


def show(q) -> str:
    """The parsed query, as the engine runs it."""
    return str(q)


def several_terms(q) -> bool:
    from whoosh import query as Q

    return isinstance(q, Q.And) and len(q.subqueries) > 1


def _expands(q) -> bool:
    from whoosh import query as Q

    return isinstance(q, Q.MultiTerm) and not isinstance(q, Q.Every)


def _is_null(q) -> bool:
    from whoosh import query as Q

    return q is Q.NullQuery or isinstance(q, Q.NullQuery.__class__)


def _as_str(word) -> str:
    return word.decode("utf-8") if isinstance(word, bytes) else word


def _clean_query(text: str) -> str:
    """Escape sequences and control characters out, whitespace collapsed."""
    return " ".join(clean((text or "").replace("\t", " ").replace("\n", " ")).split())


def _check_fields(text: str) -> None:
    outside = re.sub(r'"[^"]*"', " ", text)
    for m in re.finditer(r"(?:(?<=^)|(?<=[\s(]))([A-Za-z_]\w*):(?=[^\s:])", outside):
        name = m.group(1)
        if name.lower() not in KNOWN_FIELDS:
            fields = ", ".join(sorted(set(SEARCHABLE_FIELDS) - {"exact", "pos"}))
            raise SearchError(f"unknown field {name!r} in query {text!r} (fields: {fields}; aliases: by, said, outlet)")


def _check_errors(q, text: str) -> None:
    from whoosh import query as Q

    for node in nodes(q):
        error = getattr(node, "error", None)
        if error:
            raise SearchError(f"cannot parse query {text!r}: {error}")
        if isinstance(node, Q.Phrase) and node.fieldname == "exact":
            raise SearchError(f"exact: takes single words, not phrases, in {text!r} (a phrase is exact already)")


def _balance_notes(text: str) -> list[str]:
    notes = []
    if text.count('"') % 2:
        notes.append('unbalanced " in the query: the last one was read as a plain character')
    for opening, closing in ("()", "[]"):
        if text.count(opening) != text.count(closing):
            notes.append(f"unbalanced {opening}{closing} in the query: read as well as it could be")
    return notes


class _ExactWordsPlugin:  # duck-typed as a whoosh.qparser.Plugin
    """Fuzzy terms and wildcards search the unstemmed copy of the text (`exact`):
    `sanctons~` must meet "sanctions", not the stem "sanction"."""

    def taggers(self, parser):
        return ()

    def filters(self, parser):
        # After FieldsPlugin (100) has given fielded nodes their field, before
        # MultifieldPlugin (110) copies unfielded ones for each default field.
        return [(self._redirect, 105)]

    def _redirect(self, parser, group):
        from whoosh.qparser import syntax
        from whoosh.qparser.plugins import FuzzyTermPlugin, PrefixPlugin, WildcardPlugin

        kinds = (FuzzyTermPlugin.FuzzyTermNode, WildcardPlugin.WildcardNode, PrefixPlugin.PrefixNode)
        for node in group:
            if isinstance(node, syntax.GroupNode):
                self._redirect(parser, node)
            elif isinstance(node, kinds) and node.fieldname in (None, "text"):
                node.set_fieldname("exact", override=True)
        return group
