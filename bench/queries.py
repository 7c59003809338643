"""The fixed query set, with each query as every engine can express it.

Each entry: (kind, ours, fts5, ripgrep). `ours` is the product's query syntax;
`fts5` is (MATCH expression, extra SQL condition or ""); `ripgrep` is a
pattern (case-insensitive) or None where a line search cannot say it (AND of
words, fields, dates, fuzzy terms).
"""

from __future__ import annotations

COMMON = ["said", "government", "year", "people", "company", "market", "game", "film", "music", "election"]
RARE = ["biofuel", "asbestos", "quarterback", "mezzanine", "sequestration", "hurricane", "vaccine",
        "counterfeit", "merger", "piracy"]
PAIRS = [("oil", "prices"), ("interest", "rates"), ("mobile", "phone"), ("world", "cup"), ("prime", "minister"),
         ("chief", "executive"), ("box", "office"), ("broadband", "internet"), ("general", "election"),
         ("stock", "market")]
PHRASES = ["prime minister", "world cup", "interest rates", "chief executive", "general election",
           "box office", "human rights", "mobile phones"]
SPEAKERS = [("blair", "election"), ("brown", "budget"), ("howard", None), ("kennedy", None), ("gates", None)]
SOURCES = ["economy", "champions league", "broadband"]
DATES = [("2004-03-01", "2004-06-30", "music"), ("2005-01-01", "2005-12-31", "election")]
FUZZY = [("parliment", "parliament"), ("goverment", "government"), ("elecion", "election"), ("markt", "market")]


def query_set() -> list[tuple[str, str, tuple[str, str], str | None]]:
    out = []
    for w in COMMON:
        out.append(("common term", w, (w, ""), rf"\b{w}\b"))
    for w in RARE:
        out.append(("rare term", w, (w, ""), rf"\b{w}\b"))
    for a, b in PAIRS:
        out.append(("two-term AND", f"{a} {b}", (f"{a} AND {b}", ""), None))
    for p in PHRASES:
        out.append(("phrase", f'"{p}"', (f'"{p}"', ""), rf"\b{p}\b"))
    for name, word in SPEAKERS:
        ours = f"speaker:{name}" + (f" {word}" if word else "")
        fts = f"speaker:{name}" + (f" AND {word}" if word else "")
        out.append(("speaker filter", ours, (fts, ""), None))
    for w in SOURCES:
        ours = f'source:bbc "{w}"' if " " in w else f"source:bbc {w}"
        out.append(("source filter", ours, (f'source:bbc AND "{w}"', ""), None))
    for lo, hi, w in DATES:
        out.append(("date range", f"date:[{lo} TO {hi}] {w}", (w, f"date BETWEEN '{lo}' AND '{hi}'"), None))
    for typo, word in FUZZY:
        # FTS5 has no fuzzy terms: it gets the right spelling, which flatters it.
        out.append(("fuzzy term", f"{typo}~", (word, ""), None))
    return out


ONE_SHOT = "market shares"
