"""Learn which words are ordinary lower-case words; write `search/models/common_words.json`.

    python bench/train_lexicon.py            # count, write the word list
    python bench/train_lexicon.py --dry-run  # count and report, write nothing

A capital letter opens every sentence, so "Given his past comments, ..." or "Amid
what the Times called ..." looks like a name to a pattern: the extractor then
gives quotations to "Given" and "Amid". NLTK's word lists are a download, so the
list is learnt here from plain text in ../shared (the BBC folder and the PolNeAR
train split's tuning part; the kept-aside part is never read): a word is common
when it is seen in lower case inside a sentence at least MIN_LOWER times,
capitalised inside a sentence (where a capital means a name) at most
CAPITAL_SHARE of the time, and opening a sentence at least once (the only place
it can be mistaken for a name). "Brown", "Bush" and "May" are capitalised inside
sentences too often to be listed; "given", "amid" and "will" are listed, and the
extractor still takes "Will" for George Will in an article that names him.
No labels are read: only article text. Run from the project root.
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

MIN_LOWER = 3
CAPITAL_SHARE = 0.03
# A word inside a sentence: after a space that no sentence end or opening mark comes before.
_INSIDE = re.compile(r"(?<![.!?\"“‘'(:—–-])\s+([A-Za-z][a-z]+(?:-[a-z]+)*)\b")
_OPENING = re.compile(r"(?:^|[.!?][\"”’']?\s+|[\"“‘]\s*)([A-Z][a-z]+(?:-[a-z]+)*)\b")


def counts(paragraph_lists) -> tuple[Counter, Counter, Counter]:
    """(lower case inside a sentence, capitalised inside one, opening one) per word."""
    lower, capital, opening = Counter(), Counter(), Counter()
    for paragraphs in paragraph_lists:
        for text in paragraphs:
            for m in _INSIDE.finditer(text):
                w = m.group(1)
                (lower if w[0].islower() else capital)[w.lower()] += 1
            for m in _OPENING.finditer(text):
                opening[m.group(1).lower()] += 1
    return lower, capital, opening


def common(lower: Counter, capital: Counter, opening: Counter) -> list[str]:
    return sorted(w for w, n in lower.items()
                  if n >= MIN_LOWER and capital[w] <= CAPITAL_SHARE * (n + capital[w]) and opening[w])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    words = common(*counts(articles()))
    print(f"{len(words)} common words")
    if not args.dry_run:
        out = ROOT / "search" / "models" / "common_words.json"
        out.write_text(json.dumps({"source": "bench/train_lexicon.py over ../shared (BBC, PolNeAR tuning part)",
                                   "min_lower": MIN_LOWER, "capital_share": CAPITAL_SHARE, "words": words},
                                  indent=0) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
