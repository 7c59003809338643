"""The index schema: one document per passage, and one per quotation.

Passage documents (`kind:passage`) carry the fields of DESIGN.md: `text`,
`title`, `quote` (the quoted words in the paragraph), `speaker`, `source`,
`date`, `article`, `pos`. Quotation documents (`kind:quote`) carry one
quotation each (`quote`, `speaker` and the article's fields), so that "who
said X" is a query and not a scan.

Whoosh pickles the schema, analyzers included, into the index. `WhooshAnalyzer`
pickles as nothing but the name of an analyzer in `analysis`, so that changing
how an analyzer works does not make old indexes unreadable (a change of the
terms it produces is a new SCHEMA_VERSION).
"""

from __future__ import annotations

import json
from pathlib import Path

from whoosh import columns, fields
from whoosh.analysis import Token, Tokenizer

from . import analysis

# Bump when the fields or the terms an analyzer produces change: the indexer
# then rebuilds instead of mixing old and new terms.
SCHEMA_VERSION = 2

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


def _text(analyzer: str, **kwargs) -> fields.TEXT:
    return fields.TEXT(analyzer=WhooshAnalyzer(analyzer), **kwargs)


def build_schema() -> fields.Schema:
    return fields.Schema(
        kind=fields.ID(stored=True),  # "passage" or "quote"
        file=fields.ID(stored=True),  # absolute path of the source file: the unit of re-indexing
        article=fields.ID(stored=True),  # the article as the user indexed it: its path, "#N" for the Nth of a JSON file
        part=fields.STORED(),  # N of "#N", for articles that share a file
        pos=fields.NUMERIC(int, stored=True, sortable=True),  # paragraph number, 1-based; 0 is the title
        title=_text("text", stored=True, multitoken_query="phrase"),
        text=_text("text", stored=True, multitoken_query="phrase"),
        exact=_text("exact", phrase=False),  # unstemmed: exact words, fuzzy terms, wildcards
        quote=_text("text", stored=True, multitoken_query="phrase"),
        speaker=_text("name", multitoken_query="phrase"),
        source=_text("label", stored=True, multitoken_query="phrase"),
        date=fields.ID(stored=True, sortable=True),
        # Stored only, for display: names as written, quotation offsets in the passage.
        speakers=fields.STORED(),
        quotes=fields.STORED(),
        # Columns only (not indexed), one UTF-8 value per document, for fast facets:
        # the speakers' names joined by VALUE_SEP; the source label.
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
