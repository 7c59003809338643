"""Reporting cues: the words around a quotation that say who spoke, read on plain strings.

`find_cue` looks in a quotation's sentence, outside the marks, for a cue:
`, he said` / `said X` after it; `X said:` / `X described ... as` before it;
`according to X`, `as X put it`, `, says X,` anywhere in the sentence. It returns
the words that name the speaker as written ("he", "the Russian leader", "Ms
Hewitt"); turning them into a person is `speakers.py`'s job, which knows the
article read so far. Nothing here holds state: a grammar of English news
attribution in regular expressions, with no tagger and no download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import CAP_WORD, NEVER_IN_NAME, NOT_NAMES, TITLE_ABBREVIATIONS, is_org_like, is_person_like
from .quotemarks import Span

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
ask:asking tweet:tweeting write:writing note:noting declare:declaring state:stating suggest:suggesting
promise:promising recall:recalling reply:replying predict:predicting complain:complaining boast:boasting
joke:joking vow:vowing pledge:pledging announce:announcing admit:admitting acknowledge:acknowledging
concede:conceding
"""
_SINGLE_VERBS = frozenset(w for entry in _VERB_STEMS.split() for w in entry.split(":")[1].split(","))
# Two-word verbs of speech: '"...," Trump went on' / 'Sanders shot back, "..."'.
_PHRASAL_VERBS = frozenset({"went on", "goes on", "shot back", "fired back", "chimed in", "chimes in"})
REPORTING_VERBS = _SINGLE_VERBS | _PHRASAL_VERBS
VERB = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
# Verbs that may stand before their subject ("said Ann Lee"); a participle never does:
# ", noting the Republican nominee" names who is noted, not who notes.
INVERTING = "|".join(sorted((v for v in _SINGLE_VERBS if not v.endswith("ing")), key=len, reverse=True))
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
NAME = rf"{CAP}(?:\s+(?:{PARTICLES}\s+)*{NEVER_IN_NAME}{CAP}|\s*&\s*{CAP})*"
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
_word = re.compile(r"\b[a-z]+\b")
_PHRASAL_HEADS = frozenset(p.split()[0] for p in _PHRASAL_VERBS)


def verbs_in(text: str):
    """The reporting verbs of `text`, as matches in order. A set lookup per word: the
    alternation of every verb, tried at every character, is what made extraction slow."""
    for m in _word.finditer(text):
        if m.group() in _SINGLE_VERBS:
            yield m
        elif m.group() in _PHRASAL_HEADS:
            phrase = _verb.match(text, m.start())
            if phrase:
                yield phrase


def has_verb(text: str) -> bool:
    return next(verbs_in(text), None) is not None
_as_cue = re.compile(rf"\b[Aa]s\s+(?P<subj>{SUBJECT})\s+{AUX}(?:put it|puts it|wrote|writes|said|says|noted|told|called it|described it)\b")
_according = re.compile(rf"\baccording to\s+(?P<subj>{SUBJECT})")
_verb_first_sentence = re.compile(rf"\W*(?:Said|Says|Added|Asked|Wrote|Writes)\s+(?P<subj>{SUBJECT})\s*[,:]\s*$")
_name_then_stop = re.compile(rf"\s*(?P<name>{NAME})\s*(?:[,.;]|$)")
_parenthetical = re.compile(rf",\s+(?:(?P<verb>{INVERTING})\s+(?P<subj>{SUBJECT})|(?P<subj2>{SUBJECT})\s+{AUX}(?P<verb2>{VERB}))\s*,")
# Inside a clause, a full stop that ends a title or an initial ("Sen. Maria Cantwell",
# "Harry M. Reid") is part of the name, not the clause's end.
_IN_CLAUSE = rf"(?:\b(?:{TITLE_ABBREVIATIONS})\.(?=\s+[A-Z])|\b[A-Z]\.(?=\s*[A-Z])|\([^()]{{0,20}}\)|[^.;:!?])"
_sentence_end_inverted = re.compile(rf",\s+(?P<verb>{INVERTING})\b(?P<rest>{_IN_CLAUSE}*)[.!?]?\s*$")
_sentence_end_cue = re.compile(rf",\s+(?P<subj>{SUBJECT})\s+{AUX}(?P<verb>{VERB})\W*$")
_intro = re.compile(r"^\W*(?:(?:But|And|So|Yet|Still|Now|Then|However|Meanwhile|Earlier|Later|Also|Instead)\b,?\s+)?(?:[^,]{1,80},\s+(?=[A-Z]))?")
_passive = re.compile(r"\b(?:was|were|been|being|is|are)\s+$")

_speech_source = re.compile(rf"{SPEECH_NOUNS}\s+(?:in|by|from|of)\s+(?P<subj>{SUBJECT})")
_speech_noun = re.compile(SPEECH_NOUNS, re.I)
_his_her = re.compile(r"\W*(?:His|Her)\b")
_WORDS_OF = r"(?:promise|pledge|claim|remark|comment|warning|slogan|quip|vow|boast|line|message|mantra|refrain|post|tweet|statement|letter|email|memo|speech|op-ed|column|ad|advert|words|remarks|comments|tweets|posts)"
_owner_before = re.compile(rf"(?<![\w'’])(?P<subj>{NAME})['’]s?\s+(?:(?P<words>(?:[\w\-]+\s+){{0,3}}?{_WORDS_OF}\s*[:,]?)\s*)?[\W•]*$")
_words_after = re.compile(rf"\s*{_WORDS_OF}\b")
_only_name = re.compile(rf"\W*(?P<subj>{NAME})\s*")
_lower_next = re.compile(r"\s+[a-z]")
_apposed = re.compile(rf"(?P<subj>{SUBJECT})\s*,[^,]{{1,100}},\s*{AUX}")
_few_words = re.compile(r"(?:[\w'’\-&]+\s+){0,6}")
_function_word = re.compile(r"\b(?:the|a|an|that|which|who)\b")
_desc_then_name = re.compile(rf"\s*(?P<desc>{DESCRIPTION})[^,]{{0,60}},\s+(?P<name>{NAME})\s*(?:[,.;]|$)")
_clause_end = re.compile(r",|\bwho\b|\bwhich\b|\bin an?\b|\bon\b|\bat\b|\bafter\b|\bwhen\b|\bduring\b|\bbefore\b|\bwhile\b|\bsince\b")
_desc_or_pronoun = re.compile(rf"(?P<subj>{DESCRIPTION}|{PRONOUN})\b")
_and_but_end = re.compile(r"\b(?:and|but)\s+$")
_name_comma_end = re.compile(rf"(?P<name>{NAME}),\s*$")
_name_of_end = re.compile(rf"(?P<name>{NAME})(?:\s*,|\s+of|\s+at|\s+from)\s+$")
_part_subject = re.compile(rf"\W*(?:(?:But|And|So|Yet)\s+)?(?P<subj>{SUBJECT})")
_leading_subject = re.compile(rf"\W*(?P<subj>{SUBJECT})")
_trailing_name = re.compile(rf"(?<![\w'’])(?:{CAP})(?:\s+{CAP})*$")
_determiner_only = re.compile(rf"{DETERMINER}$")
_leading_determiner = re.compile(rf"^{DETERMINER}\s+")

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

    subj = _cue_after(after)
    if subj:
        return Cue("after", subj, close)
    for pattern, how in ((_as_cue, "as"), (_according, "according")):
        m = pattern.search(sentence)
        if m:
            return Cue(how, m.group("subj"), sent[0] + m.start())
    m = _parenthetical.search(sentence)
    if m and not (m.group("verb") and m.group("verb") in OBJECT_VERBS):
        named = _name_then_stop.match(sentence, m.end()) if m.group("verb") else None
        if named and _description.fullmatch(m.group("subj")) and is_person_like(named.group("name")):
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
        subj = _inverted_subject(m.group("rest"))  # '"casually" from the same mosque, said the bureau's director, James B. Comey'
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


_SUBJECT_VERB = re.compile(rf"(?:[a-z][\w'’\-]*\s+){{0,3}}?(?P<subj>{SUBJECT})(?:\s*,[^,]{{1,200}},)?\s+{AUX}(?P<verb>[a-z]+)\b")


def sentence_subject(sentence: str) -> str | None:
    """The words naming a sentence's subject, if it opens with a name, description or pronoun."""
    intro = _intro.match(sentence)
    rest = sentence[intro.end():] if intro else sentence
    m = _SUBJECT_VERB.match(rest)
    if not m:
        m = _SUBJECT_VERB.match(sentence.lstrip(" \"“'‘"))
    # "Florida developer Mel Sembler expressed": "developer" is no verb, so Florida is no subject.
    subj = m.group("subj") if m and _verb_like(m.group("verb")) else None
    return subj or _main_subject(sentence[:200]) or (m.group("subj") if m else None)


def clause_subject(text: str) -> str | None:
    """The subject of the clause `text` opens, if a finite verb follows it (see `_main_subject`)."""
    return _main_subject(text) if text.strip() else None


def trailing_reporter(sentence: str) -> str | None:
    """The words naming who a sentence ends by crediting: "..., said Katie Harbath, Facebook's
    director." -> Katie Harbath."""
    m = _sentence_end_inverted.search(sentence)
    if m and m.group("verb") not in OBJECT_VERBS and _credit.fullmatch(m.group("rest")):
        return _inverted_subject(m.group("rest"))
    return None


# A name (or description) and at most an apposition after it: not "said the summit reflected ...".
_credit = re.compile(rf"\s+(?:{SUBJECT})(?:\s*\([^()]{{0,40}}\))?(?:\s*,{_IN_CLAUSE}{{0,150}})?\s*")


def is_description(words: str) -> bool:
    """ "the Russian leader", "a spokeswoman for the agency": a role, not a name."""
    return bool(_description.fullmatch(words))


def name_in_description(desc: str) -> str | None:
    """The name a description ends with: "the official Xinhua News Agency" -> Xinhua News Agency."""
    named = _trailing_name.search(desc)
    return named.group() if named and not _determiner_only.match(named.group()) else None


def without_determiner(desc: str) -> str:
    return _leading_determiner.sub("", desc).strip()


_SENTENCE_STOP = re.compile(r"[.!?]")
_CUE_ENDS = r"(?=\s*(?:[.,;:!?]|$)|\s+(?:on|in|at|during|to|after|before|while|when|later|then|again|yesterday|today|last|this)\b)"
_next_sentence_cue = re.compile(rf"[\s\"”’']*(?:(?P<subj>{PRONOUN}|{NAME}|{DESCRIPTION})(?:\s*\([^()]{{0,20}}\))?\s+{AUX}(?:(?:told|tells|asked)\b|(?:{VERB})\b{_CUE_ENDS})|(?:{INVERTING})\s+(?P<subj2>{SUBJECT})\b{_CUE_ENDS})")
_after_verb_first = re.compile(rf"^[\s,.;:!?\-–—…]*(?P<verb>{INVERTING})\b(?P<rest>{_IN_CLAUSE}*)")
_after_subject_first = re.compile(rf"^[\s,.;:!?\-–—…]*(?P<pre>{_IN_CLAUSE}{{0,80}}?)\s*\b(?P<verb>{VERB})\b")


def _cue_after(after: str) -> str | None:
    """`, he said` / `," said race director Matthew Turnbull, who ...` / `," Mr Eddington said.`"""
    m = _after_verb_first.match(after)
    if m and m.group("verb") not in OBJECT_VERBS:
        return _inverted_subject(m.group("rest"))
    m = _after_subject_first.match(after)
    if m:
        pre = _parenthesis.sub("", m.group("pre")).rstrip()  # "Rep. Earl Blumenauer (D-Ore.) said"
        apposed = _apposed.fullmatch(pre + " ")
        if apposed:
            return apposed.group("subj")  # '" Vincent Koen, a senior economist with the OECD, told'
        if "," in pre:
            named = _apposed_name.search(pre)
            if named and is_person_like(named.group("name")) and not _preposition_before.search(pre[:named.start()]):
                return named.group("name")  # '," Rep. Duncan Hunter's chief of staff, Joe Kasper, told'
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
        named = _name_next.match(rest, m.end())
        if named and _description.fullmatch(m.group("subj")) and is_person_like(named.group("name")):
            return named.group("name")  # "added his campaign manager Jeff Weaver"
        return m.group("subj")
    # "Sen. Maria Cantwell of Washington": what follows a preposition is where they are from.
    names = [m.group() for m in _name.finditer(rest) if not _affiliation_before.search(rest[:m.start()])]
    return names[-1] if names else None


_apposed_name = re.compile(rf",\s*(?P<name>{NAME})\s*,\s*{AUX}$")
_name_next = re.compile(rf"\s+(?P<name>{NAME})\s*$")
_parenthesis = re.compile(r"\([^()]{0,40}(?:\)|$)")
_affiliation_before = re.compile(r"\b(?:of|at|for|from|in|with|on)\s+(?:the\s+)?$")


def cue_before(before: str, first: bool = False) -> str | None:
    """The subject of the last (or first) reporting verb before the quotation in its sentence."""
    verbs = [v for v in verbs_in(before) if _is_verb(before, v)]
    if not verbs:
        return None
    v = verbs[0] if first else verbs[-1]
    left = before[:v.start()]
    if not re.search(r"[^\W•]", left) and v.group() not in OBJECT_VERBS:
        # '"A," said Stephanie Formas, Clinton's director, "and B."': only a quotation before
        # the verb, so its subject follows it.
        return _inverted_subject(before[v.end():])
    participle = v.group().endswith("ing")
    joined = _and_but_end.search(left)
    if participle and joined and len(verbs) > 1 and verbs[-2].group().endswith("ing") and not first:
        return cue_before(left[:joined.start()])  # "with Trump tweeting that ... and asking, "...""
    if participle and left.rstrip().endswith(",") and len(verbs) > 1:
        # '"...," he said, insisting he enjoyed a "warm" relationship': the subject of "said".
        return cue_before(left.rstrip()[:-1])
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
        if m.group("verb").endswith("s") and _article_before.search(text[:m.start("subj")]):
            continue  # "the Paris attacks", "the Clinton emails": a noun, not a verb

        if _verb_like(m.group("verb"), present=False):
            return subj
    return None


def _verb_like(word: str, present: bool = True) -> bool:
    """Could this word be a clause's finite verb? (No tagger: reporting verbs, common irregular
    forms, -ed, and with `present` -s.)"""
    return (word in REPORTING_VERBS or word in _FINITE or (word.endswith("ed") and len(word) > 3)
            or (present and word.endswith("s") and not word.endswith("ss") and len(word) > 3))


_subject_then_verb = re.compile(rf"(?<![\w'’.])(?P<subj>{SUBJECT})(?:\s*\([^()]{{0,40}}\))?(?:\s*,[^,]{{1,120}},){{0,2}}\s+{AUX}(?P<verb>[a-z]+)\b")
_preposition_before = re.compile(r"\b(?:in|at|of|on|for|with|about|from|to|by|after|before|amid|during|against|like|than|over|under|into|near|between|whom|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_article_before = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
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
    if m and m.group("subj").lower() in NOT_NAMES:
        # "Eight years ago, he supported ...": the subject follows the opening phrase.
        m = _after_opening.match(sentence) or m
    return m.group("subj") if m else None


_after_opening = re.compile(rf"[^,]{{1,60}},\s+(?P<subj>{SUBJECT})\s+{AUX}[a-z]+")
