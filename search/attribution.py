"""Choosing a quotation's speaker among the people near it: a small learned ranker.

The cue grammar (`quotes`) proposes a speaker for each quotation, or none. This
module then looks at everyone named near the quotation (two paragraphs before it
to one after), describes each candidate by a few plain features (was it the
grammar's choice and by which cue, how far it is, on which side, whether a
reporting verb follows or precedes it, whether it is only named inside quotation
marks, how often the article names it, whether it spoke the quotation before),
and scores them with a logistic model. The best candidate speaks, when the model
is surer of it than of the grammar's choice.

The weights (`models/speaker.json`) are trained by `bench/train_speaker.py` from
the PolNeAR train split (its tuning part only) and the BBC dev gold in ../shared;
the README says how. No model file: the grammar's choice stands.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

MODEL = Path(__file__).resolve().parent / "models" / "speaker.json"
WINDOW_BEFORE = 2  # paragraphs before the quotation's own where candidates are looked for
WINDOW_AFTER = 1


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


def score(features: dict[str, float], w: dict[str, float]) -> float:
    z = w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def candidates(q, texts: dict[int, str], spans: dict[int, list[tuple[int, int]]], people, verb: re.Pattern,
               previous: str | None, counts: dict[str, int], same) -> list[Candidate]:
    """Everyone named near quotation `q`, with their features. `same(a, b)` says whether two
    names are one person; `spans` are each paragraph's quotation spans."""
    by_name: dict[str, Candidate] = {}
    lo, hi = q.paragraph - WINDOW_BEFORE, q.paragraph + WINDOW_AFTER
    for p, offset, person in people.mentions:
        if p < lo or p > hi:
            continue
        name = person.shown
        text = texts.get(p, "")
        inside = any(s <= offset < e for s, e in spans.get(p, []))
        c = by_name.setdefault(name, Candidate(name, {"any_outside": 0.0}))
        f = c.features
        if not inside:
            f["any_outside"] = 1.0
        else:
            continue
        tail = text[offset:offset + 60]
        m = re.match(r"[\w.'’\- ]*?" + re.escape(person.name.split()[-1]) + r"(['’]s?)?", tail)
        after_name = offset + (m.end() if m else len(person.name))
        if m and m.group(1):
            f["possessive"] = 1.0
            continue
        d = p - q.paragraph
        f[f"pdist_{d}"] = 1.0
        if p == q.paragraph:
            if after_name <= q.start:
                gap = q.start - after_name
                f["before"] = 1.0
                f[f"before_{_bucket(gap, (3, 15, 40, 100, 250))}"] = 1.0
            elif offset >= q.end:
                gap = offset - q.end
                f["after"] = 1.0
                f[f"after_{_bucket(gap, (3, 15, 40, 100, 250))}"] = 1.0
        if verb.match(text[after_name:after_name + 30]):
            f["verb_follows"] = 1.0
        if verb.search(text[max(0, offset - 25):offset]):
            f["verb_precedes"] = 1.0
        if re.match(r"\s*[,(]", text[after_name:after_name + 3]):
            f["apposition"] = 1.0
    out = []
    for name, c in by_name.items():
        f = c.features
        if not f.pop("any_outside"):
            f["only_inside_quotes"] = 1.0
        n = counts.get(name, 1)
        f[f"mentions_{_bucket(n, (1, 3, 8))}"] = 1.0
        if len(name.split()) == 1:
            f["one_word"] = 1.0
        if previous and same(name, previous):
            f["previous_speaker"] = 1.0
        out.append(c)
    return out


def add_rule(cands: list[Candidate], rule: str | None, cue: str, same) -> list[Candidate]:
    """Mark the grammar's choice (adding it when it named no one nearby: "the report")."""
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
    hit.name = rule
    return cands


def choose(cands: list[Candidate], w: dict[str, float]) -> Candidate | None:
    if not cands or not w:
        return None
    return max(cands, key=lambda c: score(c.features, w))
