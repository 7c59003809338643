"""What a query returns: plain records, built from the index's stored fields.

`Searcher` (searcher.py) fills these; the CLI, the shell and the renderers read
them. Nothing here touches Whoosh or prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from .schema import date_text
from .snippets import Fragment, MatchSpec
from .tellings import telling_key


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
    limit: int = 10  # hits a page
    any_terms: bool = False  # no passage had every term: these have some
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    spec: MatchSpec | None = None  # what was highlighted, for showing more of an article

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))


@dataclass
class HitStream:
    """Every hit of a query, read one at a time (`search --all`)."""

    query: str
    parsed: str
    total: int  # exact: every match was scored
    hits: Iterator[Hit]
    any_terms: bool = False
    notes: list[str] = field(default_factory=list)


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
    start: int = 0  # offset in its passage (or title): with article and paragraph, which quotation

    @property
    def key(self) -> str:
        return telling_key(self.article, self.paragraph, self.start)


@dataclass
class Facet:
    name: str
    count: int
    by_source: dict[str, int] = field(default_factory=dict)


@dataclass
class Passage:
    pos: int
    text: str
    quotes: list[tuple[int, int, str | None]]  # (start, end, speaker) of each quotation in the text
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


def passage_quotations(f: dict, score: float) -> list[QuoteHit]:
    """The quotations of one passage's stored fields, the title's first."""
    out = []
    article = f.get("article", "")
    for start, end, who, cue, in_title in sorted(f.get("quotes") or [], key=lambda q: (not q[4], q[0])):
        out.append(QuoteHit(
            text=(f.get("title", "") if in_title else f.get("text", ""))[start:end], speaker=who,
            source=f.get("source", ""), file=file_of(article, f.get("part")), article=article,
            paragraph=0 if in_title else f.get("pos", 0), title=f.get("title", ""),
            date=date_text(f.get("date")), cue=cue, score=score, start=start,
        ))
    return out


def file_of(article: str, part) -> str:
    """The file an article came from: "feed.json#3" was read from feed.json."""
    return article.rsplit("#", 1)[0] if part else article
