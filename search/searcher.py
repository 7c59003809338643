"""Running queries against the index and returning plain data.

`Searcher(index_dir)` opens the index once and answers: `search` (ranked
passages with highlighted fragments), `quotes` (quotations, who said them),
`speakers` and `sources` (facets), `article` (a whole article), `stats` and
`explain`. Nothing here prints; everything returned is a dataclass.

Query language: Whoosh's (words, "phrases", AND/OR/NOT, field:value, wildcards,
word~ fuzzy, [a TO b] ranges), with the default fields `text` and `title`, all
terms required; when that finds nothing, any term will do, and the results say
so. Fuzzy terms and wildcards run on the unstemmed copy of the text.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from . import analysis
from .corpus import clean
from .names import merge_variants
from .schema import FACET_SEP, FIELD_ALIASES, QUOTE_FIELDS, SCHEMA_VERSION, SEARCHABLE_FIELDS, date_text, read_format
from .snippets import Fragment, MatchSpec, best_fragments, find_matches

# A wildcard, range or fuzzy term stands for at most this many words (the most
# frequent); all of a query's together for at most EXPANSION_BUDGET.
EXPANSION_CAP = 64
EXPANSION_BUDGET = 128
# Beyond two edits a fuzzy term matches nearly anything, slowly.
MAX_EDITS = 2
MAX_QUERY_CHARS = 2000
# Title matches count, but a passage's own words count more.
FIELD_BOOSTS = {"text": 1.0, "title": 0.5}
_TEXT_FIELDS = {"text", "title", "quote"}
_EVERYWHERE = {None, "text", "exact", "title", "source", "article", "file", "kind"}  # fields every passage has


class SearchError(Exception):
    """A one-line reason a search cannot run: no index, a bad query ..."""


@dataclass
class Hit:
    rank: int
    score: float
    article: str  # the article as indexed (path, "#N" within a JSON file)
    source: str
    title: str
    date: str
    pos: int  # paragraph number, 1-based
    speakers: list[str]
    fragments: list[Fragment]
    title_matches: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Results:
    query: str
    parsed: str  # the query as the engine runs it
    hits: list[Hit]
    total: int
    total_exact: bool = True  # False: Whoosh skipped low-scoring blocks; `total` is a lower bound
    page: int = 1
    pages: int = 1
    any_terms: bool = False  # no passage had every term: these have some
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    spec: MatchSpec | None = None  # what was highlighted, for showing more of an article


@dataclass
class QuoteHit:
    text: str
    speaker: str | None
    source: str
    file: str  # the article's file as indexed
    article: str
    paragraph: int  # 1-based; 0 for the title
    title: str
    date: str
    cue: str
    score: float = 0.0


@dataclass
class Facet:
    name: str
    count: int
    by_source: dict[str, int] = field(default_factory=dict)


@dataclass
class Passage:
    pos: int
    text: str
    quotes: list[tuple[int, int, str | None]]  # (start, end, speaker) of each quotation
    matches: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ArticleView:
    article: str
    title: str
    source: str
    date: str
    passages: list[Passage]
    title_matches: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Stats:
    index: str
    articles: int
    passages: int
    quotations: int
    speakers: int
    sources: list[Facet]
    size_bytes: int
    segments: int


class Searcher:
    """An open index, ready for queries. Cheap to keep open; `refresh` picks up new commits."""

    def __init__(self, index_dir: Path | str):
        self.index_dir = Path(index_dir)
        self._ix = _open(self.index_dir)
        self._searcher = self._ix.searcher()
        self._parsers: dict = {}

    # ---------------------------------------------------------------- lifecycle

    def refresh(self) -> bool:
        """Pick up what an indexer committed since; True if anything changed."""
        if self._searcher.up_to_date():
            return False
        self._searcher = self._searcher.refresh()
        return True

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---------------------------------------------------------------- passages

    def search(self, text: str, limit: int = 10, page: int = 1, sort: str = "score") -> Results:
        started = time.perf_counter()
        q, notes = self._passage_query(text)
        results = self._run(q, limit, page, sort)
        any_terms = False
        if results.is_empty() and _has_several_terms(q):
            q_any, _ = self._passage_query(text, any_terms=True)
            if repr(q_any) != repr(q):
                q, any_terms = q_any, True
                results = self._run(q, limit, page, sort)
                if not results.is_empty():
                    notes.append("no passage has all the terms; showing passages with any of them")
        spec = self._match_spec(q)
        first = (page - 1) * limit
        hits = [self._hit(hit, rank, spec) for rank, hit in enumerate(results[first:first + limit], start=first + 1)]
        # Whoosh knows the exact count only when it did not skip blocks of low scores.
        exact = results.has_exact_length()
        total = len(results) if exact else max(_estimated_min(results), first + len(hits))
        return Results(
            query=text, parsed=_show(q), hits=hits, total=total, total_exact=exact, page=page,
            pages=max(1, -(-total // limit)), any_terms=any_terms, notes=notes,
            seconds=time.perf_counter() - started, spec=spec,
        )

    def _passage_query(self, text: str, any_terms: bool = False):
        q, notes = self._parse(text, ["text", "title"], any_terms=any_terms)
        return _only("passage", q), notes

    def _run(self, q, limit: int, page: int, sort: str):
        if sort not in ("score", "date"):
            raise SearchError(f"unknown sort {sort!r}: use score or date")
        kwargs = {"sortedby": "date", "reverse": True} if sort == "date" else {}
        return self._searcher.search(q, limit=page * limit, **kwargs)

    def _hit(self, hit, rank: int, spec: MatchSpec) -> Hit:
        f = hit.fields()
        text = f.get("text", "")
        matches = find_matches(text, spec) + _quotations_by(f.get("quotes") or [], spec)
        return Hit(
            rank=rank, score=round(hit.score, 4), article=f.get("article", ""), source=f.get("source", ""),
            title=f.get("title", ""), date=date_text(f.get("date")), pos=f.get("pos", 0),
            speakers=list(f.get("speakers") or []),
            fragments=best_fragments(text, sorted(set(matches))),
            title_matches=find_matches(f.get("title", ""), spec),
        )

    # ---------------------------------------------------------------- quotations

    def quotes(self, text: str | None = None, speaker: str | None = None, source: str | None = None,
               limit: int | None = None) -> tuple[list[QuoteHit], list[str]]:
        """Quotations matching a query (default field: the quoted words), ranked; with no
        query, every quotation in article order."""
        q, notes = self._quote_query(text, speaker, source)
        results = self._searcher.search(q, limit=limit if text else None)
        found = []
        for hit in results:
            f = hit.fields()
            where = f.get("quotes") or {}
            names = f.get("speakers") or []
            article = where.get("article", "")
            found.append(QuoteHit(
                text=f.get("q_text", ""), speaker=names[0] if names else None, source=where.get("source", ""),
                file=_file_of(article, where.get("part")), article=article, paragraph=where.get("pos", 0),
                title=where.get("title", ""), date=where.get("date", ""), cue=where.get("cue", ""),
                score=round(hit.score, 4),
            ))
        if not text:
            found.sort(key=lambda h: (h.article, h.paragraph))
            found = found[:limit] if limit else found
        return found, notes

    def _quote_query(self, text, speaker, source):
        from whoosh import query as Q

        parts, notes = [], []
        if text:
            q, notes = self._parse(text, ["quote"])
            parts.append(_rename_fields(q, text))
        if speaker:
            parts.append(_field_query("q_speaker", speaker, analysis.NAME))
        if source:
            parts.append(_field_query("q_source", source, analysis.LABEL))
        if not parts:
            return _kind("quote"), notes
        return _only("quote", Q.And(parts) if len(parts) > 1 else parts[0]), notes

    def speakers(self, text: str | None = None) -> list[Facet]:
        """Who is quoted (in quotations matching `text`, if given), how often, in which sources."""
        q, _ = self._quote_query(text, None, None)
        counts: Counter = Counter()
        by_source: dict[str, Counter] = defaultdict(Counter)
        for names, src in self._facet_values(q):
            for name in names:
                counts[name] += 1
                by_source[name][src] += 1
        merged = merge_variants(counts)
        out: dict[str, Facet] = {}
        for name, n in counts.items():
            facet = out.setdefault(merged[name], Facet(merged[name], 0, {}))
            facet.count += n
            for src, k in by_source[name].items():
                facet.by_source[src] = facet.by_source.get(src, 0) + k
        return sorted(out.values(), key=lambda f: (-f.count, f.name))

    def sources(self, text: str | None = None) -> list[Facet]:
        """Sources with their passage counts (of passages matching `text`, if given)."""
        from whoosh import query as Q

        q = self._passage_query(text)[0] if text else _kind("passage")
        counts = Counter(src for _, src in self._facet_values(q))
        return [Facet(name, n) for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def facets(self, results: Results, top: int = 5) -> tuple[list[Facet], list[Facet]]:
        """Top speakers and top sources over every passage a search matched (not only the page shown)."""
        from whoosh import query as Q

        q = self._passage_query(results.query, any_terms=results.any_terms)[0]
        speakers: Counter = Counter()
        sources: Counter = Counter()
        matched = 0
        for names, src in self._facet_values(q):
            speakers.update(names)
            sources[src] += 1
            matched += 1
        results.total, results.total_exact = matched, True  # counted anyway: now exact
        merged = merge_variants(speakers)
        folded: Counter = Counter()
        for name, n in speakers.items():
            folded[merged[name]] += n
        return ([Facet(n, c) for n, c in folded.most_common(top)], [Facet(n, c) for n, c in sources.most_common(top)])

    def _facet_values(self, q):
        """(speaker names, source) of each document matching `q`, read from the columns.

        Segment by segment: Whoosh's multi-segment column reader leaves out segments
        without the column and then mixes up document numbers.
        """
        for leaf, _ in self._searcher.leaf_searchers():
            reader = leaf.reader()
            speakers = reader.column_reader("speaker_facet") if reader.has_column("speaker_facet") else None
            sources = reader.column_reader("source_facet") if reader.has_column("source_facet") else None
            for docnum in leaf.docs_for_query(q):
                packed = speakers[docnum].decode("utf-8") if speakers else ""
                yield (packed.split(FACET_SEP) if packed else []), (sources[docnum].decode("utf-8") if sources else "")

    # ---------------------------------------------------------------- articles and the index

    def article(self, article: str, spec: MatchSpec | None = None) -> ArticleView:
        from whoosh import query as Q

        q = Q.Term("article", article)  # only passages index their article
        hits = sorted((h.fields() for h in self._searcher.search(q, limit=None)), key=lambda f: f.get("pos", 0))
        if not hits:
            raise SearchError(f"no article {article!r} in the index")
        first = hits[0]
        spec = spec or MatchSpec()
        passages = [Passage(f.get("pos", 0), f.get("text", ""), [tuple(x) for x in f.get("quotes") or []],
                            find_matches(f.get("text", ""), spec)) for f in hits]
        return ArticleView(article, first.get("title", ""), first.get("source", ""), date_text(first.get("date")),
                           passages, find_matches(first.get("title", ""), spec))

    def stats(self) -> Stats:
        articles, passages = self.counts()
        quotations = self._count(_kind("quote"))
        size = sum(p.stat().st_size for p in self.index_dir.iterdir() if p.is_file())
        return Stats(
            index=str(self.index_dir), articles=articles, passages=passages, quotations=quotations,
            speakers=len(self.speakers()), sources=self.sources(), size_bytes=size,
            segments=len(self._ix._segments()) if hasattr(self._ix, "_segments") else 0,
        )

    def counts(self) -> tuple[int, int]:
        """(articles, passages) live in the index (the lexicon still counts deleted documents)."""
        from whoosh import query as Q

        first_passages = Q.And([_kind("passage"), Q.NumericRange("pos", 1, 1)])
        return self._count(first_passages), self._count(_kind("passage"))

    def _count(self, q) -> int:
        return sum(1 for _ in self._searcher.docs_for_query(q))

    def names(self, fieldname: str) -> list[str]:
        """Every speaker or source label in the index, for completion."""
        column = "speaker_facet" if fieldname == "speaker" else "source_facet"
        values: set[str] = set()
        for leaf, _ in self._searcher.leaf_searchers():
            reader = leaf.reader()
            if reader.has_column(column):
                col = reader.column_reader(column)
                for docnum in reader.all_doc_ids():
                    if col[docnum]:
                        values.update(col[docnum].decode("utf-8").split(FACET_SEP))
        values.discard("")
        return sorted(values)

    def explain(self, text: str) -> str:
        q, notes = self._parse(text, ["text", "title"])
        return "\n".join([_show(q)] + notes)

    # ---------------------------------------------------------------- parsing

    def _parser(self, fieldnames: tuple[str, ...], any_terms: bool):
        key = (fieldnames, any_terms)
        if key not in self._parsers:
            from whoosh import qparser

            group = qparser.OrGroup if any_terms else qparser.AndGroup
            p = qparser.QueryParser(None, self._ix.schema, group=group)
            p.remove_plugin_class(qparser.SingleQuotePlugin)  # "Zelenskyy's" is a word, not a quote
            p.add_plugin(qparser.MultifieldPlugin(list(fieldnames), fieldboosts=FIELD_BOOSTS))
            p.add_plugin(qparser.FuzzyTermPlugin())
            p.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
            if "text" in fieldnames:
                p.add_plugin(_ExactWordsPlugin())
            self._parsers[key] = p
        return self._parsers[key]

    def _parse(self, text: str, fieldnames: list[str], any_terms: bool = False):
        from whoosh import query as Q

        text = _clean_query(text)
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
        notes: list[str] = _balance_notes(text)
        expanding = sum(1 for node in _nodes(q) if isinstance(node, Q.MultiTerm) and not isinstance(node, Q.Every))
        q = self._cap_expansions(q, notes, max(8, min(EXPANSION_CAP, EXPANSION_BUDGET // max(1, expanding))))
        if q is Q.NullQuery or isinstance(q, Q.NullQuery.__class__):
            raise SearchError(f"query {text!r} has no searchable words (only stop words?)")
        return q, notes

    def _cap_expansions(self, q, notes: list[str], cap: int):
        """Replace a wildcard or fuzzy term that stands for too many words by its most frequent ones."""
        from whoosh import query as Q

        if isinstance(q, Q.Every) and q.fieldname in _EVERYWHERE:
            # `*` means every passage; Whoosh would union the postings of every word of the field.
            return Q.Every(boost=q.boost)
        if isinstance(q, Q.FuzzyTerm):
            if q.maxdist > MAX_EDITS:
                notes.append(f"{_show(q)}: at most {MAX_EDITS} edits; searched {q.text}~{MAX_EDITS}")
            # Typos rarely change a word's first letter; keeping it makes the search ~20x cheaper.
            q = Q.FuzzyTerm(q.fieldname, q.text, boost=q.boost, maxdist=min(q.maxdist, MAX_EDITS),
                            prefixlength=max(1, q.prefixlength))
        if isinstance(q, Q.MultiTerm) and not isinstance(q, Q.Every):
            reader = self._searcher.reader()
            words = list(islice(q._btexts(reader), cap * 100 + 1))
            if len(words) > cap:
                fieldname = q.field()
                words.sort(key=lambda w: -reader.doc_frequency(fieldname, w))
                notes.append(f"{_show(q)} matches more than {cap} words; searched the {cap} most frequent")
                return Q.Or([Q.Term(fieldname, _as_str(w)) for w in words[:cap]], boost=q.boost)
            return q
        if q.is_leaf():
            return q
        return q.apply(lambda child: self._cap_expansions(child, notes, cap))

    def _match_spec(self, q) -> MatchSpec:
        """The terms and phrases a hit's text should light up for this query."""
        from whoosh import query as Q

        spec = MatchSpec()
        reader = self._searcher.reader()

        def walk(node):
            if isinstance(node, Q.Not):
                return
            if isinstance(node, Q.AndNot):
                walk(node.a)
                return
            if isinstance(node, Q.Phrase):
                if node.fieldname in _TEXT_FIELDS:
                    spec.phrases.append((tuple(node.words), node.slop))
                elif node.fieldname == "speaker":
                    spec.speakers.append(tuple(node.words))
                return
            if isinstance(node, Q.Term):
                if node.fieldname in _TEXT_FIELDS:
                    spec.terms.add(node.text)
                elif node.fieldname == "exact":
                    spec.exact.add(node.text)
                elif node.fieldname == "speaker":
                    spec.speakers.append((node.text,))
                return
            if isinstance(node, Q.MultiTerm):
                fieldname = node.field()
                if fieldname in _TEXT_FIELDS or fieldname == "exact":
                    target = spec.exact if fieldname == "exact" else spec.terms
                    target.update(_as_str(b) for b in islice(node._btexts(reader), EXPANSION_CAP))
                return
            for child in node.children():
                walk(child)

        walk(q)
        return spec


# ---------------------------------------------------------------- helpers


def _open(index_dir: Path):
    from whoosh import index as windex

    if not index_dir.is_dir() or not windex.exists_in(str(index_dir)):
        raise SearchError(f"no index at {index_dir}; build one with: search index seeds/")
    if read_format(index_dir) != SCHEMA_VERSION:
        raise SearchError(f"{index_dir} was built by another version of search; rebuild it with: search index --rebuild PATH")
    try:
        return windex.open_dir(str(index_dir))
    except Exception as e:  # corrupt or foreign index: say so in one line
        raise SearchError(f"{index_dir}: cannot open the index ({type(e).__name__}: {e})") from None


def _quotations_by(quotations, spec: MatchSpec) -> list[tuple[int, int]]:
    """The quotations in a passage whose speaker the query asked for (`speaker:putin`)."""
    if not spec.speakers:
        return []
    out = []
    for start, end, speaker in quotations:
        if speaker:
            names = analysis.NAME.terms(speaker)
            if any(all(w in names for w in wanted) for wanted in spec.speakers):
                out.append((start, end))
    return out


def _estimated_min(results) -> int:
    try:
        return results.estimated_min_length()
    except ValueError:  # Whoosh: min() of no words, for a wildcard that matches none
        return 0


def _kind(kind: str):
    from whoosh import query as Q

    return Q.ConstantScoreQuery(Q.Term("kind", kind), 0.0)  # a filter: it must not shift the scores


def _only(kind: str, q):
    """Passage queries cannot match quotation documents (their fields differ) and vice
    versa, except a query with nothing positive in it: `*` or `NOT x` alone."""
    from whoosh import query as Q

    if isinstance(q, Q.Every):
        return _kind(kind)
    if _positive(q):
        return q
    return Q.And([_kind(kind), q])


def _positive(q) -> bool:
    """Does every match of `q` need a term of its own fields (not only the absence of one)?"""
    from whoosh import query as Q

    if isinstance(q, (Q.Not, Q.Every)) or isinstance(q, Q.qcore._NullQuery):
        return False
    if isinstance(q, Q.AndNot):
        return _positive(q.a)
    if isinstance(q, (Q.And, Q.Phrase)) and not q.is_leaf():
        return any(_positive(c) for c in q.children())
    if isinstance(q, Q.Or):
        return all(_positive(c) for c in q.children())
    if q.is_leaf():
        return True
    return all(_positive(c) for c in q.children())


def _rename_fields(q, text: str):
    """A parsed query over passage fields, turned into one over quotation documents' fields."""
    import copy

    if q.is_leaf():
        fieldname = getattr(q, "fieldname", None)
        if fieldname is None:
            return q
        if fieldname not in QUOTE_FIELDS:
            raise SearchError(f"quotations are searched by their words, speaker:, source: and date: "
                              f"(not {fieldname}:) in {text!r}")
        q = copy.copy(q)
        q.fieldname = QUOTE_FIELDS[fieldname]
        return q
    return q.apply(lambda child: _rename_fields(child, text))


def _field_query(fieldname: str, value: str, analyzer: analysis.Analyzer):
    from whoosh import query as Q

    terms = analyzer.terms(value)
    if not terms:
        raise SearchError(f"{fieldname} {value!r} has no words to search for")
    return Q.Term(fieldname, terms[0]) if len(terms) == 1 else Q.Phrase(fieldname, terms)


def _file_of(article: str, part) -> str:
    return article.rsplit("#", 1)[0] if part else article


def _clean_query(text: str) -> str:
    """Escape sequences and control characters out, whitespace collapsed."""
    return " ".join(clean((text or "").replace("\t", " ").replace("\n", " ")).split())


_KNOWN_FIELDS = set(SEARCHABLE_FIELDS) | {a for aliases in FIELD_ALIASES.values() for a in aliases}


def _check_fields(text: str) -> None:
    outside = re.sub(r'"[^"]*"', " ", text)
    for m in re.finditer(r"(?:(?<=^)|(?<=[\s(]))([A-Za-z_]\w*):(?=[^\s:])", outside):
        name = m.group(1)
        if name.lower() not in _KNOWN_FIELDS:
            fields = ", ".join(sorted(set(SEARCHABLE_FIELDS) - {"exact", "pos"}))
            raise SearchError(f"unknown field {name!r} in query {text!r} (fields: {fields}; aliases: by, said, outlet)")


def _check_errors(q, text: str) -> None:
    for node in _nodes(q):
        error = getattr(node, "error", None)
        if error:
            raise SearchError(f"cannot parse query {text!r}: {error}")


def _balance_notes(text: str) -> list[str]:
    notes = []
    if text.count('"') % 2:
        notes.append('unbalanced " in the query: the last one was read as a plain character')
    for opening, closing in ("()", "[]"):
        if text.count(opening) != text.count(closing):
            notes.append(f"unbalanced {opening}{closing} in the query: read as well as it could be")
    return notes


def _has_several_terms(q) -> bool:
    from whoosh import query as Q

    return isinstance(q, Q.And) and len(q.subqueries) > 1


def _show(q) -> str:
    """The parsed query in the syntax a user types."""
    return str(q).replace("exact:", "exact:")


class _ExactWordsPlugin:  # duck-typed as a whoosh.qparser.Plugin, so the module loads without Whoosh
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


def _nodes(q):
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from _nodes(child)


def _as_str(word) -> str:
    return word.decode("utf-8") if isinstance(word, bytes) else word
