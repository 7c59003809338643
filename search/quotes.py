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
3. `cue` looks for a reporting cue next to the quotation, outside the marks:
   `, he said` / `said X` after it; `X said:` / `X described ... as` before it;
   `according to X`, `as X put it`, `, says X,` anywhere in the sentence.
4. `People` resolves what the cue names: pronouns to the person the text is
   about, descriptions ("the Russian leader") to a person named earlier, and
   any name to its fullest form in the article ("Ms Hewitt" -> "Patricia Hewitt").
5. A quotation with no cue of its own continues the speaker before it (in the
   paragraph, or the paragraph before when it opens with a quotation), the
   subject of a reporting sentence just before it, or the speaker after it.

Short quotations without a cue (five words or fewer that are not a sentence)
are left out: scare quotes and names of things (three "victories", "The Beast").

Pure Python and regular expressions: no model, no download, and fast enough
that extraction never dominates indexing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import attribution
from .names import CAP_WORD, NOT_NAMES, TITLE_ABBREVIATIONS, People, is_org_like, is_person_like, presentable
from .names import key as _name_word_key
from .quotemarks import Span, find_spans, mask, sentences

# ---------------------------------------------------------------- vocabulary

_VERB_STEMS = """
say:says,said,saying tell:tells,told,telling add:adds,added,adding warn:warns,warned,warning
insist:insists,insisted,insisting state:states,stated ask:asks,asked reply:replies,replied
respond:responds,responded explain:explains,explained,explaining note:notes,noted argue:argues,argued,arguing
claim:claims,claimed,claiming declare:declares,declared announce:announces,announced admit:admits,admitted
urge:urges,urged,urging promise:promises,promised suggest:suggests,suggested comment:comments,commented
continue:continues,continued acknowledge:acknowledges,acknowledged concede:concedes,conceded boast:boasts,boasted
predict:predicts,predicted complain:complains,complained describe:describes,described,describing
dismiss:dismisses,dismissed brand:brands,branded label:labels,labelled,labeled call:calls,called,calling
hail:hails,hailed accuse:accuse,accuses,accused,accusing pledge:pledges,pledged vow:vows,vowed
maintain:maintains,maintained recall:recalls,recalled write:writes,wrote conclude:concludes,concluded
confirm:confirms,confirmed reveal:reveals,revealed remark:remarks,remarked quip:quipped joke:joked
observe:observes,observed stress:stresses,stressed emphasise:emphasised,emphasized reiterate:reiterates,reiterated
caution:cautioned counter:countered deny:denies,denied agree:agrees,agreed jeer:jeered shout:shouted
cry:cried whisper:whispered muse:mused recount:recounts,recounted believe:believes think:thinks feel:feels
reckon:reckons,reckoned answer:answered remember:remembered,remembers attack:attacks,attacked decry:decries,decried
condemn:condemns,condemned criticise:criticised,criticized slam:slams,slammed praise:praised welcome:welcomed
tweet:tweeted post:posted report:reported repeat:repeats,repeated,repeating
bark:barked press:pressed interject:interjected snap:snapped retort:retorted fume:fumed scoff:scoffed
mock:mocked chide:chided lament:lamented,laments blast:blasted exclaim:exclaimed demand:demanded
wonder:wondered testify:testified
"""
REPORTING_VERBS = frozenset(w for entry in _VERB_STEMS.split() for w in entry.split(":")[1].split(","))
VERB = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
# Verbs whose following name is the one spoken to or about, never the speaker:
# ", telling Reuters," / ", calling Clinton "a liar"".
OBJECT_VERBS = frozenset(w for entry in _VERB_STEMS.split() if entry.split(":")[0] in {
    "tell", "accuse", "urge", "praise", "attack", "call", "describe", "slam", "condemn", "criticise",
    "dismiss", "brand", "label", "hail", "welcome", "decry"} for w in entry.split(":")[1].split(","))

# Nouns that make a sentence about someone's words: "returning to complaints about "X"".
SPEECH_NOUNS = r"\b(?:complaints?|comments?|remarks?|words|statements?|warnings?|suggestions?|demands|claims|promises|pledges|insistence|description|phrase|message|plea|appeal|describing|dubbed|termed)\b"

ROLE_NOUNS = """
leader leaders president minister secretary spokesman spokeswoman spokesperson spokesmen aide aides official
officials source sources adviser advisers advisor chairman chairwoman chief executive director analyst analysts
economist economists expert experts judge judges statement report newspaper agency company firm group police
manager coach boss ambassador envoy diplomat diplomats general commander officer officers chancellor premier
prosecutor lawyer lawyers attorney campaigners campaigner union unions researchers researcher scientist
scientists artist artists author authors critic critics fans player players team club government ministry
department commission committee council insiders member members mps mp governor mayor senator king queen
prince princess professor doctor teacher observer observers study co-chairman producer director-general head
""".split()
# Descriptions of things that speak for an organisation, not of a person.
THINGS = {"statement", "report", "study", "newspaper", "agency", "company", "firm", "group", "government",
          "ministry", "department", "commission", "committee", "council", "union", "team", "club", "police"}
ROLE = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))

PARTICLES = r"(?:de|da|di|del|della|der|den|van|von|la|le|du|bin|ibn|al|el)"
CAP = CAP_WORD
NAME = rf"{CAP}(?:\s+(?:{PARTICLES}\s+)*{CAP}|\s*&\s*{CAP})*"
DETERMINER = r"(?i:the|a|an|another|one|its|his|her|their)"
MODIFIER = r"(?!(?i:the|a|an|another|and|who|which|that)\b)[\w'’\-]+"
DESCRIPTION = rf"{DETERMINER}\s+(?:{MODIFIER}\s+){{0,4}}?(?:\w+-)?(?i:{ROLE})\b(?:\s+(?:to|of|for|at)\s+(?:the\s+)?(?:{NAME}|[a-z]+))?"
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)"
SUBJECT = rf"(?:{DESCRIPTION}|{PRONOUN}|{NAME})"
# Adverbs and auxiliaries between a subject and its verb: "Merz vaguely stated", "had said".
AUX = r"(?:(?:\w+ly|also|then|later|has|had|have|was|would|will|once|himself|herself|itself)\s+)*"

_name = re.compile(NAME)
_description = re.compile(DESCRIPTION)
_subject_at_end = re.compile(rf"(?P<subj>{SUBJECT})\s+{AUX}$")
_verb = re.compile(rf"\b(?P<verb>{VERB})\b")
_as_cue = re.compile(rf"\bas\s+(?P<subj>{SUBJECT})\s+{AUX}(?:put it|puts it|wrote|writes|said|says|noted|told|called it|described it)\b")
_according = re.compile(rf"\baccording to\s+(?P<subj>{SUBJECT})")
_verb_first_sentence = re.compile(rf"\W*(?:Said|Says|Added|Asked|Wrote|Writes)\s+(?P<subj>{SUBJECT})\s*[,:]\s*$")
_name_then_stop = re.compile(rf"\s*(?P<name>{NAME})\s*(?:[,.;]|$)")
_parenthetical = re.compile(rf",\s+(?:(?P<verb>{VERB})\s+(?P<subj>{SUBJECT})|(?P<subj2>{SUBJECT})\s+{AUX}(?P<verb2>{VERB}))\s*,")
# Inside a clause, a full stop that ends a title or an initial ("Sen. Maria Cantwell",
# "Harry M. Reid") is part of the name, not the clause's end.
_IN_CLAUSE = rf"(?:\b(?:{TITLE_ABBREVIATIONS})\.(?=\s+[A-Z])|\b[A-Z]\.(?=\s*[A-Z])|[^.;:!?])"
_sentence_end_inverted = re.compile(rf",\s+(?P<verb>{VERB})\b(?P<rest>{_IN_CLAUSE}*)[.!?]?\s*$")
_sentence_end_cue = re.compile(rf",\s+(?P<subj>{SUBJECT})\s+{AUX}(?P<verb>{VERB})\W*$")
_intro = re.compile(r"^\W*(?:(?:But|And|So|Yet|Still|Now|Then|However|Meanwhile|Earlier|Later|Also|Instead)\b,?\s+)?(?:[^,]{1,80},\s+(?=[A-Z]))?")
_passive = re.compile(r"\b(?:was|were|been|being|is|are)\s+$")

_speech_source = re.compile(rf"{SPEECH_NOUNS}\s+(?:in|by|from|of)\s+(?P<subj>{SUBJECT})")
_speech_noun = re.compile(SPEECH_NOUNS, re.I)
_his_her = re.compile(r"\W*(?:His|Her)\b")
_only_name = re.compile(rf"\W*(?P<subj>{NAME})\s*")
_lower_next = re.compile(r"\s+[a-z]")
_apposed = re.compile(rf"(?P<subj>{SUBJECT})\s*,[^,]{{1,100}},\s*{AUX}")
_few_words = re.compile(r"(?:[\w'’\-&]+\s+){0,6}")
_function_word = re.compile(r"\b(?:the|a|an|that|which|who)\b")
_desc_then_name = re.compile(rf"\s*(?P<desc>{DESCRIPTION})[^,]{{0,60}},\s+(?P<name>{NAME})\s*(?:[,.;]|$)")
_clause_end = re.compile(r",|\bwho\b|\bwhich\b|\bin a\b|\bon\b|\bat\b|\bafter\b|\bwhen\b")
_desc_or_pronoun = re.compile(rf"(?P<subj>{DESCRIPTION}|{PRONOUN})\b")
_and_but_end = re.compile(r"\b(?:and|but)\s+$")
_name_comma_end = re.compile(rf"(?P<name>{NAME}),\s*$")
_name_of_end = re.compile(rf"(?P<name>{NAME})(?:\s*,|\s+of|\s+at|\s+from)\s+$")
_part_subject = re.compile(rf"\W*(?:(?:But|And|So|Yet)\s+)?(?P<subj>{SUBJECT})")
_leading_subject = re.compile(rf"\W*(?P<subj>{SUBJECT})")
_trailing_name = re.compile(rf"(?<![\w'’])(?:{CAP})(?:\s+{CAP})*$")
_determiner_only = re.compile(rf"{DETERMINER}$")
_leading_determiner = re.compile(rf"^{DETERMINER}\s+")

@dataclass
class Quote:
    text: str
    paragraph: int  # index into the article's paragraphs; -1 for the title
    start: int  # offsets of `text` in that paragraph, marks excluded
    end: int
    speaker: str | None = None
    cue: str = ""  # how the speaker was found: after, before, as, according, aside, speech, continuation, ...


# ---------------------------------------------------------------- discourse


@dataclass
class Discourse:
    """Who the text is about, as it is read from the top."""

    people: People
    subject: str | None = None  # the subject of the latest sentence that had one
    person: str | None = None  # the latest subject that is a person: what "he" and "she" mean
    reporter: str | None = None  # subject of the latest sentence with a reporting verb and no quotation
    org: str | None = None  # the latest organisation subject or speaker: what "it" means
    paragraph_speaker: str | None = None  # the last speaker of the previous paragraph
    previous_person: str | None = None  # the person the sentence just read was about, if it was

    def set_subject(self, name: str | None) -> None:
        if not name:
            return
        self.subject = name
        if is_person_like(name, self.people):
            self.person = name
        elif is_org_like(name):
            self.org = name


CUE_WINDOW = 600  # characters either side of a quotation where its cue is looked for

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
        yield q, attribution.add_rule(cands, q.speaker, q.cue, _same_person)
        previous = q.speaker or previous


def rerank(quotes: list[Quote], texts, people: People, weights: dict[str, float]) -> None:
    # All candidates first: their "previous speaker" is the grammar's, as in training.
    for q, cands in list(candidates_for(quotes, texts, people)):
        best = attribution.choose(cands, weights)
        if best is not None and not (q.speaker and _same_person(best.name, q.speaker)):
            # Overruling the grammar's choice is "model"; naming someone where it found no one, a guess.
            q.speaker, q.cue = best.name, ("model" if q.speaker else "guess")


def _same_person(a: str, b: str) -> bool:
    """One person, as the scorer and a reader would take it: the same surname."""
    return bool(a and b) and _name_word_key(a.split()[-1]) == _name_word_key(b.split()[-1])


def _paragraph(p: int, text: str, state: Discourse) -> list[Quote]:
    spans = find_spans(text)
    masked = mask(text, spans)
    found: list[Quote] = []
    open_paragraph = True  # the paragraph opens with a quotation: a continuation candidate
    for sent in sentences(text, masked, spans):
        in_sentence = [(k, s) for k, s in enumerate(spans) if sent[0] <= s.start < sent[1]]
        own: list[Quote] = []
        for k, span in in_sentence:
            q = Quote(text[span.start:span.end], p, span.start, span.end)
            speaker, q.cue = cue(span, spans, k, text, masked, sent, state, p)
            q.speaker = speaker
            if not q.cue and _is_scare_quote(q.text):
                continue
            if _is_name_of_thing(q.text, not masked[sent[0]:max(sent[0], span.start - 1)].strip(" \"“‘'")):
                continue
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


def _after_sentence(sentence: str, own: list[Quote], state: Discourse, p: int, offset: int) -> None:
    speakers = [q.speaker for q in own if q.speaker]
    if speakers:
        state.set_subject(speakers[-1])
        state.reporter = state.previous_person = None
        return
    subject = _sentence_subject(sentence, state, p, offset)
    if subject:
        state.set_subject(subject)
    # "Alan Shearer's goal ..." is about the goal: a possessive is not the one who speaks next.
    person = subject and not own and not re.search(r"['’]s?$", subject) and is_person_like(subject, state.people)
    state.previous_person = subject if person else None
    # A reporting sentence without a quotation ("Eric Green ... said the summit
    # reflected ...") lends its speaker to a bare quotation right after it.
    state.reporter = None
    if not own:
        reporter = _cue_before(sentence, first=True)
        if reporter:
            state.reporter = _resolve(reporter, state, p, offset + max(0, sentence.rfind(reporter)), offset)
            if state.reporter and is_org_like(state.reporter):
                state.org = state.reporter


_SUBJECT_VERB = re.compile(rf"(?:[a-z][\w'’\-]*\s+){{0,3}}?(?P<subj>{SUBJECT})(?:\s*,[^,]{{1,200}},)?\s+{AUX}(?P<verb>[a-z]+)\b")


def _sentence_subject(sentence: str, state: Discourse, p: int, offset: int) -> str | None:
    """The resolved subject of a sentence, if it opens with a name, description or pronoun."""
    intro = _intro.match(sentence)
    rest = sentence[intro.end():] if intro else sentence
    m = _SUBJECT_VERB.match(rest)
    if not m:
        m = _SUBJECT_VERB.match(sentence.lstrip(" \"“'‘"))
    # "Florida developer Mel Sembler expressed": "developer" is no verb, so Florida is no subject.
    subj = m.group("subj") if m and _verb_like(m.group("verb")) else None
    subj = subj or _main_subject(sentence[:200]) or (m.group("subj") if m else None)
    if not subj:
        return None
    return _resolve(subj, state, p, offset + sentence.find(subj), offset)


# ---------------------------------------------------------------- cues


def cue(span: Span, spans: list[Span], k: int, text: str, masked: str, sent: tuple[int, int],
        state: Discourse, p: int) -> tuple[str | None, str]:
    """The speaker of one quotation from the words around it in its sentence, and how it was found."""
    # A cue stands near its quotation: in a run-on "sentence" (a dump with no full
    # stops) only a window around the quotation is looked at, so work stays linear.
    sent = (max(sent[0], span.start - CUE_WINDOW), min(sent[1], span.end + CUE_WINDOW))
    close = span.end + (1 if span.closed else 0)
    nxt = spans[k + 1].start - 1 if k + 1 < len(spans) else len(text)
    after = masked[close:max(close, min(nxt, sent[1]))]
    open_at = max(span.start - 1, sent[0])
    before = masked[sent[0]:open_at]
    sentence = masked[sent[0]:sent[1]]

    def resolve(subj: str, at: int) -> str | None:
        return _resolve(subj, state, p, at, sent[0])

    subj = _cue_after(after)
    if subj:
        return resolve(subj, close), "after"
    for pattern, how in ((_as_cue, "as"), (_according, "according")):
        m = pattern.search(sentence)
        if m:
            return resolve(m.group("subj"), sent[0] + m.start()), how
    m = _parenthetical.search(sentence)
    if m and not (m.group("verb") and m.group("verb") in OBJECT_VERBS):
        named = _name_then_stop.match(sentence, m.end()) if m.group("verb") else None
        if named and _description.fullmatch(m.group("subj")) and is_person_like(named.group("name")):
            return resolve(named.group("name"), sent[0] + m.end()), "aside"  # ', said the bureau's director, James B. Comey,'
        return resolve(m.group("subj") or m.group("subj2"), sent[0] + m.start()), "aside"
    m = _verb_first_sentence.match(before)
    if m:
        return resolve(m.group("subj"), sent[0] + m.start("subj")), "before"  # 'Said Comey, "..."'
    subj = _cue_before(before)
    if subj:
        return resolve(subj, sent[0] + max(0, before.rfind(subj))), "colon" if before.rstrip().endswith(":") else "before"
    m = _sentence_end_cue.search(after)
    if m:
        return resolve(m.group("subj"), close + m.start()), "after"
    m = _sentence_end_inverted.search(after)
    if m and m.group("verb") not in OBJECT_VERBS:
        subj = _inverted_subject(m.group("rest"))  # '"casually" from the same mosque, said the bureau's director, James B. Comey'
        if subj:
            return resolve(subj, close + m.start("rest")), "after"
    m = _speech_source.search(sentence)
    if m:
        return resolve(m.group("subj"), sent[0] + m.start()), "speech"
    if _speech_noun.search(before):
        if _his_her.match(sentence):
            # "His message to the chancellor was:": whoever was just named.
            return state.people.last_person_before(p, sent[0]) or state.person, "speech"
        subj = _sentence_subject(sentence, state, p, sent[0]) or state.subject
        if subj:
            return subj, "speech"
    # "Richard Thomas "totally condemned" the deletion": the quotation is the verb.
    m = _only_name.fullmatch(before)
    if m and _lower_next.match(after):
        return resolve(m.group("subj"), sent[0]), "subject"
    return None, ""


_after_verb_first = re.compile(rf"^[\s,.;:!?\-–—…]*(?P<verb>{VERB})\b(?P<rest>{_IN_CLAUSE}*)")
_after_subject_first = re.compile(rf"^[\s,.;:!?\-–—…]*(?P<pre>{_IN_CLAUSE}{{0,80}}?)\s*\b(?P<verb>{VERB})\b")


def _cue_after(after: str) -> str | None:
    """`, he said` / `," said race director Matthew Turnbull, who ...` / `," Mr Eddington said.`"""
    m = _after_verb_first.match(after)
    if m and m.group("verb") not in OBJECT_VERBS:
        return _inverted_subject(m.group("rest"))
    m = _after_subject_first.match(after)
    if m:
        pre = m.group("pre")
        apposed = _apposed.fullmatch(pre + " ")
        if apposed:
            return apposed.group("subj")  # '" Vincent Koen, a senior economist with the OECD, told'
        if "," in pre:
            return None  # ", which led to ... said": another clause, not an attribution
        found = _subject_at_end.search(pre + " ")
        if found and (found.start() == 0 or _only_roles(pre[:found.start()]) or _determiner_only.match(pre[:found.start()].strip())):
            return _person_before_org(pre[:found.start()], found.group("subj"))
    return None


def _only_roles(words: str) -> bool:
    """ "chairman and chief executive" / "BA chairman": a role standing before a name."""
    return bool(_few_words.fullmatch(words)) and not _function_word.search(words)


def _inverted_subject(rest: str) -> str | None:
    """The subject after an inverted verb: "said Andrea Kendall-Taylor, at the Center ...",
    "said its chairman, Sir Anthony Greener"."""
    m = _desc_then_name.match(rest)
    if m and is_person_like(m.group("name")):
        return m.group("name")
    rest = _clause_end.split(_parenthesis.sub(" ", rest), 1)[0].strip()
    if not rest:
        return None
    m = _desc_or_pronoun.match(rest)
    if m:
        return m.group("subj")
    # "Sen. Maria Cantwell of Washington": what follows a preposition is where they are from.
    names = [m.group() for m in _name.finditer(rest) if not _affiliation_before.search(rest[:m.start()])]
    return names[-1] if names else None


_parenthesis = re.compile(r"\([^()]{0,40}(?:\)|$)")
_affiliation_before = re.compile(r"\b(?:of|at|for|from|in|with|on)\s+(?:the\s+)?$")


def _cue_before(before: str, first: bool = False) -> str | None:
    """The subject of the last (or first) reporting verb before the quotation in its sentence."""
    verbs = [v for v in _verb.finditer(before) if _is_verb(before, v)]
    if not verbs:
        return None
    v = verbs[0] if first else verbs[-1]
    left = before[:v.start()]
    participle = v.group().endswith("ing")
    if participle and left.rstrip().endswith(",") and len(verbs) > 1:
        # '"...," he said, insisting he enjoyed a "warm" relationship': the subject of "said".
        return _cue_before(left.rstrip()[:-1])
    if participle and (left.rstrip().endswith((",", "”", '"')) or _thing_at_end.search(left)):
        # "Sen. Bernie Sanders (I-Vt.) visited ... his rival, Hillary Clinton, saying" and "Trump
        # issued a statement saying": the one the clause is about, not the nearest name.
        main = _main_subject(left)
        if main:
            return main
    m = _relative.search(left)
    if m:
        return _relative_subject(left[:m.start()])
    m = _subject_at_end.search(left + " " if not left.endswith(" ") else left)
    if m and not left.rstrip().endswith(","):
        return _person_before_org(left[:m.start()], m.group("subj"))
    if _and_but_end.search(left):
        return _main_subject(left) or _first_subject(before)  # a second verb of the sentence's subject
    return _apposition_subject(left.rstrip()) or _main_subject(left) or _first_subject(before)


_relative = re.compile(rf",?\s+who\s+{AUX}$")


def _is_verb(text: str, v: re.Match) -> bool:
    """Is this reporting word a verb here? Not after "was" (passive: "she was told"), and a
    present-tense form only right after its subject ("Labour's six new pledges" is a noun)."""
    left = text[:v.start()]
    if _passive.search(left):
        return False
    if v.group().endswith("s") and v.group() != "says":
        m = _subject_at_end.search(left if left.endswith(" ") else left + " ")
        # "Clinton's remarks" is a noun after its owner.
        return bool(m) and m.group("subj").lower() not in NOT_NAMES and not re.search(r"['’]s?$", m.group("subj"))
    return True


def _relative_subject(left: str) -> str | None:
    """The antecedent of "who": "the position of Trump, who had said" -> Trump; "John McLaughlin,
    the former acting director of the CIA, who told me" -> John McLaughlin."""
    left = left.rstrip(" ,")
    m = _subject_at_end.search(left + " ")
    if not m:
        return None
    subj = m.group("subj")
    if _description.fullmatch(subj):
        named = _name_comma_end.search(left[:m.start()])
        if named and is_person_like(named.group("name")):
            return named.group("name")
    return subj


def _person_before_org(left: str, subj: str) -> str:
    """ "Colin Asplin, Blackpool Hotel Association said", "Nick Van den Brul of BNP Paribas said":
    the person, not the organisation they speak for."""
    if not is_org_like(subj):
        return subj
    m = _name_of_end.search(left)
    if m and is_person_like(m.group("name")):
        return m.group("name")
    return subj


def _apposition_subject(left: str) -> str | None:
    """ "Eric Green, who worked in ..., said" -> Eric Green; "The Shadow Secretary of State
    for the Family, Theresa May, said" -> Theresa May; "Colin Asplin, Blackpool Hotel
    Association said" -> Colin Asplin."""
    parts = [s.strip() for s in left.rstrip(",").split(",")]
    candidates = []
    for part in parts:
        m = _part_subject.fullmatch(part)
        if m:
            candidates.append(m.group("subj"))
    if not candidates:
        return None
    people = [c for c in candidates if _name.fullmatch(c) and not is_org_like(c)]
    return people[0] if people else candidates[0]


def _main_subject(text: str) -> str | None:
    """The subject of the clause's finite verb: the first name, description or pronoun that a
    verb follows (after an apposition or a parenthesis), not one after a preposition.
    "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush" -> Trump."""
    for m in _subject_then_verb.finditer(text):
        subj = m.group("subj")
        if subj.lower() in NOT_NAMES or _preposition_before.search(text[:m.start("subj")]):
            continue
        if _verb_like(m.group("verb"), present=False):
            return subj
    return None


def _verb_like(word: str, present: bool = True) -> bool:
    """Could this word be a clause's finite verb? (No tagger: reporting verbs, common irregular
    forms, -ed, and with `present` -s.)"""
    return (word in REPORTING_VERBS or word in _FINITE or (word.endswith("ed") and len(word) > 3)
            or (present and word.endswith("s") and not word.endswith("ss") and len(word) > 3))


_subject_then_verb = re.compile(rf"(?<![\w'’.])(?P<subj>{SUBJECT})(?:\s*\([^()]{{0,40}}\))?(?:\s*,[^,]{{1,120}},)?\s+{AUX}(?P<verb>[a-z]+)\b")
_preposition_before = re.compile(r"\b(?:in|at|of|on|for|with|about|from|to|by|after|before|amid|during|against|like|than|over|under|into|near|between|whom|toward|towards)\s+$", re.IGNORECASE)
_thing_at_end = re.compile(rf"\b(?:a|an|the)\s+(?:{'|'.join(sorted(THINGS))})\s+$")
_FINITE = frozenset("""went was is has had did made took gave came got kept left put ran saw sent set stood
struck thought won lost hit led met paid sat shot threw began broke brought bought caught chose drew drove
fell felt fought found flew grew heard held knew let meant rose sold shook sought spent spoke swore taught
tore understood wore became will would could can may might must should does do
been taken given done gone seen written spoken shown known become begun""".split())


def _first_subject(sentence: str) -> str | None:
    intro = _intro.match(sentence)
    rest = sentence[intro.end():] if intro else sentence
    m = _leading_subject.match(rest) or _leading_subject.match(sentence)
    return m.group("subj") if m else None


def _resolve(subj: str, state: Discourse, p: int, offset: int, sentence_start: int) -> str | None:
    subj = subj.strip()
    low = subj.lower()
    if low in ("he", "she"):
        gender = "m" if low == "he" else "f"
        if state.person and state.people.gender_of(state.person) in (None, gender):
            return state.person
        return state.people.last_person_before(p, offset, gender=gender) or state.person
    if low in ("they", "it", "i", "we"):
        # "it added", "they said": an organisation the text is about; "I" and "we" are the writer.
        if low in ("they", "it"):
            return state.org
        return None
    if _description.fullmatch(subj):
        named = _trailing_name.search(subj)
        if named and not _determiner_only.match(named.group()):
            return state.people.canonical(named.group())  # "the official Xinhua News Agency"
        return _resolve_description(subj, state, p, offset, sentence_start)
    return state.people.canonical(subj)


def _resolve_description(desc: str, state: Discourse, p: int, offset: int, sentence_start: int) -> str:
    """ "the Russian leader" -> a person named before who fits it; "a spokeswoman" -> itself."""
    words = [w.lower() for w in re.findall(r"[\w'’\-]+", desc)]
    bare = _leading_determiner.sub("", desc).strip()
    if words[0] in ("a", "an", "another", "one"):
        return bare  # an indefinite description brings in someone new
    head = words[-1] if not re.search(r"\b(?:to|of|for|at)\b", desc) else words[words.index(next(w for w in words if w in ("to", "of", "for", "at"))) - 1]
    if head in THINGS:
        # "the board said" after "the Illinois Board of Elections": the body named with that word;
        # "the report warned": the organisation the text is about, if any.
        return state.people.named_with(head, before=(p, offset)) or state.org or bare
    plural = head.endswith("s") and not head.endswith("ss")
    words_ = set(words[1:]) - {"the", "to", "of", "for", "at", "his", "her", "its", "their"}
    # "the artists" can be a group named before (artists Langlands & Bell), never one person.
    named = state.people.matching(words_, before=(p, offset), group=plural)
    if named:
        return named
    if plural:
        return bare
    if state.subject and state.subject.lower().endswith(head):
        return state.subject  # "A Ukrainian presidential aide said ... The aide described ..."
    # A definite description picks up a person just mentioned: in the same
    # sentence, anyone named before it; otherwise the person the text is about.
    recent = state.people.last_person_before(p, offset, since=(p, sentence_start))
    return recent or state.person or bare


def _is_scare_quote(text: str) -> bool:
    """Short and not a sentence: a scare quote, a nickname or the name of a thing."""
    words = re.findall(r"[\w'’\-]+", text)
    if len(words) > 5:
        return False
    sentence_like = text[:1].isupper() and text.rstrip()[-1:] in ".!?,"
    return not sentence_like or len(words) <= 2


def _is_name_of_thing(text: str, at_sentence_start: bool) -> bool:
    """ "The Beast", "Blair Babes", "Betty": a short title-case span inside a sentence."""
    words = re.findall(r"[\w'’\-]+", text)
    return 0 < len(words) <= 3 and not at_sentence_start and all(w[0].isupper() or w.lower() in ("of", "the", "and") for w in words)
