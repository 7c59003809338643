"""The index schema: one document per passage (a paragraph of an article).

Each carries the fields of DESIGN.md: `text`, `title`, `quote` (the quoted words
in the paragraph), `speaker` (everyone quoted in it), `source`, `date`,
`article`, `pos`. Every quotation's offsets, speaker and cue are stored with its
passage (`quotes`): a search of quotations finds candidate passages through the
index and then checks each quotation in them (`quotematch`), so quotations need
no documents of their own, which would double the index and its build time.

Whoosh pickles the schema, analyzers included, into the index. `WhooshAnalyzer`
pickles as nothing but the name of an analyzer in `analysis`, so that changing
how an analyzer works does not make old indexes unreadable (a change of the
terms it produces is a new SCHEMA_VERSION).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from whoosh import columns, fields
from whoosh.analysis import Token, Tokenizer

from . import analysis

# Bump when the fields or the terms an analyzer produces change: the indexer
# then rebuilds instead of mixing old and new terms.
SCHEMA_VERSION = 5

FORMAT_FILE = "format.json"


def write_format(index_dir: Path) -> None:
    """Record which schema built the index, for readers to check before trusting it."""
    (index_dir / FORMAT_FILE).write_text(json.dumps({"schema": SCHEMA_VERSION}), encoding="utf-8")


def read_format(index_dir: Path) -> int | None:
    try:
        return json.loads((index_dir / FORMAT_FILE).read_text(encoding="utf-8")).get("schema")
    except (OSError, ValueError, AttributeError):
        return None


# Several values of one field (the speakers of a passage) are joined by VALUE_SEP;
# positions jump between them, so that a phrase cannot run from one speaker's
# name into the next one's.
VALUE_SEP = "\x1f"
_VALUE_GAP = 100


class WhooshAnalyzer(Tokenizer):
    """A Whoosh analyzer that runs one of the analyzers of `search.analysis`."""

    def __init__(self, name: str):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, WhooshAnalyzer) and other.name == self.name

    def __hash__(self):
        return hash(self.name)

    def __getstate__(self):
        return {"name": self.name}

    def __setstate__(self, state):
        self.name = state["name"]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        analyzer = analysis.ANALYZERS[self.name]
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # A wildcard or a range bound: the whole text, folded, not stemmed.
            token.text = analysis.fold(value)
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        # Whoosh treats a list as tokens already made, so several values come joined by VALUE_SEP.
        for n, item in enumerate(value.split(VALUE_SEP)):
            base = start_pos + n * _VALUE_GAP
            for term, pos, start, end in analyzer.tokens(item):
                token.text = term
                token.boost = 1.0
                token.stopped = False
                if positions:
                    token.pos = base + pos
                if chars:
                    token.startchar, token.endchar = start_char + start, start_char + end
                yield token


class DateField(fields.NUMERIC):
    """Publication dates, indexed as the number YYYYMMDD (YYYYMM00 or YYYY0000 when only
    the month or the year is known), so that a range is a few trie terms, not one term a day.

    Queries take ISO dates: `date:2025-08-15`, `date:2025-08` (the month), `date:2025`,
    `date:[2025-08-01 TO 2025-08-31]`, `date:[2025-08 TO]`.
    """

    def __init__(self, **kwargs):
        # Signed: Whoosh 2.7.4 gets ranges over unsigned numeric fields wrong (a test checks).
        # shift_step=8: four trie terms a date, enough for month and year ranges to be a
        # handful of terms. default=0: undated articles sort last, newest first (the
        # column then reads back as the smallest number, which means "no date").
        super().__init__(int, bits=32, signed=True, default=0, shift_step=8, **kwargs)

    def parse_query(self, fieldname, qstring, boost=1.0):
        from whoosh import query

        if qstring == "*":
            return query.Every(fieldname, boost=boost)
        lo, hi = _date_bounds(qstring)
        return query.NumericRange(fieldname, lo, hi, boost=boost)

    def parse_range(self, fieldname, start, end, startexcl, endexcl, boost=1.0):
        from whoosh import query

        lo = _date_bounds(start)[0] if start else None
        hi = _date_bounds(end)[1] if end else None
        return query.NumericRange(fieldname, lo, hi, startexcl, endexcl, boost=boost)


def date_number(iso: str) -> int | None:
    """ "2025-08-15" -> 20250815, "2025-08" -> 20250800, "2025" -> 20250000; "" -> None."""
    parts = [int(p) for p in iso.split("-")] if iso else []
    if not parts:
        return None
    year, month, day = (parts + [0, 0])[:3]
    return year * 10000 + month * 100 + day


def date_text(number) -> str:
    """The inverse of date_number, for display."""
    if not number:
        return ""
    year, rest = divmod(int(number), 10000)
    month, day = divmod(rest, 100)
    month, day = (month, day) if month <= 12 else (0, 0)  # 99: the upper bound of a year
    day = day if day <= 31 else 0  # 99: the upper bound of a month
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _date_bounds(text: str) -> tuple[int, int]:
    from whoosh.qparser.common import QueryParserError

    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", text or "")
    if not m:
        raise QueryParserError(f"{text!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if not 0 <= month <= 12 or not 0 <= day <= 31:
        raise QueryParserError(f"{text!r} is not a date")
    if day:
        n = year * 10000 + month * 100 + day
        return n, n
    if month:
        return year * 10000 + month * 100, year * 10000 + month * 100 + 99
    return year * 10000, year * 10000 + 9999


def _text(analyzer: str, **kwargs) -> fields.TEXT:
    return fields.TEXT(analyzer=WhooshAnalyzer(analyzer), **kwargs)


def build_schema() -> fields.Schema:
    return fields.Schema(
        file=fields.ID(stored=True),  # absolute path of the source file: the unit of re-indexing
        article=fields.ID(stored=True),  # the article as the user indexed it: its path, "#N" for the Nth of a JSON file
        part=fields.STORED(),  # N of "#N", for articles that share a file
        # Paragraph number, 1-based; one term per value (no trie): it is looked up, not ranged over.
        pos=fields.NUMERIC(int, bits=32, shift_step=32, stored=True, sortable=True),
        title=_text("text", stored=True, multitoken_query="phrase"),
        text=_text("text", stored=True, multitoken_query="phrase"),
        exact=_text("exact", phrase=False),  # unstemmed: exact words, fuzzy terms, wildcards
        quote=_text("text", multitoken_query="phrase"),  # the words inside the quotation marks
        speaker=_text("name", multitoken_query="phrase"),
        source=_text("label", stored=True, multitoken_query="phrase"),
        date=DateField(stored=True, sortable=True),
        quoted=fields.ID(),  # "yes" on passages with at least one quotation
        # Stored only, for display: the speakers' names as written, and each quotation as
        # (start, end, speaker or None, cue, in_title): offsets into the passage's text, or
        # into the title for quotations in it (kept with an article's first passage).
        speakers=fields.STORED(),
        quotes=fields.STORED(),
        # Columns only (not indexed), one UTF-8 value per document, for fast facets:
        # the speaker of each quotation, each followed by VALUE_SEP ("" when unknown);
        # the source label.
        speaker_facet=fields.COLUMN(columns.VarBytesColumn()),
        source_facet=fields.COLUMN(columns.VarBytesColumn()),
    )


FACET_SEP = VALUE_SEP

# What `field:` means in a query, and the names a journalist would type for it.
FIELD_ALIASES = {
    "speaker": ["by", "said", "who"],
    "source": ["outlet", "publisher"],
    "text": ["body"],
    "quote": ["quoted"],
}
SEARCHABLE_FIELDS = ["text", "title", "quote", "speaker", "source", "date", "article", "exact", "pos"]
# The fields a search of quotations can use: each is checked against every quotation.
QUOTE_FIELDS = {"quote", "speaker", "source", "date"}
