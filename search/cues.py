"""Reporting cues: the words around a quotation that say who spoke, read on plain strings.

`find_cue` looks in a quotation's sentence, outside the marks, for a cue:
`, he said` / `said X` after it; `X said:` / `X described ... as` before it;
`according to X`, `as X put it`, `, says X,` anywhere in the sentence; and, when
the quotation ends its own sentence, a next sentence that is no more than its cue.
It returns the words that name the speaker as written ("he", "the Russian
leader", "Ms Hewitt"); turning them into a person is `speakers.py`'s job, which
knows the article read so far. Nothing here holds state: a grammar of English
news attribution in regular expressions (`clauses.py`, `reporting.py`), with no
tagger and no download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import cue_before, inverted_subject, sentence_subject, subject_after
from .names import is_person_like
from .quotemarks import Span
from .reporting import (AUX, DESCRIPTION, DESCRIPTION_RE, IN_CLAUSE, INVERTING, NAME, OBJECT_VERBS, PRONOUN,
                        SPEECH_NOUNS, SUBJECT, VERB)

_as_cue = re.compile(rf"\b[Aa]s\s+(?P<subj>{SUBJECT})\s+{AUX}(?:put it|puts it|wrote|writes|said|says|noted|told|called it|described it)\b")
_according = re.compile(rf"\baccording to\s+(?P<subj>{SUBJECT})")
_verb_first_sentence = re.compile(rf"\W*(?:Said|Says|Added|Asked|Wrote|Writes)\s+(?P<subj>{SUBJECT})\s*[,:]\s*$")
_name_then_stop = re.compile(rf"\s*(?P<name>{NAME})\s*(?:[,.;]|$)")
_parenthetical = re.compile(rf",\s+(?:(?P<verb>{INVERTING})\s+(?P<subj>{SUBJECT})|(?P<subj2>{SUBJECT})\s+{AUX}(?P<verb2>{VERB}))\s*,")
_sentence_end_inverted = re.compile(rf",\s+(?P<verb>{INVERTING})\b(?P<rest>{IN_CLAUSE}*)[.!?]?\s*$")
_sentence_end_cue = re.compile(rf",\s+(?P<subj>{SUBJECT})\s+{AUX}(?P<verb>{VERB})\W*$")
_speech_source = re.compile(rf"{SPEECH_NOUNS}\s+(?:in|by|from|of)\s+(?P<subj>{SUBJECT})")
_speech_noun = re.compile(SPEECH_NOUNS, re.I)
_his_her = re.compile(r"\W*(?:His|Her)\b")
_WORDS_OF = r"(?:promise|pledge|claim|remark|comment|warning|slogan|quip|vow|boast|line|message|mantra|refrain|post|tweet|statement|letter|email|memo|speech|op-ed|column|ad|advert|words|remarks|comments|tweets|posts)"
_owner_before = re.compile(rf"(?<![\w'’])(?P<subj>{NAME})['’]s?\s+(?:(?P<words>(?:[\w\-]+\s+){{0,3}}?{_WORDS_OF}\s*[:,]?)\s*)?[\W•]*$")
_words_after = re.compile(rf"\s*{_WORDS_OF}\b")
_only_name = re.compile(rf"\W*(?P<subj>{NAME})\s*")
_lower_next = re.compile(r"\s+[a-z]")

CUE_WINDOW = 600  # characters either side of a quotation where its cue is looked for


@dataclass
class Cue:
    """What a quotation's sentence says of its speaker, before anyone is resolved."""

    how: str = ""  # after, before, colon, as, according, aside, speech, subject; "" when there is no cue
    subject: str | None = None  # the words naming the speaker, as written
    at: int = 0  # where those words stand in the paragraph
    # For "speech" with no words of its own: "named" (whoever was just named: "His message
    # was:") or "sentence" (what the sentence is about).
    refers: str = ""
    sentence_start: int = 0  # where the part of the sentence read for the cue begins


def find_cue(span: Span, spans: list[Span], k: int, text: str, masked: str, sent: tuple[int, int]) -> Cue:
    """The cue of quotation `k` of the paragraph `text`, in the sentence `sent` (offsets)."""
    # A cue stands near its quotation: in a run-on "sentence" (a dump with no full
    # stops) only a window around the quotation is looked at, so work stays linear.
    sent = (max(sent[0], span.start - CUE_WINDOW), min(sent[1], span.end + CUE_WINDOW))
    found = _cue_in(span, spans, k, text, masked, sent)
    found.sentence_start = sent[0]
    return found


def _cue_in(span: Span, spans: list[Span], k: int, text: str, masked: str, sent: tuple[int, int]) -> Cue:
    close = span.end + (1 if span.closed else 0)
    nxt = spans[k + 1].start - 1 if k + 1 < len(spans) else len(text)
    after = masked[close:max(close, min(nxt, sent[1]))]
    open_at = max(span.start - 1, sent[0])
    before = masked[sent[0]:open_at]
    sentence = masked[sent[0]:sent[1]]

    subj = subject_after(after)
    if subj:
        return Cue("after", subj, close)
    for pattern, how in ((_as_cue, "as"), (_according, "according")):
        m = pattern.search(sentence)
        if m:
            return Cue(how, m.group("subj"), sent[0] + m.start())
    m = _parenthetical.search(sentence)
    if m and not (m.group("verb") and m.group("verb") in OBJECT_VERBS):
        named = _name_then_stop.match(sentence, m.end()) if m.group("verb") else None
        if named and DESCRIPTION_RE.fullmatch(m.group("subj")) and is_person_like(named.group("name")):
            return Cue("aside", named.group("name"), sent[0] + m.end())  # ', said the bureau's director, James B. Comey,'
        return Cue("aside", m.group("subj") or m.group("subj2"), sent[0] + m.start())
    m = _verb_first_sentence.match(before)
    if m:
        return Cue("before", m.group("subj"), sent[0] + m.start("subj"))  # 'Said Comey, "..."'
    subj = cue_before(before)
    if subj:
        return Cue("colon" if before.rstrip().endswith(":") else "before", subj, sent[0] + max(0, before.rfind(subj)))
    m = _sentence_end_cue.search(after)
    if m:
        return Cue("after", m.group("subj"), close + m.start())
    m = _sentence_end_inverted.search(after)
    if m and m.group("verb") not in OBJECT_VERBS:
        subj = inverted_subject(m.group("rest"))  # '"casually" from the same mosque, said the bureau's director, James B. Comey'
        if subj:
            return Cue("after", subj, close + m.start("rest"))
    m = _speech_source.search(sentence)
    if m:
        return Cue("speech", m.group("subj"), sent[0] + m.start())
    m = _owner_before.search(before)
    if m and (m.group("words") or _words_after.match(after)):
        # 'Bush's Facebook post: "..."', 'Obama's "if you like your plan" promise': whose words.
        return Cue("speech", m.group("subj"), sent[0] + m.start("subj"))
    if _speech_noun.search(before):
        if _his_her.match(sentence):
            return Cue("speech", None, sent[0], refers="named")  # "His message to the chancellor was:"
        subj = sentence_subject(sentence)
        return Cue("speech", subj, sent[0] + sentence.find(subj) if subj else sent[0], refers="sentence")
    # "Richard Thomas "totally condemned" the deletion": the quotation is the verb.
    m = _only_name.fullmatch(before)
    if m and _lower_next.match(after):
        return Cue("subject", m.group("subj"), sent[0])
    if not after.strip() and span.closed and text[span.end - 1:span.end] in ".!?":
        # '"Can it happen to anyone?" Donald Trump said.': the quotation ended its sentence
        # inside the marks, and the next is no more than who said it.
        m = _next_sentence_cue.match(masked, close, min(nxt, close + 200))
        # Not when that sentence goes on to a quotation of its own ('Harriet Harman told
        # researchers of the hostility: "..."'): the cue is that one's.
        if m and (nxt >= len(text) or _SENTENCE_STOP.search(masked, m.end(), nxt)):
            group = "subj" if m.group("subj") else "subj2"
            return Cue("after", m.group(group), m.start(group))
    return Cue()


def trailing_reporter(sentence: str) -> str | None:
    """The words naming who a sentence ends by crediting: "..., said Katie Harbath, Facebook's
    director." -> Katie Harbath."""
    m = _sentence_end_inverted.search(sentence)
    if m and m.group("verb") not in OBJECT_VERBS and _credit.fullmatch(m.group("rest")):
        return inverted_subject(m.group("rest"))
    # "..., which he's expected to win, Jones said.": the same credit, in the usual order.
    m = _sentence_end_cue.search(sentence)
    if m and m.group("verb") not in OBJECT_VERBS:
        return m.group("subj")
    return None


# A name (or description) and at most an apposition after it: not "said the summit reflected ...".
_credit = re.compile(rf"\s+(?:{SUBJECT})(?:\s*\([^()]{{0,40}}\))?(?:\s*,{IN_CLAUSE}{{0,150}})?\s*")
_SENTENCE_STOP = re.compile(r"[.!?]")
_CUE_ENDS = r"(?=\s*(?:[.,;:!?]|$)|\s+(?:on|in|at|during|to|after|before|while|when|later|then|again|yesterday|today|last|this)\b)"
_next_sentence_cue = re.compile(rf"[\s\"”’']*(?:(?P<subj>{PRONOUN}|{NAME}|{DESCRIPTION})(?:\s*\([^()]{{0,20}}\))?\s+{AUX}(?:(?:told|tells|asked)\b|(?:{VERB})\b{_CUE_ENDS})|(?:{INVERTING})\s+(?P<subj2>{SUBJECT})\b{_CUE_ENDS})")
