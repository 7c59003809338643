"""Direct quotations in an article, each attributed to the person who said it.

`extract(paragraphs, title)` returns `Quote` records: the words inside the marks,
where they are, and the speaker by the fullest name the article gives (None
when the article does not say). What counts as a quotation:
`shared/gold/README.md`.

The pipeline, per paragraph, sentence by sentence:

1. `find_spans` pairs quotation marks by their direction (a mark after a space
   opens, one before a space or punctuation closes), not left to right, so an
   unclosed mark in run-together paragraphs (`"A. "B."`) does not put every
   later quotation out of phase. Single marks count only outside double ones.
2. `sentences` cuts the paragraph at sentence ends outside the quotations.
3. `cues.find_cue` looks for a reporting cue next to the quotation, outside the
   marks: `, he said` / `said X` after it; `X said:` / `X described ... as`
   before it; `according to X`, `as X put it`, `, says X,` anywhere in the sentence.
4. `speakers.speaker_of` resolves what the cue names: pronouns to the person the
   text is about, descriptions ("the Russian leader") to a person named earlier,
   and any name to its fullest form in the article ("Ms Hewitt" -> "Patricia Hewitt").
5. A quotation with no cue of its own continues the speaker before it (in the
   paragraph, or the paragraph before when it opens with a quotation), the
   subject of a reporting sentence just before it, or the speaker after it.

Short quotations without a cue (five words or fewer that are not a sentence)
are left out: scare quotes and names of things (three "victories", "The Beast").

6. The learned ranker (`attribution.py`) may overrule the grammar's choice among
   the people named nearby, when it is sure by a margin.

Pure Python and regular expressions, and a model of a few hundred weights
shipped in the package: no download, and fast enough that extraction never
dominates indexing.
"""


from __future__ import annotations

import re
from dataclasses import dataclass

from . import attribution
from .clauses import cue_before, sentence_subject
from .cues import CUE_WINDOW, Cue, find_cue, trailing_reporter
from .datelines import text_start
from .names import is_org_like, is_person_like, is_possessive, presentable
from .names import key as _name_word_key
from .people import People
from .quotemarks import find_spans, mask, sentences
from .reporting import AUX, VERB, is_description
from .speakers import Discourse, clause_speaker, resolve, speaker_of, subject_of


@dataclass
class Quote:
    text: str
    paragraph: int  # index into the article's paragraphs; -1 for the title
    start: int  # offsets of `text` in that paragraph, marks excluded
    end: int
    speaker: str | None = None
    cue: str = ""  # how the speaker was found: after, before, as, according, aside, speech, continuation, ...
    pronoun: bool = False  # the cue named the speaker by a pronoun ("he said"), resolved from the discourse
    described: bool = False  # ... or by a description ("the Vermont senator said")
    topic: str | None = None  # the person the text was about when the quotation was read (what "he" meant)


# An article is read in chunks of about this many characters, each with its own
# record of who is who: real articles fit in one chunk; a hostile one-line dump
# costs linear time instead of quadratic.
CHUNK_CHARS = 100_000


def extract(paragraphs: list[str], title: str = "") -> list[Quote]:
    """Every direct quotation in the article (title included), with its speaker."""
    quotes = [q for chunk in _chunks(paragraphs, title) for q in _extract(chunk)]
    for q in quotes:
        q.speaker = presentable(q.speaker)
    return quotes


def ranked_candidates(paragraphs: list[str], title: str = ""):
    """(quotation as the grammar attributes it, its candidate speakers), for training the
    ranker (`bench/train_speaker.py`); the same chunks and candidates as `extract` uses."""
    return [pair for chunk in _chunks(paragraphs, title) for pair in _chunk_candidates(chunk)]


def _chunks(paragraphs: list[str], title: str):
    """The article (title first, as paragraph -1) in runs of about CHUNK_CHARS characters."""
    texts = [(-1, title)] if title else []
    texts += list(enumerate(paragraphs))
    chunk: list[tuple[int, str]] = []
    size = 0
    for item in texts:
        chunk.append(item)
        size += len(item[1])
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _chunk_candidates(texts):
    state = Discourse(People([(p, t) for p, t in texts if p >= 0]))
    quotes = _extract(texts, learned=False, state=state)
    return list(candidates_for(quotes, texts, state.people))


def _extract(texts: list[tuple[int, str]], learned: bool = True, state: Discourse | None = None) -> list[Quote]:
    # Headlines are not where names are learnt: "Fuming Robinson blasts officials".
    state = state or Discourse(People([(p, t) for p, t in texts if p >= 0]))
    quotes: list[Quote] = []
    for p, text in texts:
        found = _paragraph(p, text, state)
        quotes.extend(found)
        speakers = [q.speaker for q in found if q.speaker]
        if speakers:
            state.paragraph_speaker = speakers[-1]
    if learned and attribution.weights():
        rerank(quotes, texts, state.people, attribution.weights())
    return quotes


_verb_follows = re.compile(rf"\s*,?\s*{AUX}(?:{VERB})\b")


def candidates_for(quotes: list[Quote], texts: list[tuple[int, str]], people: People):
    """(quotation, its candidates) for each quotation, as the ranker sees them."""
    by_p = dict(texts)
    paragraphs_quoted = {q.paragraph for q in quotes}
    spans = {p: [(s.start - 1, s.end + 1) for s in find_spans(t)] for p, t in texts
             if any(abs(p - k) <= 2 for k in paragraphs_quoted)}
    mentions = attribution.mentions_by_paragraph(by_p, spans, people)
    counts: dict[str, int] = {}
    genders: dict[str, str | None] = {}
    for _, _, person in people.mentions:
        counts[person.shown] = counts.get(person.shown, 0) + 1
        genders[person.shown] = person.gender
    previous = None
    for i, q in enumerate(quotes):
        # The grammar's speaker of the next quotation in the paragraph: someone who says words of
        # their own in a later sentence ("Ann Marr said it was "a warning shot"").
        following = next((n.speaker for n in quotes[i + 1:i + 2] if n.paragraph == q.paragraph), None)
        cands = attribution.candidates(q, by_p, mentions, _verb_follows, previous, counts, _same_person, following, genders)
        for c in cands:
            if q.topic and _same_person(c.name, q.topic):
                c.features["topic"] = 1.0
        how = q.cue + ("_pronoun" if q.pronoun else "_description" if q.described else "")
        yield q, attribution.add_rule(cands, q.speaker, how, _same_person)
        previous = q.speaker or previous


def rerank(quotes: list[Quote], texts, people: People, weights: dict[str, float]) -> None:
    # All candidates first: their "previous speaker" is the grammar's, as in training.
    for q, cands in list(candidates_for(quotes, texts, people)):
        best = attribution.choose(cands, weights)
        if best is not None and not (q.speaker and _same_person(best.name, q.speaker)):
            # Overruling the grammar's choice is "model"; naming someone where it found no one, a guess.
            q.speaker, q.cue = best.name, ("model" if q.speaker else "guess")
        elif best is None and any(c.features.get("rule") and c.features.get("addressed_in_quote") for c in cands):
            q.speaker, q.cue = None, ""  # '"Mr. Trump, will you ...?"' is not Trump's, and no one else is near


def _same_person(a: str, b: str) -> bool:
    """One person, as the scorer and a reader would take it: the same surname."""
    return bool(a and b) and _name_word_key(a.split()[-1]) == _name_word_key(b.split()[-1])


def _paragraph(p: int, text: str, state: Discourse) -> list[Quote]:
    spans = find_spans(text)
    masked = mask(text, spans)
    start = text_start(text)
    if start:
        masked = " " * start + masked[start:]  # "WASHINGTON (AP) — ": where, not who
    found: list[Quote] = []
    open_paragraph = True  # the paragraph opens with a quotation: a continuation candidate
    for sent in sentences(text, masked, spans):
        in_sentence = [(k, s) for k, s in enumerate(spans) if sent[0] <= s.start < sent[1]]
        own: list[Quote] = []
        for k, span in in_sentence:
            q = Quote(text[span.start:span.end], p, span.start, span.end, topic=state.person)
            found_cue = find_cue(span, spans, k, text, masked, sent)
            _subject_so_far(found_cue, masked, sent[0], state, p)
            q.speaker, q.cue = speaker_of(found_cue, state, p)
            q.pronoun = bool(found_cue.subject) and found_cue.subject.lower() in ("he", "she", "they", "it")
            q.described = bool(found_cue.subject) and is_description(found_cue.subject)
            if not q.cue and _is_scare_quote(q.text):
                continue
            before = masked[sent[0]:max(sent[0], span.start - 1)]
            # (In the headline itself, a quotation in title case is speech: "Trump: 'I Will Win'".)
            if _is_name_of_thing(q.text, not before.strip(" \"“‘'")) or (p >= 0 and _is_title(q.text)):
                continue
            if not q.cue:
                # "Gowdy referenced a report that "...": no reporting verb, but whose clause it is.
                q.speaker = clause_speaker(before, state, p, sent[0])
                q.cue = "subject" if q.speaker else ""
            if not q.cue:
                _continue(q, found + own, state, at_head=open_paragraph and not masked[:span.start - 1].strip())
            if span.orphan and not q.speaker:
                continue  # a stray closing mark, not a quotation anyone is said to have made
            own.append(q)
        found.extend(own)
        _after_sentence(masked[sent[0]:min(sent[1], sent[0] + CUE_WINDOW)], own, state, p, sent[0])
        open_paragraph = False
    _fill_from_later(found, text)
    return found


def _subject_so_far(found: Cue, masked: str, start: int, state: Discourse, p: int) -> None:
    """ "Yukiya Amano ... said that ... which he added "...": a "he" later in a sentence that
    opened with someone is that someone (if the gender allows), though the sentence is not over."""
    before = masked[start:found.at]
    # (Not when the sentence opens with a quotation: '"...," said X. "And yet ...," he said'.)
    if found.subject and found.subject.lower() in ("he", "she") and before.strip()[:1].isalpha():
        words = sentence_subject(before)
        # Only a name the sentence opens with: not an owner ("Trump's support ... means").
        if words and before.lstrip().startswith(words) and not is_possessive(words):
            opener = resolve(words, state, p, start + before.find(words), start)
            if opener and is_person_like(opener, state.people):
                state.set_subject(opener)


def _continue(q: Quote, found: list[Quote], state: Discourse, at_head: bool) -> None:
    """A quotation without a cue of its own carries on from what came before."""
    previous = next((f.speaker for f in reversed(found) if f.speaker), None)
    if state.reporter:
        q.speaker, q.cue = state.reporter, "reported"
    elif previous:
        q.speaker, q.cue = previous, "continuation"
    elif at_head and state.paragraph_speaker:
        q.speaker, q.cue = state.paragraph_speaker, "continuation"
    elif state.previous_person:
        # "Mr Brown outlined his view. "As our manifesto ..."": the person just written about.
        q.speaker, q.cue = state.previous_person, "subject"


def _fill_from_later(found: list[Quote], text: str) -> None:
    """ "A." "B," he said: a quotation still without a speaker takes the next one's, and
    so does one given to the previous sentence's subject when the next follows at once."""
    for i, q in enumerate(found):
        if q.speaker is None and not q.cue:
            later = next((f.speaker for f in found[i + 1:] if f.speaker), None)
            if later:
                q.speaker, q.cue = later, "continuation"
        elif q.cue == "subject" and i + 1 < len(found) and found[i + 1].speaker:
            if not re.search(r"\w", text[q.end:found[i + 1].start]):
                q.speaker, q.cue = found[i + 1].speaker, "continuation"


# Cues that name the speaker in the quotation's own sentence ("Cruz said", "said Cruz:").
_NAMING_CUES = {"after", "before", "colon", "aside", "according", "as"}


def _after_sentence(sentence: str, own: list[Quote], state: Discourse, p: int, offset: int) -> None:
    spoken = [q for q in own if q.speaker]
    if spoken:
        last = spoken[-1]
        state.set_speaker(last.speaker, named=last.cue in _NAMING_CUES and not last.pronoun and not last.described)
        state.reporter = state.previous_person = None
        return
    # "The approach is costly, said Katie Harbath, Facebook's director.": the one named
    # after the closing verb is who the sentence is about, and who reports.
    trailing = None if own else trailing_reporter(sentence)
    if trailing:
        trailing = resolve(trailing, state, p, offset + max(0, sentence.rfind(trailing)), offset)
    subject = trailing or subject_of(sentence, state, p, offset)
    if subject:
        state.set_subject(subject)
    # "Alan Shearer's goal ..." is about the goal: a possessive is not the one who speaks next.
    person = subject and not own and not is_possessive(subject) and is_person_like(subject, state.people)
    state.previous_person = subject if person else None
    # A reporting sentence without a quotation ("Eric Green ... said the summit
    # reflected ...") lends its speaker to a bare quotation right after it.
    state.reporter = None
    if not own:
        reporter = None if trailing else cue_before(sentence, first=True)
        state.reporter = trailing
        if reporter:
            state.reporter = resolve(reporter, state, p, offset + max(0, sentence.rfind(reporter)), offset)
            if state.reporter and is_org_like(state.reporter):
                state.org = state.reporter
            elif state.reporter and is_person_like(state.reporter, state.people):
                # "... supported by Sen. Dianne Feinstein, who said ...": the one who reported
                # something is who "she said" means next.
                state.person = state.reporter


def _is_scare_quote(text: str) -> bool:
    """Short and not a sentence: a scare quote, a nickname or the name of a thing."""
    words = re.findall(r"[\w'’\-]+", text)
    if len(words) > 5:
        return False
    sentence_like = text[:1].isupper() and text.rstrip()[-1:] in ".!?,"
    return not sentence_like or len(words) <= 2


_TITLE_SMALL_WORDS = frozenset("a an and as at by for from in is of on or the to vs with".split())


def _is_title(text: str) -> bool:
    """ "Not Fit To Serve As President Of The United States", "Primates of Park Avenue": every
    word capitalised but the small ones is how a headline, book or show is written, not speech."""
    words = re.findall(r"[^\W\d_][\w'’\-]*", text)
    capitals = sum(w[0].isupper() for w in words)
    return len(words) >= 4 and capitals >= 3 and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _is_name_of_thing(text: str, at_sentence_start: bool) -> bool:
    """ "The Beast", "Blair Babes", "Betty": a short title-case span inside a sentence."""
    words = re.findall(r"[\w'’\-]+", text)
    return 0 < len(words) <= 3 and not at_sentence_start and all(w[0].isupper() or w.lower() in ("of", "the", "and") for w in words)
