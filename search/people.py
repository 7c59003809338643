"""The people of one article: who is who, in the order they are mentioned.

The fullest form of a name wins: "Ms Hewitt" and "Hewitt" become "Patricia
Hewitt"; titles, roles, parties and nationalities in front of a name are kept as
attributes, not as part of it ("Former Russian President Dmitry Medvedev" ->
"Dmitry Medvedev", attributes former, russian, president), so that "the Russian
leader" can find him, and so is what says whether "he" or "she" stands for them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .datelines import text_start
from .lexicons import common_words, first_name_genders, first_name_key
from .names import (AFFILIATIONS, DEMONYMS, NAME_MENTION, NOT_NAMES, PEERS, PERSONAL_TITLES, ROLE_WORDS, TITLES,
                    is_ordinary_word, is_person_like, is_place, key, split_name)

# "Texas Gov. Rick Perry" is who "the governor" means.
_ABBREVIATED = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
                "col": "colonel", "capt": "captain", "adm": "admiral", "atty": "attorney", "pres": "president",
                "prof": "professor", "supt": "superintendent", "sgt": "sergeant", "maj": "major", "cmdr": "commander"}

# Offices held by one person, which make the one word after them someone's surname.
_OFFICES = set("""president senator governor representative congressman congresswoman mayor judge justice king queen
prince princess pope bishop archbishop general colonel captain admiral sergeant lieutenant secretary chancellor
ambassador sheriff""".split())

# Words around a name that say which pronoun stands for the person: a title, a role, a relation.
_FEMALE_WORDS = set("""mrs ms miss dame lady baroness queen princess duchess countess madam sister mother
daughter wife widow grandmother aunt niece spokeswoman chairwoman congresswoman businesswoman actress
""".split())
_MALE_WORDS = set("""mr sir lord baron king prince duke earl father brother son husband widower grandfather
uncle nephew spokesman chairman congressman businessman actor""".split())


@dataclass
class Person:
    name: str
    attributes: set[str] = field(default_factory=set)
    titled: bool = False  # seen with Mr, Ms, Dr, Sir ...: certainly a person
    peer: str = ""  # "Lord", "Lady", "Baroness": part of the name when no first name is known

    @property
    def gender(self) -> str | None:
        """ "m" for he, "f" for she, None when the article and the first name do not say."""
        female, male = self.attributes & _FEMALE_WORDS, self.attributes & _MALE_WORDS
        if female and not male:
            return "f"
        if male and not female:
            return "m"
        words = self.name.split()
        return first_name_genders().get(first_name_key(words[0])) if len(words) > 1 else None

    @property
    def shown(self) -> str:
        """The name as a journalist writes it: "Lord Falconer", not "Falconer"."""
        return f"{self.peer} {self.name}" if self.peer and " " not in self.name else self.name


class People:
    """The names in one article, in the order they are mentioned."""

    def __init__(self, texts: list[tuple[int, str]]):
        self.by_surname: dict[str, list[Person]] = defaultdict(list)
        self.by_first: dict[str, list[Person]] = defaultdict(list)
        self.mentions: list[tuple[int, int, Person]] = []
        for p, text in texts:
            for m in NAME_MENTION.finditer(text, text_start(text)):
                self._mention(p, m.start(), m.group(), text)

    def _mention(self, p: int, offset: int, raw: str, text: str) -> None:
        owner = _OWNER.match(raw) if "'" in raw or "’" in raw else None
        if owner and not owner.group(1).endswith(" "):
            # "Mr Brown's Budget": Mr Brown is a mention; "Budget" is another.
            self._mention(p, offset, owner.group(1), text)
        words, attrs = split_name(raw)
        if not words:
            return
        if words[0].lower() in NOT_NAMES or _opening_participle(raw, text, offset):
            return
        if _opens_sentence(text, offset):
            if len(words) == 1 and not attrs and is_ordinary_word(words[0]) and not self.by_surname.get(key(words[0])):
                return  # "Given his past comments, ...": no one called Given (George Will is still Will)
            words = self._without_ordinary_word(words)
        if len(words) == 1 and (words[0].lower() in DEMONYMS or words[0].lower() in AFFILIATIONS
                                or re.fullmatch(r"[A-Z]\.?", words[0])):
            return  # "the Spanish leader", "a Republican senator", "U.": what someone is, or a letter
        if _PARTY_TAG.match(raw) and text[offset - 1:offset] == "(":
            return  # "(R-S.C.)", "(D-Calif.)": a party and a state
        if is_place(" ".join(words)) and not self.by_surname.get(key(words[-1])):
            return  # "in Little Rock", "I went to New York": where, not who (Ebonya Washington stays)
        person = self._find_or_add(words)
        person.attributes.update(_ABBREVIATED.get(a, a) for a in attrs)
        person.attributes.update(_roles_before(text, offset))
        person.attributes.update(_apposition_after(text, offset + len(raw)))
        if any(a in PERSONAL_TITLES for a in attrs) or (attrs and _ABBREVIATED.get(attrs[-1], attrs[-1]) in _OFFICES):
            person.titled = True  # "Mr Smith", and "President Obama", "Sen. Cruz": someone
        if attrs and attrs[-1] in PEERS and len(words) == 1:
            person.peer = attrs[-1].title()
        self.mentions.append((p, offset + raw.find(words[0]), person))

    def _without_ordinary_word(self, words: list[str]) -> list[str]:
        """ "Maybe Trump will ...": Trump, not someone called Maybe Trump, when Trump is known here
        or "Maybe" is no first name (Will Doyle keeps his)."""
        if (len(words) == 2 and words[0].lower() in common_words() and not self.by_first.get(key(words[0]))
                and (self.by_surname.get(key(words[1])) or first_name_key(words[0]) not in first_name_genders())):
            return words[1:]
        return words

    def _find_or_add(self, words: list[str]) -> Person:
        surname = key(words[-1])
        same = self.by_surname.get(surname, [])
        if len(words) == 1:
            if same:
                return same[0]
            first = self._by_first_name(surname)
            if first:
                return first  # "Sir Digby" after "Sir Digby Jones"
        for person in same:
            known = person.name.split()
            if len(known) == 1 or _compatible(known, words):
                if len(words) > len(known):
                    person.name = " ".join(words)
                    self.by_first[key(words[0])].append(person)
                return person
        person = Person(" ".join(words))
        self.by_surname[surname].append(person)
        if len(words) > 1:
            self.by_first[key(words[0])].append(person)
        return person

    def _by_first_name(self, word_key: str) -> Person | None:
        """The one name this word opens: "Digby" for Sir Digby Jones, "Ban" for Ban Ki-moon."""
        first = self.by_first.get(word_key, [])
        return first[0] if len(first) == 1 else None

    def canonical(self, raw: str) -> str | None:
        """The fullest form of a name as this article gives it."""
        words, _ = split_name(raw)
        while words and words[0].lower() in NOT_NAMES:
            words = words[1:]
        if not words:
            return None
        words = self._without_ordinary_word(words)
        surname = key(words[-1])
        for person in self.by_surname.get(surname, []):
            if len(words) == 1 or _compatible(person.name.split(), words):
                return person.shown
        if len(words) == 1:
            first = self._by_first_name(surname)
            if first:
                return first.shown
            if is_ordinary_word(words[0]):
                return None  # "Amid what the Times called ...": an ordinary word nobody here is called
        return " ".join(words)

    def is_known_person(self, word: str) -> bool:
        for person in self.by_surname.get(key(word), []):
            if person.titled or (len(person.name.split()) >= 2 and is_person_like(person.name)):
                return True
        # "Bob said he ...": a first name alone, as a pseudonym or a child is named, is someone;
        # not when it heads a body's name here ("Washington" beside "Washington Post").
        return (first_name_key(word) in first_name_genders() and not is_ordinary_word(word)
                and all(is_person_like(p.name) for p in self.by_first.get(key(word), []) if len(p.name.split()) > 1))

    def last_person_before(self, p: int, offset: int, since: tuple[int, int] | None = None,
                           gender: str | None = None) -> str | None:
        """The person named last before (p, offset); with `gender`, the last one who may be
        "he" ("m") or "she" ("f")."""
        best = None
        for mp, mo, person in self.mentions:
            if (mp, mo) >= (p, offset):
                break
            if since and (mp, mo) < since:
                continue
            if is_person_like(person.name, self) and not (gender and person.gender not in (None, gender)):
                best = person
        return best.shown if best else None

    def named_with(self, word: str, before: tuple[int, int]) -> str | None:
        """The latest name before `before` with `word` in it: "the board" -> "Illinois Board of Elections"."""
        best = None
        for mp, mo, person in self.mentions:
            if (mp, mo) >= before:
                break
            if word in person.name.lower().split() and len(person.name.split()) > 1:
                best = person
        return best.shown if best else None

    def gender_of(self, name: str) -> str | None:
        words = name.split()
        for person in self.by_surname.get(key(words[-1]), []) if words else []:
            if person.shown == name or person.name == name:
                return person.gender
        return None

    def matching(self, words: set[str], before: tuple[int, int], group: bool = False) -> str | None:
        """The person (or, with `group`, the group) mentioned before `before` whose titles and
        roles share the most of `words`."""
        best, best_score = None, 0
        nationality = words & DEMONYMS
        for mp, mo, person in self.mentions:
            if (mp, mo) >= before:
                break
            if is_person_like(person.name, self) == group:
                continue
            if nationality and not nationality & person.attributes:
                continue  # "the Russian leader" is not a leader known to be Ukrainian
            score = len(words & person.attributes)
            if score >= best_score and score > 0:
                best, best_score = person, score
        return best.shown if best else None


_PARTY_TAG = re.compile(r"[RDI]-[A-Z]")
_OWNER = re.compile(r"(.+?)['’]s?\s+(?=\S)")
_TOKEN = re.compile(r"[\w'’\-]+|[^\w\s]")
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+([^,.;:]{1,80})")
_APPOSITION_WORD = re.compile(r"[\w\-]+")


def _opens_sentence(text: str, offset: int) -> bool:
    """After a sentence's end (and its closing mark), an opening mark or a dash, or at the start."""
    before = text[max(0, offset - 4):offset].rstrip()
    if not before:
        return True
    last = before[-1]
    return last in _OPENERS or (last in "\"”’'" and before[-2:-1] in (".", "!", "?"))


_OPENERS = frozenset(".!?\"“‘—–-")


def _opening_participle(raw: str, text: str, offset: int) -> bool:
    """ "Speaking at a town hall, ...", "Holding signs, ...": a sentence opened by a participle,
    not by someone called Speaking. ("Manning said" is a name: a verb follows it.)"""
    if " " in raw or len(raw) < 6 or not raw.endswith("ing"):
        return False
    at_start = _opens_sentence(text, offset)
    nxt = re.match(r"\s+([a-z]+)", text[offset + len(raw):offset + len(raw) + 20])
    return at_start and bool(nxt) and nxt.group(1) not in _SPEECH_WORDS


_SPEECH_WORDS = {"said", "says", "told", "added", "wrote", "asked", "replied", "insisted", "argued", "was", "is", "has", "had"}


def _compatible(known: list[str], words: list[str]) -> bool:
    """Is `words` a form of the name `known`? ("Vladimir Putin" / "Putin" yes; "Male MPs" / "Women MPs" no)."""
    a, b = [key(w) for w in known], [key(w) for w in words]
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long[-len(short):] == short or (short[0] == long[0] and short[-1] == long[-1])


def _roles_before(text: str, offset: int) -> list[str]:
    """Role words just before a name: "race director Matthew Turnbull", "Tory co-chairman Liam Fox"."""
    out = []
    for w in reversed(_TOKEN.findall(text[max(0, offset - 60):offset])[-4:]):
        lw = w.lower()
        if lw.endswith(("'s", "’s")):
            lw = lw[:-2]
        if lw not in TITLES and lw not in AFFILIATIONS and lw not in DEMONYMS and lw not in ROLE_WORDS:
            break
        out.append(lw)
    return out


def _apposition_after(text: str, end: int) -> list[str]:
    """Words of an apposition right after a name: "William Taylor, a former US ambassador to Kyiv,"."""
    if text[end:end + 1] != ",":
        return []
    m = _APPOSITION.match(text, end, end + 100)
    return [w.lower() for w in _APPOSITION_WORD.findall(m.group(1))] if m else []
