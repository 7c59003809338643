"""Choosing a quotation's speaker among the people near it: a small learned ranker.

The cue grammar (`quotes`) proposes a speaker for each quotation, or none. This
module then looks at everyone named near the quotation (two paragraphs before it
to one after), describes each candidate by a few plain features (was it the
grammar's choice and by which cue, how far it is, on which side, whether a
reporting verb follows or precedes it, whether it is only named inside quotation
marks or inside this one, how often the article names it, whether it spoke the
quotation before, each also paired with the grammar's cue), and scores them with
a logistic model. The best candidate speaks, when the model is surer of it than
of the grammar's choice by the trained margin. Two things are never overruled by
a score: "she said" is not a man the article names, the one "he told" is not
the speaker, nor is the place or body in "the Indiana governor said", "the
senator from Vermont said" or "Dianne Feinstein of California said", nor the one the quotation opens by addressing
("Mr. Trump, will you ...?").

The weights (`models/speaker.json`) are trained by `bench/train_speaker.py` from
the PolNeAR train split (its tuning part only) and the BBC dev gold in ../shared;
the README says how. No model file: the grammar's choice stands.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .reporting import NAME, OFFICE, has_verb
from .names import is_clearly_person, is_org_like

MODEL = Path(__file__).resolve().parent / "models" / "speaker.json"
WINDOW_BEFORE = 2  # paragraphs before the quotation's own where candidates are looked for
WINDOW_AFTER = 1
MAX_CANDIDATES = 8  # the nearest this many: farther ones are right too rarely to pay for
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[A-Z“‘\"']")
_VERB_BEFORE = re.compile(r"\b(?:said|says|added|asked|wrote|according to|insisted|argued|explained|replied)\s+(?:\w+\s+){0,3}$")
# "told Fox News host Sean Hannity": the one spoken to.
_ADDRESSEE = re.compile(r"\b(?:told|tells|telling|tell|interview with|speaking to|spoke to|asked by)\s+(?:[\w.]+\s+){0,4}$", re.IGNORECASE)
# A mention near its sentence's start, after at most one opening clause ("Just a few months
# ago, Florida developer Mel Sembler"): likely the sentence's subject.
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?][\"”’']?\s+)(?:[^.!?,\"“”]{0,60},\s+)?(?:\w+\s+){0,3}$")
_APPOSITION = re.compile(r"\s*[,(]")
_NEXT_SENTENCE = re.compile(r"\W*\s+[A-Z]")
_AFFILIATION = re.compile(r"\b(?:of|at|from|in|for|with)\s+(?:the\s+)?$")
# "the Indiana governor", "the New York businessman": the name says where the one described
# holds office, not who speaks. (A "Vodafone spokesman" speaks for Vodafone: not this.)
_QUALIFIES = re.compile(rf"(?:\s+[a-z][\w\-]*){{0,2}}\s+(?:{OFFICE})\b")
# "Sen. Dianne Feinstein of California", "Hannah Ward of the Refugee Council": where the person
# before it is from, or whom they work for; the person speaks.
_PERSON_OF = re.compile(rf"(?P<name>{NAME})\s*,?\s+(?:of|from)\s+(?:the\s+)?$")
# "the senator from Vermont", "the governor of Ohio": where an office is held.
_OFFICE_OF = re.compile(rf"\b(?i:the|a|an)\s+(?:[\w\-]+\s+){{0,3}}(?:{OFFICE})\s+(?:of|from|in)\s+(?:the\s+)?$")


@dataclass
class Candidate:
    name: str
    features: dict[str, float] = field(default_factory=dict)


_weights: dict[str, float] | None = None


def weights() -> dict[str, float]:
    global _weights
    if _weights is None:
        try:
            _weights = json.loads(MODEL.read_text(encoding="utf-8"))["weights"]
        except (OSError, ValueError, KeyError):
            _weights = {}
    return _weights


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def mentions_by_paragraph(texts: dict[int, str], spans: dict[int, list[tuple[int, int]]], people):
    """paragraph -> [(offset, name, end)] of each mention: `end` None inside a quotation,
    negative for a possessive ("Trump's campaign"), else where the name ends."""
    out: dict[int, list[tuple[int, str, int | None]]] = {}
    for p, offset, person in people.mentions:
        if p not in spans:
            continue  # no quotation near enough to ask
        text = texts.get(p, "")
        if any(s <= offset < e for s, e in spans.get(p, [])):
            end = None
        else:
            last = person.name.split()[-1]
            at = text.find(last, offset, offset + 60)
            end = at + len(last) if at >= 0 else offset + len(person.name)
            if text[end:end + 2] in ("'s", "’s") or (text[end:end + 1] in "'’" and text[end - 1:end] == "s"):
                end = -1
        out.setdefault(p, []).append((offset, person.shown, end))
    return out


# "...," she said / She added: "...": the pronoun that stands for the speaker, if one does.
_PRONOUN_AFTER = re.compile(r"^[\s,.!?…\-–—]*(?:(he)|(she))\b", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(r"\b(?:(he)|(she))\s+(?:\w+\s+){0,2}?\w+(?:,|:)?\s*$", re.IGNORECASE)


def pronoun_gender(q, text: str) -> str | None:
    """ "m" when "he" speaks the quotation, "f" for "she", else None."""
    m = _PRONOUN_AFTER.match(text[q.end + 1:q.end + 16]) or _PRONOUN_BEFORE.search(text[max(0, q.start - 40):max(0, q.start - 1)])
    return None if not m else ("m" if m.group(1) else "f")


def candidates(q, texts: dict[int, str], mentions: dict, verb: re.Pattern,
               previous: str | None, counts: dict[str, int], same, following: str | None = None,
               genders: dict[str, str | None] | None = None) -> list[Candidate]:
    """Everyone named near quotation `q`, each described by the mention of them closest to
    it, with their features. `same(a, b)` says whether two names are one person;
    `mentions` is `mentions_by_paragraph` of the article."""
    closest: dict[str, tuple[tuple, int, int, object]] = {}
    inside_only: dict[str, bool] = {}
    for p in range(q.paragraph - WINDOW_BEFORE, q.paragraph + WINDOW_AFTER + 1):
        for offset, name, end in mentions.get(p, ()):
            if end is None:  # inside a quotation
                inside_only.setdefault(name, True)
                continue
            inside_only[name] = False
            if end < 0:
                continue  # "Trump's campaign": the owner of something, not one who speaks
            if p == q.paragraph:
                gap = q.start - end if end <= q.start else (offset - q.end if offset >= q.end else None)
                if gap is None:
                    continue
                distance = (0, gap)
            else:
                distance = (abs(p - q.paragraph) + (0.5 if p > q.paragraph else 0), -offset if p < q.paragraph else offset)
            if name not in closest or distance < closest[name][0]:
                closest[name] = (distance, p, offset, end)
    ranked = sorted(closest, key=lambda n: closest[n][0])[:MAX_CANDIDATES]
    out = []
    for rank, name in enumerate(ranked, start=1):
        _, p, offset, end = closest[name]
        f = _mention_features(q, texts.get(p, ""), p, offset, end, verb)
        f[f"rank_{min(rank, 4)}"] = 1.0
        out.append(Candidate(name, f))
    for name, only in inside_only.items():
        if only:
            out.append(Candidate(name, {"only_inside_quotes": 1.0}))
    most = max(counts.values(), default=0)
    pronoun = pronoun_gender(q, texts.get(q.paragraph, "")) if genders else None
    vocative = addressed_in(q.text)
    for c in out:
        f = c.features
        if _named_in(c.name, q.text):
            f["named_in_quote"] = 1.0  # "... because Donald Trump is ...," he said: seldom Trump
        if vocative and _called(c.name, vocative):
            f["addressed_in_quote"] = 1.0
        n = counts.get(c.name, 1)
        f[f"mentions_{_bucket(n, (1, 3, 8))}"] = 1.0
        if n == most:
            f["most_mentioned"] = 1.0
        if is_org_like(c.name):
            f["org_like"] = 1.0
        if len(c.name.split()) == 1:
            f["one_word"] = 1.0
        if pronoun and genders.get(c.name):
            f["pronoun_agrees" if genders[c.name] == pronoun else "pronoun_disagrees"] = 1.0
        if previous and same(c.name, previous):
            f["previous_speaker"] = 1.0
        if following and same(c.name, following):
            f["next_quote_speaker"] = 1.0
            if f.get("after") and not f.get("same_sentence"):
                f["next_quote_speaker_later_sentence"] = 1.0
    return out


# '"Mr. Trump, will you pledge ...?"', '"Donald, you know ..."': the one a quotation opens by
# speaking to.
_VOCATIVE = re.compile(rf"^\W*(?P<name>{NAME})\s*,\s+(?=[a-z]|(?:I|You|We)\b)")


def addressed_in(text: str) -> str | None:
    """The name a quotation opens by addressing, if it does."""
    m = _VOCATIVE.match(text)
    return m.group("name") if m else None


def _called(name: str, vocative: str) -> bool:
    """Is `vocative` ("Mr. Trump", "Donald") a way of calling the person `name`?"""
    words = name.split()
    called = {w.strip(".").lower() for w in vocative.split()}
    return bool(words) and (words[-1].lower() in called or (len(words) > 1 and words[0].lower() in called))


def _named_in(name: str, text: str) -> bool:
    last = name.split()[-1]
    at = text.find(last)
    while at >= 0:
        before, after = text[at - 1:at] if at else "", text[at + len(last):at + len(last) + 1]
        if not before.isalnum() and not after.isalnum():
            return True
        at = text.find(last, at + 1)
    return False


def _addressed(before: str) -> bool:
    low = before.lower()
    # The substring test first: the pattern is tried on every mention, and seldom matches.
    return any(w in low for w in ("tel", "told", "interview", "spok", "speaking", "asked by")) and bool(_ADDRESSEE.search(before))


def _of_person(text: str, offset: int) -> bool:
    m = _PERSON_OF.search(text, max(0, offset - 60), offset)
    return (bool(m) and is_clearly_person(m.group("name"))) or bool(_OFFICE_OF.search(text, max(0, offset - 60), offset))


def _mention_features(q, text: str, p: int, offset: int, end: int, verb: re.Pattern) -> dict[str, float]:
    f: dict[str, float] = {}
    d = p - q.paragraph
    follows = bool(verb.match(text[end:end + 30]))
    precedes = bool(_VERB_BEFORE.search(text[max(0, offset - 25):offset]))
    subject = offset == 0 or bool(_SENTENCE_OPENS.search(text, max(0, offset - 100), offset))
    affiliated = bool(_AFFILIATION.search(text, max(0, offset - 12), offset))
    flags = {"verb_follows": follows, "verb_precedes": precedes, "subject": subject,
             "apposition": bool(_APPOSITION.match(text, end, end + 3)),
             "addressee": _addressed(text[max(0, offset - 40):offset]),
             # "Donald Hartley of Madison", "Hannah Ward of the Refugee Council": where they are from.
             "affiliation": affiliated,
             "qualifies_office": text[end + 1:end + 2].islower() and bool(_QUALIFIES.match(text, end, end + 60)),
             "of_person": affiliated and _of_person(text, offset)}  # most mentions follow no preposition
    if d == 0:
        if end <= q.start:
            side, between = "before", text[max(end, q.start - 300):q.start]
            if ":" in between[-4:]:
                flags["colon_between"] = True
            if has_verb(between):
                flags["verb_between"] = True
        else:
            side, between = "after", text[q.end:min(offset, q.end + 300)]
        gap = (q.start - end) if side == "before" else (offset - q.end)
        # A quotation that ends its own sentence inside the marks ("... employment." Editor Ann
        # Marr said ...) has nobody after it in its sentence.
        ended = side == "after" and q.text.rstrip()[-1:] in ".!?" and _NEXT_SENTENCE.match(between)
        flags["same_sentence"] = not ended and not _SENTENCE_END.search(between)
        place = f"{side}_{_bucket(gap, (3, 15, 40, 100, 250))}"
    else:
        place = f"pdist_{d}" + ("_quote_opens" if q.start <= 2 else "")
    f[place] = 1.0
    f[place.split("_")[0]] = 1.0
    if d == 0 and q.start <= 2:
        f[f"{place}_quote_opens"] = 1.0
    f[f"{place.split('_')[0]}_quote_{_bucket(len(q.text.split()), (3, 8, 20))}"] = 1.0
    for flag, on in flags.items():
        if on:
            f[flag] = 1.0
            f[f"{place}_{flag}"] = 1.0
    return f


def add_rule(cands: list[Candidate], rule: str | None, cue: str, same) -> list[Candidate]:
    """Mark the grammar's choice (adding it when it named no one nearby: "the report")."""
    # How sure the grammar was changes what counts for everyone else: after a weak cue
    # (a continuation, none at all) a name with a verb in the same sentence matters more.
    for c in cands:
        for k in [k for k in c.features if k in _CONTEXT_FEATURES]:
            c.features[f"cue_{cue or 'none'}_{k}"] = 1.0
    if not rule:
        for c in cands:
            c.features["rule_none"] = 1.0
        return cands
    hit = next((c for c in cands if same(c.name, rule)), None)
    if hit is None:
        hit = Candidate(rule, {"not_nearby": 1.0})
        cands.append(hit)
    hit.features["rule"] = 1.0
    hit.features[f"rule_{cue or 'none'}"] = 1.0
    for k in [k for k in hit.features if k.startswith(("before_", "after_", "pdist_")) and k.count("_") == 1]:
        hit.features[f"rule_{cue or 'none'}_{k}"] = 1.0
    hit.name = rule
    return cands


_CONTEXT_FEATURES = {"before", "after", "pdist", "same_sentence", "verb_follows", "verb_precedes", "subject",
                     "previous_speaker", "next_quote_speaker", "most_mentioned", "named_in_quote",
                     "pronoun_agrees", "pronoun_disagrees", "org_like", "one_word", "apposition", "verb_between",
                     "topic", "affiliation", "qualifies_office", "of_person", "addressed_in_quote"}


def choose(cands: list[Candidate], w: dict[str, float]) -> Candidate | None:
    """The best candidate; the grammar's own choice unless another beats it by the margin
    the model was trained with (`margin` among the weights)."""
    if not cands or not w:
        return None
    # "... ," she said: a man the article names is not who "she" is, however near he stands.
    # Nor is the one "he told" in the quotation's own paragraph, nor the place in "the Indiana
    # governor" or in "Sen. Dianne Feinstein of California". Whom the quotation itself opens by
    # addressing ("Mr. Trump, will you ...?") never speaks it, whoever proposed them.
    scored = [(_z(c.features, w), c) for c in cands
              if not c.features.get("addressed_in_quote")
              and (c.features.get("rule") or not (c.features.get("pronoun_disagrees") or _addressed_here(c)
                                                  or c.features.get("qualifies_office") or c.features.get("of_person")))]
    if not scored:
        return None
    best_z, best = max(scored, key=lambda t: t[0])
    rule = next(((z, c) for z, c in scored if c.features.get("rule")), None)
    if rule is not None and best_z - rule[0] < w.get("margin", 0.0):
        return rule[1]
    return best


def _addressed_here(c: Candidate) -> bool:
    f = c.features
    return bool(f.get("addressee") and (f.get("before") or f.get("after")))


def _z(features: dict[str, float], w: dict[str, float]) -> float:
    return sum(w.get(k, 0.0) * v for k, v in features.items())
