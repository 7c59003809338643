"""Speaker choice: who the words of a cue stand for, given the article read so far.

`Discourse` is what a reader keeps in mind going down the article: the person
the text is about (what "he" and "she" mean), the organisation ("it"), the one
who just reported something without quotation marks. `resolve` turns a cue's
words into a name: pronouns by gender and recency, descriptions ("the Russian
leader") to a person named before who fits them, and any name to its fullest
form in the article ("Ms Hewitt" -> "Patricia Hewitt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import clause_subject, sentence_subject
from .cues import Cue
from .names import AFFILIATIONS, CROWD_NOUNS, DEMONYMS, is_ordinary_word, is_org_like, is_person_like, is_place
from .people import People
from .reporting import THINGS, is_description, name_in_description, without_determiner


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

    def set_speaker(self, name: str, named: bool) -> None:
        """The speaker of the sentence just read; `named` when the cue named them ("Cruz said")
        rather than by a pronoun or a guess. One word that speaks by name is someone, though the
        article never gives a first name: what "he said" means next."""
        self.set_subject(name)
        if named and self.person != name and _may_be_someone(name):
            self.person = name


# "Democrats said", "Officials said": many speak, not one "he".
GROUP_WORDS = AFFILIATIONS | CROWD_NOUNS | DEMONYMS


def _may_be_someone(name: str) -> bool:
    """One capitalised word that may be a person's surname: not a body, a place, an ordinary
    word or a group."""
    return (" " not in name and name[:1].isupper() and not is_org_like(name) and not is_place(name)
            and not is_ordinary_word(name) and name.lower() not in GROUP_WORDS)


def speaker_of(found: Cue, state: Discourse, p: int) -> tuple[str | None, str]:
    """(speaker, how it was found) for a cue found in paragraph `p`, resolved against the discourse."""
    if found.refers == "named":
        return state.people.last_person_before(p, found.sentence_start) or state.person, found.how
    speaker = resolve(found.subject, state, p, found.at, found.sentence_start) if found.subject else None
    if found.refers == "sentence":
        # Words about someone's words with no one to give them to are no cue at all.
        speaker = speaker or state.subject
        return (speaker, found.how) if speaker else (None, "")
    return speaker, found.how


def subject_of(sentence: str, state: Discourse, p: int, offset: int) -> str | None:
    """The resolved subject of a sentence that starts at `offset` of paragraph `p`."""
    return _resolved(sentence_subject(sentence), sentence, state, p, offset)


def clause_speaker(before: str, state: Discourse, p: int, offset: int) -> str | None:
    """The person whose clause a quotation with no reporting verb stands in (`before` is the
    clause up to it, from `offset`): the likeliest one whose words they are."""
    person = _resolved(clause_subject(before), before, state, p, offset)
    return person if person and is_person_like(person, state.people) else None


def _resolved(subj: str | None, text: str, state: Discourse, p: int, offset: int) -> str | None:
    return resolve(subj, state, p, offset + text.find(subj), offset) if subj else None


def resolve(subj: str, state: Discourse, p: int, offset: int, sentence_start: int) -> str | None:
    """The person or organisation the words `subj` (at `offset` of paragraph `p`) stand for."""
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
    if is_description(subj):
        named = name_in_description(subj)
        if named:
            return state.people.canonical(named)  # "the official Xinhua News Agency"
        return resolve_description(subj, state, p, offset, sentence_start)
    name = state.people.canonical(subj)
    # "At the town hall in Hudson, New Hampshire Monday, the Christie supporter retorted:": where
    # it was said, not who said it.
    return None if name and is_place(name) else name


_OWNER_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}


def resolve_description(desc: str, state: Discourse, p: int, offset: int, sentence_start: int) -> str:
    """ "the Russian leader" -> a person named before who fits it; "a spokeswoman" -> itself."""
    words = [w.lower() for w in re.findall(r"[\w'’\-]+", desc)]
    bare = without_determiner(desc)
    if words[0] in ("a", "an", "another", "one"):
        return bare  # an indefinite description brings in someone new
    head = words[-1] if not re.search(r"\b(?:to|of|for|at)\b", desc) else words[words.index(next(w for w in words if w in ("to", "of", "for", "at"))) - 1]
    if head in THINGS and words[0] in _OWNER_PRONOUNS:
        # "she revised her statement explaining ...": her statement's words are hers.
        return resolve(_OWNER_PRONOUNS[words[0]], state, p, offset, sentence_start) or bare
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
