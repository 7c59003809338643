"""The words of news attribution: verbs of speech, roles, and the pattern pieces built of them.

`NAME`, `DESCRIPTION` ("the Russian leader"), `PRONOUN` and `SUBJECT` (any of the
three) are regular-expression fragments that `clauses.py` and `cues.py` compose;
`verbs_in` finds the reporting verbs of a text. Vocabulary only: no state, no
grammar of its own.
"""

from __future__ import annotations

import re

from .names import CAP_WORD, NEVER_IN_NAME, SPOKES_WORDS, TITLE_ABBREVIATIONS

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
concede:conceding beam:beamed gush:gushed sigh:sighed marvel:marveled,marvelled chuckle:chuckled
assure:assured,assures,assuring echo:echoed,echoes chide:chides,chiding
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
    "dismiss", "brand", "label", "hail", "welcome", "decry", "assure", "chide"} for w in entry.split(":")[1].split(","))

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
nominee candidate businessman businesswoman billionaire front-runner frontrunner congressman congresswoman
""".split()
# Descriptions of things that speak for an organisation, not of a person.
THINGS = {"statement", "report", "study", "newspaper", "agency", "company", "firm", "group", "government",
          "ministry", "department", "commission", "committee", "council", "union", "team", "club", "police"}
ROLE = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
# An office or a trade a person holds ("governor", "businessman"), not one who speaks for a body.
OFFICE = "|".join(sorted(set(ROLE_NOUNS) - THINGS - SPOKES_WORDS, key=len, reverse=True))

PARTICLES = r"(?:de|da|di|del|della|der|den|van|von|la|le|du|bin|ibn|al|el)"
CAP = CAP_WORD
NAME = rf"{CAP}(?:\s+(?:{PARTICLES}\s+)*{NEVER_IN_NAME}{CAP}|\s*&\s*{CAP})*"
DETERMINER = r"(?i:the|a|an|another|one|its|his|her|their)"
MODIFIER = r"(?!(?i:the|a|an|another|and|who|which|that)\b)[\w'’\-]+"
DESCRIPTION = rf"{DETERMINER}\s+(?:{MODIFIER}\s+){{0,4}}?(?:\w+-)?(?i:{ROLE})\b(?:\s+(?:to|of|for|at|from)\s+(?:the\s+)?(?:{NAME}|[a-z]+))?"
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)"
SUBJECT = rf"(?:{DESCRIPTION}|{PRONOUN}|{NAME})"
# Adverbs and auxiliaries between a subject and its verb: "Merz vaguely stated", "had said".
_WHEN = r"(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:last|this)\s+(?:week|month|year)|yesterday|today|earlier"
AUX = rf"(?:(?:\w+ly|also|then|later|has|had|have|was|would|will|once|himself|herself|itself|{_WHEN})\s+)*"

NAME_RE = re.compile(NAME)
DESCRIPTION_RE = re.compile(DESCRIPTION)
SUBJECT_AT_END = re.compile(rf"(?P<subj>{SUBJECT})(?:\s*\([^()]{{0,40}}\))?\s+{AUX}$")
_verb = re.compile(rf"\b(?P<verb>{VERB})\b")

_word = re.compile(r"\b[a-z]+\b")
_PHRASAL_HEADS = frozenset(p.split()[0] for p in _PHRASAL_VERBS)
_after_phrasal = re.compile(r"\s*(?:[^\w\s]|$|(?:to|at|that|with|by|about|against)\b)")


def verbs_in(text: str):
    """The reporting verbs of `text`, as matches in order. A set lookup per word: the
    alternation of every verb, tried at every character, is what made extraction slow."""
    for m in _word.finditer(text):
        if m.group() in _SINGLE_VERBS:
            yield m
        elif m.group() in _PHRASAL_HEADS:
            phrase = _verb.match(text, m.start())
            # "she went on: "..."" speaks; "the Senate goes on recess" does not.
            if phrase and _after_phrasal.match(text, phrase.end()):
                yield phrase


def has_verb(text: str) -> bool:
    return next(verbs_in(text), None) is not None


# Inside a clause, a full stop that ends a title or an initial ("Sen. Maria Cantwell",
# "Harry M. Reid") is part of the name, not the clause's end.
IN_CLAUSE = rf"(?:\b(?:{TITLE_ABBREVIATIONS})\.(?=\s+[A-Z])|\b[A-Z]\.(?=\s*[A-Z])|\([^()]{{0,20}}\)|\.(?=[a-z0-9])|[^.;:!?])"
_trailing_name = re.compile(rf"(?<![\w'’])(?:{CAP})(?:\s+{CAP})*$")
DETERMINER_ONLY = re.compile(rf"{DETERMINER}$")
_office_before = re.compile(r"\b([a-z\-]+)\s+(?:of|from|in)\s+(?:the\s+)?$")
_leading_determiner = re.compile(rf"^{DETERMINER}\s+")


def is_description(words: str) -> bool:
    """ "the Russian leader", "a spokeswoman for the agency": a role, not a name."""
    return bool(DESCRIPTION_RE.fullmatch(words))


def name_in_description(desc: str) -> str | None:
    """The name a description ends with: "the official Xinhua News Agency" -> Xinhua News Agency.
    A spokesman's is who they speak for ("a spokeswoman for the Armed Services Committee");
    an office holder's is where they hold it: "the senator from Vermont" is a senator."""
    named = _trailing_name.search(desc)
    if not named or DETERMINER_ONLY.match(named.group()):
        return None
    office = _office_before.search(desc[:named.start()])
    if office and office.group(1).lower() not in SPOKES_WORDS:
        return None
    return named.group()


def without_determiner(desc: str) -> str:
    return _leading_determiner.sub("", desc).strip()
