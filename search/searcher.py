"""Running queries against the index and returning plain data.

`Searcher(index_dir)` opens the index once and answers: `search` (ranked
passages with highlighted fragments), `quotes` (quotations and who said them),
`speakers` and `sources` (facets), `article` (a whole article), `stats` and
`explain`. Nothing here prints; everything returned is a dataclass of `results.py`.

Query language: Whoosh's (words, "phrases", AND/OR/NOT, field:value, wildcards,
word~ fuzzy, [a TO b] ranges), with the default fields `text` and `title`, all
terms required; when that finds nothing, any term will do, and the results say
so. Parsing lives in `querying`, the check of single quotations in `quotematch`.
"""

from __future__ import annotations

import functools
import time
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path
from typing import Iterator

from . import analysis, health, suggestions, timeline
from .locations import shown
from .names import is_named, merge_variants
from .querying import QueryParser, SearchError, any_of, insists, match_spec, nodes, several_terms, show
from .quotematch import Quotation, candidates, matches
from .results import ArticleView, Facet, Hit, HitStream, Passage, QuoteHit, Results, Stats, file_of, passage_quotations
from .schema import FACET_SEP, QUOTE_FIELDS, SCHEMA_VERSION, date_number, date_text, read_format
from .snippets import MatchSpec, best_fragments, find_matches, merge_spans
from .tellings import QuoteGroup, gather, read_tellings
from .timeline import Period

__all__ = ["Searcher", "SearchError", "Results", "HitStream", "Hit", "QuoteHit", "Facet", "ArticleView", "Stats"]


def _guarded(method):
    """A failure inside Whoosh that is not about the query (a stored field that does not
    decode ...) is checked against the index: damage is reported as damage."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except SearchError:
            raise
        except Exception:
            self._raise_if_damaged()
            raise

    return wrapper


class Searcher:
    """An open index, ready for queries. Cheap to keep open; `refresh` picks up new commits."""

    def __init__(self, index_dir: Path | str):
        self.index_dir = Path(index_dir)
        self._ix = _open(self.index_dir)
        self._whole_generation: int | None = None  # a generation deep-checked and found whole
        self._groups: dict[str, list[str]] | None = None  # read from tellings.json when first asked
        self._searcher = self._ix.searcher()
        self._parser = QueryParser(self._ix.schema, lambda: self._searcher.reader())

    # ---------------------------------------------------------------- lifecycle

    def refresh(self) -> bool:
        """Pick up what an indexer committed since; True if anything changed."""
        if self._searcher.up_to_date():
            return False
        self._searcher = self._searcher.refresh()
        self._groups = None
        return True

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---------------------------------------------------------------- passages

    @_guarded
    def search(self, text: str, limit: int = 10, page: int = 1, sort: str = "score") -> Results:
        started = time.perf_counter()
        q, results, any_terms, notes = self._matching(text, limit * page, sort)
        spec = match_spec(q)
        first = (page - 1) * limit
        hits = [self._hit(hit, rank, spec) for rank, hit in enumerate(results[first:first + limit], start=first + 1)]
        total, exact = _count(results, limit * page, q, self._searcher.reader())
        if hits:
            total = max(total, hits[-1].rank)
        return Results(
            query=text, parsed=show(q), hits=hits, total=total, total_exact=exact, page=page, limit=limit,
            any_terms=any_terms, notes=notes,
            seconds=time.perf_counter() - started, spec=spec,
        )

    def stream(self, text: str, sort: str = "score") -> HitStream:
        """Every matching passage, best first, made into a `Hit` only as it is read: memory
        stays bounded by the number of matches (a score and a number each), not their text."""
        q, results, any_terms, notes = self._matching(text, None, sort)
        spec = match_spec(q)
        hits = self._guarded_iter(self._hit(hit, rank, spec) for rank, hit in enumerate(results, start=1))
        return HitStream(query=text, parsed=show(q), total=len(results), hits=hits, any_terms=any_terms, notes=notes)

    @_guarded
    def count(self, text: str) -> tuple[int, list[str]]:
        """How many passages match, exactly (the same passages `search` ranks), and the notes."""
        q, _, _, notes = self._matching(text, 1, "score")
        return sum(1 for _ in self._engine(lambda: self._searcher.docs_for_query(q), text)), notes

    @_guarded
    def files(self, text: str) -> tuple[list[str], list[str]]:
        """The files with a matching passage, best match first, each once; and the notes."""
        q, results, _, notes = self._matching(text, None, "score")
        seen: dict[str, None] = {}
        for hit in results:
            f = hit.fields()
            seen.setdefault(file_of(f.get("article", ""), f.get("part")), None)
        return list(seen), notes

    def _matching(self, text: str, limit: int | None, sort: str):
        """(query, Whoosh results, any_terms, notes): all terms required; with no passage
        having them all, any of them, and a note saying so."""
        if sort not in ("score", "date"):
            raise SearchError(f"unknown sort {sort!r}: use score or date")
        q, notes = self._parser.parse(text, ["text", "title"])
        results = self._run(q, limit, sort, text)
        any_terms = False
        if results.is_empty() and several_terms(q) and not insists(text):
            q_any = any_of(self._parser.parse(text, ["text", "title"], any_terms=True)[0])
            if repr(q_any) != repr(q):
                q, any_terms = q_any, True
                results = self._run(q, limit, sort, text)
                if not results.is_empty():
                    notes.append("no passage has all the terms; showing passages with any of them")
        return q, results, any_terms, notes

    def _run(self, q, limit: int | None, sort: str, text: str):
        kwargs = {"sortedby": "date", "reverse": True} if sort == "date" else {}
        return self._engine(lambda: self._searcher.search(q, limit=limit, **kwargs), text)

    def _guarded_iter(self, items):
        try:
            yield from items
        except SearchError:
            raise
        except Exception:
            self._raise_if_damaged()
            raise

    def _raise_if_damaged(self) -> None:
        """Read the whole index (seconds on a large one), once per generation: a query that
        fails on an index found whole is the query's problem."""
        generation = self._ix.latest_generation()
        if self._whole_generation == generation:
            return
        found = health.deep_check(self.index_dir)
        if found.problems:
            raise SearchError(health.damaged_message(self.index_dir, found.problems)) from None
        self._whole_generation = generation

    def _engine(self, call, text: str | None):
        """Whoosh's own bugs on odd queries (`*a ANDNOT a*` fails inside its matchers)
        reach the user as a one-line error about the query, not a traceback; unless the
        index turns out to be damaged, which is then what the error says."""
        try:
            return call()
        except Exception as e:  # only the engine runs in here
            if isinstance(e, SearchError):
                raise
            self._raise_if_damaged()
            about = f" on {text!r}" if text else ""
            raise SearchError(f"the search engine failed{about} ({type(e).__name__}); "
                              "try writing the query another way") from None

    def _hit(self, hit, rank: int, spec: MatchSpec) -> Hit:
        f = hit.fields()
        text = f.get("text", "")
        quoted = [(s, e, who) for s, e, who, _cue, in_title in f.get("quotes") or [] if not in_title]
        matches_ = find_matches(text, spec) + _quotations_by(quoted, spec)
        return Hit(
            rank=rank, score=round(hit.score, 4), article=f.get("article", ""), source=f.get("source", ""),
            title=f.get("title", ""), date=date_text(f.get("date")), pos=f.get("pos", 0),
            speakers=list(f.get("speakers") or []),
            fragments=best_fragments(text, merge_spans(matches_)),
            title_matches=find_matches(f.get("title", ""), spec),
        )

    # ---------------------------------------------------------------- quotations

    @_guarded
    def quotes(self, text: str | None = None, speaker: str | None = None, source: str | None = None,
               limit: int | None = None) -> tuple[list[QuoteHit], list[str]]:
        """Quotations matching a query (default field: the quoted words), best passages
        first; with no query, every quotation in article order."""
        found, notes = self.iter_quotes(text, speaker, source)
        return list(islice(found, limit) if limit else found), notes

    def iter_quotes(self, text: str | None = None, speaker: str | None = None,
                    source: str | None = None) -> tuple[Iterator[QuoteHit], list[str]]:
        """As `quotes`, read one passage at a time: (the quotations, the notes)."""
        from whoosh import query as Q

        wanted, notes = self._quote_query(text, speaker, source)
        passages = candidates(wanted) if wanted is not None else None
        passages = Q.And([Q.Term("quoted", "yes"), passages]) if passages is not None else Q.Term("quoted", "yes")
        # With no words to rank by, article order: sorted by the engine, not in memory.
        order = {} if text else {"sortedby": ["article", "pos"]}
        results = self._engine(lambda: self._searcher.search(passages, limit=None, **order), text)
        return self._guarded_iter(self._quotations_in(results, wanted, ranked=bool(text))), notes

    def _quotations_in(self, results, wanted, ranked: bool) -> Iterator[QuoteHit]:
        for hit in results:
            for q in passage_quotations(hit.fields(), round(hit.score, 4) if ranked else 0.0):
                if wanted is None or matches(wanted, Quotation.of(q.text, q.speaker, q.source, date_number(q.date))):
                    yield q

    def quotation_at(self, key: str) -> QuoteHit | None:
        """One quotation by its key ("article|paragraph|start"), or None if it is gone."""
        from whoosh import query as Q

        article, paragraph, start = key.rsplit("|", 2)
        pos = max(1, int(paragraph))
        hits = self._searcher.search(Q.And([Q.Term("article", article), Q.NumericRange("pos", pos, pos)]), limit=1)
        for hit in hits:
            for q in passage_quotations(hit.fields(), 0.0):
                if q.key == key:
                    return q
        return None

    def telling_groups(self) -> dict[str, list[str]]:
        """Each grouped quotation's key -> the keys of its group (all tellings of it)."""
        if self._groups is None:
            self._groups = {}
            for keys in read_tellings(self.index_dir).get("groups", []):
                for k in keys:
                    self._groups[k] = keys
        return self._groups

    @_guarded
    def tellings(self, text: str | None = None, speaker: str | None = None, source: str | None = None,
                 limit: int | None = None) -> tuple[list[QuoteGroup], list[str]]:
        """Quotations matching a query, each with its other tellings (in any outlet, whether
        they match or not): one `QuoteGroup` per quotation told, best first, or in order of
        first appearance with no query."""
        found, notes = self.iter_quotes(text, speaker, source)
        fetch = self.quotation_at
        if source:  # `--source X`: X's tellings only, though the quotation was carried elsewhere too
            wanted = set(analysis.LABEL.terms(source))
            fetch = lambda key: _from(self.quotation_at(key), wanted)  # noqa: E731
        return gather(found, self.telling_groups(), fetch, limit, ranked=bool(text)), notes

    def _quote_query(self, text, speaker, source):
        from whoosh import query as Q

        parts, notes = [], []
        if text:
            q, notes = self._parser.parse(text, ["quote"])
            _check_quote_fields(q, text)
            parts.append(q)
        if speaker:
            parts.append(_field_query("speaker", speaker, analysis.NAME))
        if source:
            parts.append(_field_query("source", source, analysis.LABEL))
        if not parts:
            return None, notes
        return (Q.And(parts) if len(parts) > 1 else parts[0]), notes

    @_guarded
    def speakers(self, text: str | None = None) -> list[Facet]:
        """Who is quoted (in quotations matching `text`, if given), how often, in which sources."""
        counts: Counter = Counter()
        by_source: dict[str, Counter] = defaultdict(Counter)
        if text:
            for q in self.quotes(text)[0]:
                if q.speaker:
                    counts[q.speaker] += 1
                    by_source[q.speaker][q.source] += 1
        else:
            from whoosh import query as Q

            for names, src in self._facet_values(Q.Term("quoted", "yes")):
                for name in names:
                    if name:
                        counts[name] += 1
                        by_source[name][src] += 1
        counts = Counter({name: n for name, n in counts.items() if is_named(name)})  # not "spokesman"
        merged = merge_variants(counts)
        out: dict[str, Facet] = {}
        for name, n in counts.items():
            facet = out.setdefault(merged[name], Facet(merged[name], 0, {}))
            facet.count += n
            for src, k in by_source[name].items():
                facet.by_source[src] = facet.by_source.get(src, 0) + k
        return sorted(out.values(), key=lambda f: (-f.count, f.name))

    @_guarded
    def timeline(self, text: str | None = None, speaker: str | None = None, by: str = "week") -> list[Period]:
        """Counts per day, week or month by outlet: of quotations when a speaker is given (the
        query then searches their words), else of passages matching the query (all, if none)."""
        if speaker:
            found, _ = self.iter_quotes(text, speaker=speaker)
            return timeline.count(((q.date, q.source) for q in found), by)
        from whoosh import query as Q

        q = self._parser.parse(text, ["text", "title"])[0] if text else Q.Every()
        return timeline.count(self._dates_and_sources(q), by)

    def _dates_and_sources(self, q):
        for leaf, _ in self._searcher.leaf_searchers():
            reader = leaf.reader()
            dates = reader.column_reader("date") if reader.has_column("date") else None
            sources = reader.column_reader("source_facet") if reader.has_column("source_facet") else None
            for docnum in self._engine(lambda leaf=leaf: list(leaf.docs_for_query(q)), None):
                yield (date_text(dates[docnum]) if dates else "",
                       sources[docnum].decode("utf-8") if sources else "")

    @_guarded
    def sources(self, text: str | None = None) -> list[Facet]:
        """Sources with their passage counts (of passages matching `text`, if given)."""
        from whoosh import query as Q

        q = self._parser.parse(text, ["text", "title"])[0] if text else Q.Every()
        counts = Counter(src for _, src in self._facet_values(q))
        return [Facet(name, n) for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    @_guarded
    def facets(self, results: Results, top: int = 5) -> tuple[list[Facet], list[Facet]]:
        """Top speakers and sources over every passage a search matched (not only the page
        shown), counted in passages; counting them makes the result's total exact."""
        q = self._parser.parse(results.query, ["text", "title"], any_terms=results.any_terms)[0]
        q = any_of(q) if results.any_terms else q
        speakers: Counter = Counter()
        sources: Counter = Counter()
        matched = 0
        for names, src in self._facet_values(q):
            speakers.update({n for n in names if n and is_named(n)})
            sources[src] += 1
            matched += 1
        results.total, results.total_exact = matched, True
        merged = merge_variants(speakers)
        folded: Counter = Counter()
        for name, n in speakers.items():
            folded[merged[name]] += n
        return ([Facet(n, c) for n, c in folded.most_common(top)], [Facet(n, c) for n, c in sources.most_common(top)])

    def _facet_values(self, q):
        """(speaker of each quotation, source) of each passage matching `q`, from the columns.

        Segment by segment: Whoosh's multi-segment column reader leaves out segments
        without the column and then mixes up document numbers.
        """
        for leaf, _ in self._searcher.leaf_searchers():
            reader = leaf.reader()
            speakers = reader.column_reader("speaker_facet") if reader.has_column("speaker_facet") else None
            sources = reader.column_reader("source_facet") if reader.has_column("source_facet") else None
            for docnum in self._engine(lambda leaf=leaf: list(leaf.docs_for_query(q)), None):
                packed = speakers[docnum].decode("utf-8") if speakers else ""
                yield packed.split(FACET_SEP)[:-1], (sources[docnum].decode("utf-8") if sources else "")

    # ---------------------------------------------------------------- articles and the index

    @_guarded
    def article(self, article: str, spec: MatchSpec | None = None) -> ArticleView:
        from whoosh import query as Q

        hits = sorted((h.fields() for h in self._searcher.search(Q.Term("article", article), limit=None)),
                      key=lambda f: f.get("pos", 0))
        if not hits:
            raise SearchError(f"no article {article!r} in the index")
        first = hits[0]
        spec = spec or MatchSpec()
        passages = [
            Passage(f.get("pos", 0), f.get("text", ""),
                    [(s, e, who) for s, e, who, _cue, in_title in f.get("quotes") or [] if not in_title],
                    find_matches(f.get("text", ""), spec))
            for f in hits
        ]
        return ArticleView(article, first.get("title", ""), first.get("source", ""), date_text(first.get("date")),
                           passages, find_matches(first.get("title", ""), spec))

    @_guarded
    def stats(self) -> Stats:
        from whoosh import query as Q

        articles, passages = self.counts()
        quotations = sum(len(names) for names, _ in self._facet_values(Q.Term("quoted", "yes")))
        size = sum(p.stat().st_size for p in self.index_dir.iterdir() if p.is_file())
        return Stats(
            index=shown(self.index_dir), articles=articles, passages=passages, quotations=quotations,
            speakers=len(self.speakers()), sources=self.sources(), size_bytes=size,
            segments=len(self._searcher.leaf_searchers()),
        )

    @_guarded
    def counts(self) -> tuple[int, int]:
        """(articles, passages) live in the index: every article has a paragraph 1."""
        from whoosh import query as Q

        first_passages = sum(1 for _ in self._searcher.docs_for_query(Q.NumericRange("pos", 1, 1)))
        return first_passages, self._searcher.doc_count()

    @_guarded
    def names(self, fieldname: str) -> list[str]:
        """Every speaker or source label in the index, for completion."""
        from whoosh import query as Q

        values: set[str] = set()
        for names, src in self._facet_values(Q.Term("quoted", "yes") if fieldname == "speaker" else Q.Every()):
            values.update(names if fieldname == "speaker" else [src])
        values.discard("")
        return sorted(values)

    @_guarded
    def suggestions(self, text: str, speaker: str | None = None, fields: list[str] | None = None) -> list[str]:
        """"Did you mean" for a query that found nothing (see `suggestions`)."""
        return suggestions.hints(self._searcher.reader(), self._parser.parse, self.speakers, text, speaker, fields)

    def explain(self, text: str) -> str:
        q, notes = self._parser.parse(text, ["text", "title"])
        return "\n".join([show(q)] + notes)


# ---------------------------------------------------------------- helpers


def _from(q: QuoteHit | None, source_terms: set[str]) -> QuoteHit | None:
    return q if q is not None and source_terms <= set(analysis.LABEL.terms(q.source)) else None


def _count(results, wanted: int, q, reader) -> tuple[int, bool]:
    """How many passages match, and whether that count is exact.

    Whoosh skips blocks of low scores only once its top `wanted` is full, so when
    fewer were scored, every match was seen."""
    if results.has_exact_length():
        return len(results), True
    if results.scored_length() < wanted:
        return results.scored_length(), True
    return _at_least(q, reader), False


def _open(index_dir: Path):
    from whoosh import index as windex

    # Whoosh's exists_in() opens the index, and fails as a damaged one does: look for a table of contents.
    if not index_dir.is_dir() or not health.generations(index_dir):
        if index_dir.is_dir() and health.was_committed(index_dir):
            raise SearchError(health.damaged_message(index_dir, health.quick_check(index_dir)))
        raise SearchError(f"no index at {shown(index_dir)}; build one with: search index seeds/")
    if read_format(index_dir) != SCHEMA_VERSION:
        raise SearchError(f"{index_dir} was built by another version of search; rebuild it with: search index --rebuild PATH")
    problems = health.quick_check(index_dir)
    if problems:
        raise SearchError(health.damaged_message(index_dir, problems))
    try:
        ix = windex.open_dir(str(index_dir))
        ix.doc_count()
        return ix
    except Exception as e:  # a table of contents that does not read: damage, if it was ours
        if health.was_committed(index_dir):
            problem = health.Problem("table of contents", f"cannot be read ({health._reason(e)})")
            raise SearchError(health.damaged_message(index_dir, [problem])) from None
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


def _check_quote_fields(q, text: str) -> None:
    for node in nodes(q):
        fieldname = getattr(node, "fieldname", None)
        if fieldname is not None and fieldname not in QUOTE_FIELDS:
            raise SearchError(f"quotations are searched by their words, speaker:, source: and date: "
                              f"(not {fieldname}:) in {text!r}")


def _at_least(q, reader) -> int:
    """A lower bound on how many live passages match `q`, from document frequencies.
    (Whoosh's own estimate takes the smallest child of an OR: 140 for "said" when
    83,000 passages say it.)"""
    from whoosh import query as Q

    if isinstance(q, Q.Term):
        # Document frequency counts deleted documents too: take them off.
        return max(0, reader.doc_frequency(q.fieldname, q.text) - (reader.doc_count_all() - reader.doc_count()))
    if isinstance(q, Q.Or):
        return max((_at_least(c, reader) for c in q.subqueries), default=0)
    return 0


def _field_query(fieldname: str, value: str, analyzer: analysis.Analyzer):
    from whoosh import query as Q

    terms = analyzer.terms(value)
    if not terms:
        raise SearchError(f"{fieldname} {value!r} has no words to search for")
    return Q.Term(fieldname, terms[0]) if len(terms) == 1 else Q.Phrase(fieldname, terms)
