"""Learn which first names go with "he" and which with "she"; write `search/models/genders.json`.

    python bench/train_gender.py            # count, write the lexicon
    python bench/train_gender.py --dry-run  # count and report, write nothing

"She said" after a paragraph about two men and a woman means the woman: the
extractor needs to know which names are whose. NLTK's names corpus is a download,
so the lexicon is learnt here from plain text in ../shared: the BBC folder and the
PolNeAR train split's tuning part (articles before bench/quotes.py's KEPT_FROM; the
kept-aside part is never read). For each mention of a person by first name and
surname, the next he/him/his or she/her within the same paragraph, with no other
name in between, is one vote for that first name, when the name is a person's
(not "Islamic State", "Olympic Games"). Names with at least MIN_VOTES votes, SHARE
of them one way, are kept, unless the text writes the word in lower case more
often than capitalised ("Consumer borrowing rose ... he" is no name). No labels
are read: only article text.
Run from the project root.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quotes import KEPT_FROM, polnear_dates  # noqa: E402

MIN_VOTES = 3
SHARE = 0.7
LOOK_AHEAD = 200  # characters after a mention where its pronoun is looked for
_WORD = re.compile(r"\b[A-Za-z]+\b")
_PRONOUN = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.IGNORECASE)


def articles():
    from search.corpus import SidecarCache, read_file

    dates = polnear_dates()
    sidecars = SidecarCache()
    files = sorted((SHARED / "corpora" / "bbc").glob("*/*.txt"))
    files += [f for f in sorted((SHARED / "corpora" / "polnear" / "train").glob("*/*.txt"))
              if dates.get(f.name, "") < KEPT_FROM]
    for path in files:
        for a in read_file(path, sidecars).articles:
            yield a.paragraphs


def votes(paragraph_lists, cases: dict[str, Counter] | None = None) -> dict[str, Counter]:
    """first name -> Counter of ("m" or "f", surname) votes; `cases`, if given, gets each word's count of
    "lower" and "upper" (capitalised) spellings."""
    from search.lexicons import first_name_key
    from search.names import is_person_like
    from search.people import People

    out: dict[str, Counter] = defaultdict(Counter)
    for paragraphs in paragraph_lists:
        if cases is not None:
            for text in paragraphs:
                for w in _WORD.findall(text):
                    cases[w.lower()]["lower" if w.islower() else "upper"] += 1
        texts = list(enumerate(paragraphs))
        people = People(texts)
        by_p: dict[int, list[int]] = defaultdict(list)
        for p, offset, _ in people.mentions:
            by_p[p].append(offset)
        for p, offset, person in people.mentions:
            words = person.name.split()
            if len(words) < 2 or not re.fullmatch(r"[A-Z][a-z]+", words[0]) or not is_person_like(person.name):
                continue
            text = paragraphs[p]
            start = offset + len(person.name) if text.startswith(person.name, offset) else offset + 1
            nxt = min((o for o in by_p[p] if o > offset), default=len(text))
            m = _PRONOUN.search(text, start, min(nxt, start + LOOK_AHEAD))
            if m:
                out[first_name_key(words[0])][("m" if m.group(1) else "f", words[-1].lower())] += 1
    return out


def lexicon(counts: dict[str, Counter], cases: dict[str, Counter] | None = None) -> dict[str, str]:
    def ordinary(word: str) -> bool:
        return cases is not None and cases[word]["lower"] > cases[word]["upper"]

    out = {}
    for name, by_surname in sorted(counts.items()):
        if ordinary(name):
            continue  # "Consumer borrowing rose ... he": a word that opened a sentence, not a name
        # "Islamic State ... he", "Academy Award ... his": a body or a thing, not a person's surname.
        c = Counter()
        for (g, surname), n in by_surname.items():
            if not ordinary(surname):
                c[g] += n
        total = c["m"] + c["f"]
        if total >= MIN_VOTES:
            g, n = max((("m", c["m"]), ("f", c["f"])), key=lambda t: t[1])
            if n / total >= SHARE:
                out[name] = g
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    cases: dict[str, Counter] = defaultdict(Counter)
    lex = lexicon(votes(articles(), cases), cases)
    print(f"{len(lex)} first names: {sum(g == 'm' for g in lex.values())} he, {sum(g == 'f' for g in lex.values())} she")
    if not args.dry_run:
        out = ROOT / "search" / "models" / "genders.json"
        out.write_text(json.dumps({"source": "bench/train_gender.py over ../shared (BBC, PolNeAR tuning part)",
                                   "min_votes": MIN_VOTES, "share": SHARE, "names": lex},
                                  indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
