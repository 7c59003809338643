"""Learn which capitalised names are places; write `search/models/places.json`.

    python bench/train_places.py            # count, write the list
    python bench/train_places.py --dry-run  # count and report, write nothing

Two capitalised words look like a first name and a surname to a pattern, so
"Little Rock", "New Hampshire" or "South Carolina" could be given quotations,
or be what "she said" means. A gazetteer is a download; this list is learnt
from plain text in ../shared instead (the BBC folder and the PolNeAR train
split's tuning part; the kept-aside part is never read): a name is a place when
it follows "in" at least MIN_IN times, in at least IN_SHARE of its mentions
("in Iowa", "in Little Rock"; people are seldom "in Trump"), and is almost
never followed by a verb of speech (at most SPEAKS_SHARE of its mentions:
"Washington said" is rare, "Sina said" is not). No labels are read: only
article text. Run from the project root.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from train_gender import articles  # noqa: E402  (the same texts: BBC and PolNeAR's tuning part)

MIN_IN = 3
IN_SHARE = 0.3
SPEAKS_SHARE = 0.02
_IN_BEFORE = re.compile(r"\b[Ii]n\s+$")
_SPEAKS_AFTER = re.compile(r"\s+(?:said|says|told|tells|added|wrote|stated|argued|explained|warned|announced)\b")


def counts(paragraph_lists) -> tuple[Counter, Counter, Counter]:
    """(mentions, mentions after "in", mentions before a verb of speech) per name, as written."""
    from search.datelines import text_start
    from search.names import NAME_MENTION

    total, after_in, speaks = Counter(), Counter(), Counter()
    for paragraphs in paragraph_lists:
        for text in paragraphs:
            for m in NAME_MENTION.finditer(text, text_start(text)):
                name = m.group()
                if name.split()[0] in ("The", "A") or name.endswith(("'s", "’s")) or text[m.end():m.end() + 1] in "'’":
                    continue  # "The Hague" aside, "in the ..." and owners are other things
                total[name] += 1
                after_in[name] += bool(_IN_BEFORE.search(text, max(0, m.start() - 4), m.start()))
                speaks[name] += bool(_SPEAKS_AFTER.match(text, m.end(), m.end() + 12))
    return total, after_in, speaks


def places(total: Counter, after_in: Counter, speaks: Counter) -> list[str]:
    from search.lexicons import place_key
    from search.names import NOT_NAMES

    return sorted({place_key(name) for name, n in total.items()
                   if after_in[name] >= MIN_IN and after_in[name] >= IN_SHARE * n and speaks[name] <= SPEAKS_SHARE * n
                   and name.split()[0].lower() not in NOT_NAMES})  # months are no names already


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    names = places(*counts(articles()))
    print(f"{len(names)} places")
    if not args.dry_run:
        out = ROOT / "search" / "models" / "places.json"
        out.write_text(json.dumps({"source": "bench/train_places.py over ../shared (BBC, PolNeAR tuning part)",
                                   "min_in": MIN_IN, "in_share": IN_SHARE, "speaks_share": SPEAKS_SHARE,
                                   "places": names}, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
