"""Names: what the words of a name are, and who they stand for across the index.

`split_name` cuts titles, roles, parties and nationalities in front of a name off
as attributes ("Former Russian President Dmitry Medvedev" -> "Dmitry Medvedev",
attributes former, russian, president); `is_person_like`, `is_org_like` and
`is_ordinary_word` say what kind of name it is; `presentable` writes a speaker as
a journalist would. Who is who within one article is `people.py`'s job.

Across the index (`merge_variants`), spellings of one person are merged
(Zelensky / Zelenskyy / Zelenskiy; "Putin" into "Vladimir Putin") while people
who only share a surname word stay apart: Taylor is not Kendall-Taylor.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from .analysis import fold, name_key
from .lexicons import common_words, first_name_genders, first_name_key, place_key, places

if TYPE_CHECKING:
    from .people import People

TITLES = set("""
mr mrs ms miss dr prof professor sir dame lord lady baroness baron rev reverend father alderman
president chancellor minister secretary senator sen rep representative governor gov mayor judge justice
king queen prince princess crown pope bishop archbishop general gen colonel col captain capt
chairman chairwoman chair chief executive director coach manager ambassador commissioner spokesman
spokeswoman leader premier envoy deputy vice acting former ex interim prime shadow mp mep msp mla qc
co-chairman host anchor correspondent analyst economist adviser advisor aide head founder boss editor
officer commander sheikh emir ayatollah cardinal chancellor-elect president-elect
lt sgt adm maj cmdr supt atty pres speaker
congressman congresswoman assemblyman assemblywoman councilman councilwoman pastor rabbi imam
""".split())
_WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())
PERSONAL_TITLES = set("mr mrs ms miss dr prof professor sir dame lord lady baroness rev".split())
PEERS = {"lord", "lady", "baroness", "baron"}
# Offices that end a run of attributes before a name: "Former Hewlett-Packard CEO Carly Fiorina",
# "House Speaker Paul Ryan", "Chief of Staff Denis McDonough": what precedes the office is
# whose office it is (a company, a body, a place), not part of the person's name.
_OFFICE_TITLES = set("""senator governor representative congressman congresswoman mayor ceo cfo coo
whip chair alderman alderwoman sheriff recorder supervisor advocate counsel admiral editor-in-chief treasurer
secretary-treasurer comptroller auditor clerk republican democrat
chairman chairwoman president secretary director speaker leader minister chancellor commissioner
spokesman spokeswoman staff chief founder editor anchor host correspondent strategist adviser advisor
aide manager coach ambassador envoy justice judge attorney general commander""".split())
# Departments and parties that stand between a title and a name: "Trade and Industry
# Secretary Patricia Hewitt", "Liberal Democrat Sarah Teather", "Labour's Yvette Cooper".
AFFILIATIONS = set("""
labour tory tories conservative conservatives liberal democrat democrats democratic republican republicans lib dem
dems green greens snp plaid ukip independent foreign home defence defense finance health education trade
industry culture sports state treasury transport justice interior energy environment economy business
culture media work pensions
""".split())
DEMONYMS = set("""
american british russian ukrainian german french chinese japanese indian israeli iranian iraqi syrian turkish
italian spanish polish dutch belgian swiss austrian swedish norwegian danish finnish irish scottish welsh
english canadian australian brazilian mexican argentine argentinian korean pakistani afghan egyptian saudi
palestinian lebanese belarusian georgian hungarian czech greek portuguese nigerian kenyan african european
western soviet us uk eu un nato belarusian serbian croatian romanian bulgarian estonian latvian lithuanian
""".split())
ORG_WORDS = set("""
association office party council committee commission agency bank company group ministry department union
federation institute university college club corporation inc ltd plc news times post journal television
radio tv network board authority court government parliament house senate congress police army navy force
service trust foundation fund centre center school hospital airline airways motors industries international
organisation organization alliance league assembly cabinet commons lords treasury team united city fc church
programme program initiative digital reuters tass mps press channel magazine newspaper institution society
""".split())
NOT_NAMES = set("""
the a an and but or so yet still however meanwhile when while if as at in on of for from to by with
this that these those there here it its it's he she they we i you his her their our my your who what where
why how after before during since until unless although though because then now today yesterday
tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december also earlier later last next one two
three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand
thousands million millions dozens several
nor is was are were has have had does did minutes hours days weeks months years decades moments
speaking asked said says added wrote according perhaps indeed even just only not no yes well oh some many most all both
either neither each every other another such more less under over about into through against following including
citing regarding concerning considering excluding
""".split())

# Roles that are not titles: "race director", "executive producer", "artists Langlands & Bell".
ROLE_WORDS = set("""
producer artist artists writer author singer actor actress player striker midfielder defender goalkeeper
lawyer analyst economist strategist scientist researcher professor teacher doctor campaigner activist
spokesman spokeswoman official officials director manager owner partner colleague counterpart rival
nominee candidate businessman businesswoman billionaire front-runner frontrunner hopeful presidential
vice-presidential
""".split())

# Plural nouns that end a capitalised group, not a person: "Male MPs", "Labour Ministers".
GROUP_NOUNS = set("""
mps meps msps ministers members officials lawyers leaders democrats republicans tories conservatives
socialists liberals greens voters fans players judges artists critics unions workers staff
""".split())

# Words for someone who speaks for an organisation: "a Vodafone spokesman" speaks
# Vodafone's words; "a spokesman" alone names nobody.
SPOKES_WORDS = set("""
spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople representative representatives
official officials source sources insider insiders aide aides staffer staffers
""".split())
# Plural nouns for an unnamed crowd: "Male MPs jeered" quotes nobody in particular.
CROWD_NOUNS = set("""
mps meps msps ministers members officials lawyers leaders voters fans players judges artists critics
workers staff researchers experts analysts observers protesters supporters residents people viewers
listeners readers critics campaigners activists students teachers doctors nurses
""".split())

# Titles abbreviated with a full stop, as US outlets write them: "Sen. Patty Murray",
# "Rep. Jim Clyburn", "Mr. Sanders". The stop belongs to the title, not to a sentence end.
TITLE_ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Rev|Capt|Adm|Maj|Cmdr|Supt|Atty|Pres|Jr|Sr|St"
CAP_WORD = rf"(?:(?:{TITLE_ABBREVIATIONS})\.(?=\s+[A-Z])|[A-Z][\w'’\-]*\w|[A-Z]\.?)"
_CAP_WORD = re.compile(CAP_WORD)
_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "bin", "ibn", "al", "el"}
# A pronoun, an article or a verb never continues a name: "the U.S. He said" is no one called
# "S. He", and a headline in capitals ("Chris Christie Is Over Marco Rubio") is two names. (Not
# "Said": Edward Said, Omar Said.)
NEVER_IN_NAME = r"(?!(?:He|She|It|They|We|The|His|Her|Their|This|That|Is|Are|Was|Were|Has|Have|Had)\b)"
NAME_MENTION = re.compile(rf"{CAP_WORD}(?:\s+(?:(?:de|da|di|del|della|der|den|van|von|la|le|du|bin|ibn|al|el)\s+)*{NEVER_IN_NAME}{CAP_WORD}|\s*&\s*(?:[A-Z][\w'’\-]*\w))*")


def split_name(raw: str) -> tuple[list[str], list[str]]:
    words, attrs = _split_name(raw)
    return list(words), list(attrs)


@lru_cache(maxsize=50_000)
def _split_name(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ "Former Russian President Vladimir Putin" -> (["Vladimir", "Putin"], ["former", "russian", "president"]).

    Leading titles, roles, parties and nationalities are cut off as attributes; so is
    anything up to a possessive ("Labour's Yvette Cooper"), and a trailing "MP".
    """
    words = raw.replace("’", "'").split()
    if len(words) > 1 and _GLUED_TIME.match(words[0]):
        words[0] = words[0][2:]  # "11:19PMChris Christie": a live blog's time run into the name
    attrs: list[str] = []
    for i, w in enumerate(words[:-1]):
        if w.endswith("'s") or w.endswith("s'"):
            words = words[i + 1:]  # the owner is another entity: People records it on its own
            break
    # "Vermont Sen. Bernie Sanders", "Former Arkansas Gov. Mike Huckabee": a place or a
    # party before a title is an attribute like the title; the name starts after it.
    for i in range(len(words) - 2, 0, -1):
        w = words[i]
        if (w.endswith(".") and w.rstrip(".").lower() in TITLES) or w.lower() in _OFFICE_TITLES:
            attrs.extend(x.rstrip(".").lower() for x in words[:i + 1])
            words = words[i + 1:]
            break

    # "Democratic National Committee", "British Medical Association": a party or a nationality
    # opens an organisation's name, and stays in it.
    organisation = any(w.lower().strip(".,") in ORG_WORDS for w in words)

    def strippable(w: str) -> bool:
        w = w.rstrip(".").lower()
        if organisation:
            return w in NOT_NAMES
        return (w in TITLES or w in AFFILIATIONS or w in DEMONYMS or w in NOT_NAMES or w in _OFFICE_TITLES
                or w.startswith("ex-") or w.endswith("-based"))

    # Strip only while a real name word remains: "The Lib Dems" stays "Lib Dems".
    while len(words) > 1 and strippable(words[0]) and not all(strippable(w) for w in words[1:]):
        attrs.append(words.pop(0).rstrip(".").lower())
    # "Rival Hillary Clinton", "Despite George Will", "Comedian Sarah Silverman": an ordinary word
    # before a first name and a surname ("Will Doyle" keeps his first name).
    while len(words) > 2 and not organisation and words[0].lower() in common_words():
        attrs.append(words.pop(0).lower())
    while len(words) > 1 and words[-1].lower() in ("mp", "mep", "msp", "qc", "jr", "sr", "jr.", "sr.", "ii", "iii", "iv"):
        attrs.append(words.pop().lower())
    while len(words) > 1 and re.sub(r"'s?$", "", words[-1].lower()) in _WEEKDAYS:
        words.pop()  # '," said Ted Cruz Tuesday': when, not who
    if len(words) == 1 and re.split(r"['.]", words[0].lower())[0] in _NOT_ALONE:
        return (), tuple(attrs)  # "But", "He's", "I'll", "New" (but "New York Times" whole)
    return tuple(words), tuple(attrs)


_NOT_ALONE = NOT_NAMES | {"new"}
_GLUED_TIME = re.compile(r"(?:AM|PM)(?=[A-Z][a-z])")


@lru_cache(maxsize=100_000)
def key(word: str) -> str:
    return name_key(fold(word.strip(".,")))


def presentable(name: str | None) -> str | None:
    """A speaker as a journalist would write it: the organisation, not its spokesman
    ("Vodafone spokesman" -> "Vodafone"), and no owner's possessive. A bare role ("a
    spokeswoman") or a crowd ("male MPs") stays what the article says: see `is_named`."""
    if not name:
        return None
    words = name.split()
    while len(words) > 1 and words[-1].lower() in SPOKES_WORDS and words[-2][:1].isupper():
        words.pop()
    words[-1] = re.sub(r"(?<=\w)['’]s?$", "", words[-1])
    return " ".join(w for w in words if w) or None


def is_named(name: str) -> bool:
    """Whether a speaker is someone named, rather than described: not "spokesman", "male
    MPs", "judges", "a current member of the Cabinet"; those are not one person to count."""
    words = name.split()
    if not words or not words[0][:1].isupper():
        return False
    last = words[-1].lower()
    return not (last in CROWD_NOUNS or last in SPOKES_WORDS or (len(words) == 1 and last in ROLE_WORDS))


@lru_cache(maxsize=50_000)
def is_org_like(name: str) -> bool:
    words = split_name(name)[0] or name.split()
    return (
        any(w.lower().strip(".,") in ORG_WORDS for w in words)
        or "&" in name
        or any(len(w.strip(".")) >= 2 and w.isupper() for w in words)  # "NAACP", not the initial in "David E. Kendall"
    )


def is_person_like(name: str, people: People | None = None) -> bool:
    """A person rather than an organisation, a place or a group."""
    if is_org_like(name) or is_place(name):
        return False
    words = name.split()
    if len(words) >= 2:
        return words[-1].lower() not in GROUP_NOUNS
    return bool(people and people.is_known_person(words[0]))


def is_possessive(words: str) -> bool:
    """ "Donald Trump's", "the Clintons'": an owner, not one who acts or speaks."""
    return bool(_POSSESSIVE.search(words))


_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=50_000)
def is_place(name: str) -> bool:
    """ "Little Rock", "New Hampshire", "Iowa": a place the shipped list knows (two capitalised
    words are no person's name there)."""
    return place_key(name) in places()


def is_clearly_person(name: str) -> bool:
    """ "Paul D. Ryan", "Sen. Dianne Feinstein": a first name and a surname, with a first name the
    gender lexicon knows or a title before them ("Armenian Patriarchate" and "Former Secretary"
    are not people)."""
    words, attrs = split_name(name)
    if len(words) < 2 or is_org_like(name):
        return False
    return first_name_key(words[0]) in first_name_genders() or any(a in TITLES for a in attrs)


def is_ordinary_word(word: str) -> bool:
    """ "Given", "Amid", "Holding": a common word, capitalised because it opens a sentence. Words
    for people who speak unnamed ("Officials", "Aides") are not counted: they speak."""
    w = word.lower()
    return (w in common_words() and w not in CROWD_NOUNS and w not in SPOKES_WORDS and w not in ROLE_WORDS
            and w not in _INDEFINITE)


# "Someone joked ...", "Others chanted ...": no name, but someone speaks.
_INDEFINITE = set("someone somebody anyone anybody everyone everybody nobody others another many some few".split())


# ---------------------------------------------------------------- across the index


def variant_key(name: str) -> tuple[str, ...]:
    """Spelling-insensitive key of a full name: ("vladimir", "putin"). A middle initial
    does not make another person: "Donald J. Trump" is ("donald", "trump")."""
    words = name.split()
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + [words[-1]]
    return tuple(key(w) for w in words)


def merge_variants(counts: Counter) -> dict[str, str]:
    """Map each speaker name to the one form that stands for that person across the index.

    Same key (Zelensky / Zelenskyy) -> the most frequent spelling; a surname alone
    ("Putin") -> the full name that ends with it, when exactly one does, or when one of those
    that do holds DOMINANT of their quotations ("Obama" -> Barack Obama, not Michelle Obama;
    "Clinton" stays apart where Bill and Hillary Clinton are quoted alike).
    """
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in counts:
        by_key[variant_key(name)].append(name)
    form = {k: max(names, key=lambda n: (counts[n], len(n), n)) for k, names in by_key.items()}
    full_by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for k in form:
        if len(k) >= 2:
            full_by_surname[k[-1]].add(k)
    weight = {k: sum(counts[n] for n in names) for k, names in by_key.items()}
    mapping = {}
    for k, names in by_key.items():
        target = k
        if len(k) == 1 and full_by_surname.get(k[0]):
            top = max(full_by_surname[k[0]], key=lambda f: (weight[f], f))
            if weight[top] >= DOMINANT * sum(weight[f] for f in full_by_surname[k[0]]):
                target = top
        for n in names:
            mapping[n] = form[target]
    return mapping


# A surname alone is the person with this share of the quotations of everyone of that surname.
DOMINANT = 0.8
