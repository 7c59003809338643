"""One quotation, many tellings: the same words of the same speaker, as each outlet carried them.

`group(quotations)` takes every quotation of an index (plain `Telling` records) and
returns the groups of two or more that are one quotation told several times: the
same speaker (names merged across the index, as `search speakers` merges them),
and words that are the same, or one a part of the other ("no deal on the table"
inside "There is no deal on the table until the pickets go home"), or the same but
for a few words, punctuation and quote style.

Two tellings belong together when, lower-cased and cut to letters and digits, the
shorter has at least MIN_WORDS words and stands as one run in the longer: whole when
it is shorter than WHOLE_BELOW words, at least CONTAINED of it otherwise; or when two
of about the same length share most of their words in order. Groups are closed under that relation within one speaker, and a
group never spans two speakers; unattributed quotations are never grouped.

No Whoosh and no terminal here: the indexer feeds this module what it stored, and
writes the groups beside the index; the searcher reads them back.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .names import merge_variants, variant_key

TELLINGS_FILE = "tellings.json"  # in the index folder: the groups, as keys of their quotations
MIN_WORDS = 4  # "no deal" alone is a phrase many people use, not one quotation
CONTAINED = 0.8
WHOLE_BELOW = 12  # words: a shorter quotation must be contained whole
SHINGLE = 3  # words a candidate pair must share in a row to be compared at all
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Telling:
    key: str  # "article|paragraph|start": one quotation in the index
    speaker: str | None
    text: str


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def same_quotation(a: list[str], b: list[str]) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_WORDS:
        return False
    match = SequenceMatcher(None, short, long, autojunk=False).find_longest_match(0, len(short), 0, len(long))
    # A short quotation must stand whole in the longer: "in the history of business" and
    # "in the history of CNN" are two remarks, not one told twice.
    needed = len(short) if len(short) < WHOLE_BELOW else CONTAINED * len(short)
    if match.size >= needed:
        return True
    # The same words but for a few: most of the shorter, in order, within a similar length.
    if len(short) < WHOLE_BELOW or len(long) > 1.5 * len(short):
        return False
    return SequenceMatcher(None, short, long, autojunk=False).ratio() >= 0.85


def group(tellings: list[Telling]) -> list[list[Telling]]:
    """The groups of two or more tellings of one quotation, each in input order."""
    counts: dict[str, int] = defaultdict(int)
    for t in tellings:
        if t.speaker:
            counts[t.speaker] += 1
    person = merge_variants(counts)
    by_speaker: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, t in enumerate(tellings):
        if t.speaker:
            by_speaker[variant_key(person[t.speaker])].append(i)
    parent = list(range(len(tellings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in by_speaker.values():
        if len(members) < 2:
            continue
        tokens = {i: words(tellings[i].text) for i in members}
        for i, j in _candidate_pairs(members, tokens):
            a, b = root(i), root(j)
            if a != b and same_quotation(tokens[i], tokens[j]):
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Telling]] = defaultdict(list)
    for i, t in enumerate(tellings):
        groups[root(i)].append(t)
    return [g for _, g in sorted(groups.items()) if len(g) > 1]


def _candidate_pairs(members: list[int], tokens: dict[int, list[str]]):
    """Pairs of one speaker's quotations that share a run of SHINGLE words: the only ones
    worth comparing (a speaker quoted a thousand times is not a million comparisons)."""
    by_shingle: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in members:
        ws = tokens[i]
        if len(ws) < MIN_WORDS:
            continue
        for k in range(len(ws) - SHINGLE + 1):
            by_shingle[tuple(ws[k:k + SHINGLE])].append(i)
    seen: set[tuple[int, int]] = set()
    for ids in by_shingle.values():
        if len(ids) < 2 or len(ids) > 200:  # a stock phrase every quotation has says nothing
            continue
        unique = sorted(set(ids))
        for x in range(len(unique)):
            for y in range(x + 1, len(unique)):
                pair = (unique[x], unique[y])
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def differences(text: str, fullest: str) -> list[tuple[int, int]]:
    """Spans of `text` (character offsets) whose words the fullest wording does not have
    in that place: what this outlet worded differently."""
    found = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    mine = [w for _, _, w in found]
    theirs = words(fullest)
    spans = []
    for tag, i1, i2, _, _ in SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes():
        if tag in ("replace", "delete") and i1 < i2:
            spans.append((found[i1][0], found[i2 - 1][1]))
    return spans


# ---------------------------------------------------------------- stored beside the index


def telling_key(article: str, paragraph: int, start: int) -> str:
    return f"{article}|{paragraph}|{start}"


def save(index_dir: Path, generation: int, groups: list[list[Telling]]) -> None:
    tmp = index_dir / (TELLINGS_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"generation": generation, "groups": [[t.key for t in g] for g in groups]}, fh)
    os.replace(tmp, index_dir / TELLINGS_FILE)


def read_tellings(index_dir: Path) -> dict:
    try:
        data = json.loads((index_dir / TELLINGS_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and isinstance(data.get("groups"), list) else {}
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------- results, grouped


@dataclass
class QuoteGroup:
    """One quotation and every telling of it: `members` in order of first appearance."""

    speaker: str | None
    text: str  # the fullest wording
    members: list = field(default_factory=list)  # QuoteHit records (searcher's), oldest first
    differences: list[list[tuple[int, int]]] = field(default_factory=list)  # per member: spans worded otherwise

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(m.source for m in self.members))

    @property
    def first_date(self) -> str:
        return next((m.date for m in self.members if m.date), "")


def gather(found: Iterable, groups: dict[str, list[str]], fetch: Callable[[str], object | None],
           limit: int | None = None, ranked: bool = True) -> list[QuoteGroup]:
    """Quotations (searcher QuoteHits) as groups: each quotation found brings its whole
    group, once; `fetch` reads a member that the search itself did not find."""
    out: list[QuoteGroup] = []
    taken: set[str] = set()
    for q in found:
        if q.key in taken:
            continue
        keys = groups.get(q.key, [q.key])
        members = [q if k == q.key else fetch(k) for k in keys]
        members = [m for m in members if m is not None]
        taken.update(keys)
        out.append(_made(members))
        if ranked and limit and len(out) >= limit:
            break
    if not ranked:
        out.sort(key=lambda g: (_appearance(g.members[0]), g.members[0].article))
    return out[:limit] if limit else out


def _made(members: list) -> QuoteGroup:
    if len(members) == 1:  # most quotations are told once: nothing to order or compare
        return QuoteGroup(members[0].speaker, members[0].text, members, [[]])
    members = sorted(members, key=lambda m: (_appearance(m), m.article, m.paragraph))
    fullest = max(members, key=lambda m: (len(words(m.text)), -members.index(m)))
    speaker = next((m.speaker for m in members if m.speaker == fullest.speaker), members[0].speaker)
    return QuoteGroup(speaker, fullest.text, members,
                      [[] if m.text == fullest.text else differences(m.text, fullest.text) for m in members])


def _appearance(member) -> str:
    return member.date or "9999"  # undated last: nothing says when they appeared
