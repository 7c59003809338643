"""Whose verb is it: the subject of a reporting verb, read on plain strings.

Before a quotation, `cue_before` finds the subject of the last (or first)
reporting verb ("Eric Green, who worked in ..., said", "the one the clause is
about" for ", saying"); after it, `subject_after` reads ", he said" / ", said race
director Matthew Turnbull"; `sentence_subject` and `clause_subject` say what a
sentence or a clause is about. They return words as written; who those words
stand for is `speakers.py`'s question.
"""

from __future__ import annotations

import re

from .names import NOT_NAMES, is_clearly_person, is_org_like, is_person_like, is_possessive
from .reporting import (AUX, DESCRIPTION_RE, DETERMINER_ONLY, IN_CLAUSE, INVERTING, NAME, NAME_RE, OBJECT_VERBS,
                        PRONOUN, REPORTING_VERBS, SUBJECT, SUBJECT_AT_END, THINGS, VERB, DESCRIPTION, verbs_in)

# "Filling in for Sanders at the event where Clinton and O'Malley appeared Sunday, West landed ...":
# a sentence opened by a participle has its subject after the participle's clause.
_participle_intro = re.compile(r"\W*[A-Z][a-z]+ing\b[^,;:\"“”]{0,200},\s+")
_intro = re.compile(r"^\W*(?:(?:But|And|So|Yet|Still|Now|Then|However|Meanwhile|Earlier|Later|Also|Instead)\b,?\s+)?(?:[^,]{1,80},\s+(?=[A-Z]))?")
_passive = re.compile(r"\b(?:was|were|been|being|is|are)\s+$")
_apposed = re.compile(rf"(?P<subj>{SUBJECT})\s*,[^,]{{1,100}},\s*{AUX}")
_few_words = re.compile(r"(?:[\w'’\-&]+\s+){0,6}")
_function_word = re.compile(r"\b(?:the|a|an|that|which|who)\b")
_conjunction = re.compile(r"\s*(?:and|but|or|while|as|when|because)\b")
_desc_then_name = re.compile(rf"\s*(?P<desc>{DESCRIPTION})[^,]{{0,60}},\s+(?P<name>{NAME})\s*(?:[,.;]|$)")
# "said Rubio's deputy campaign manager, Rich Beeson, who ...": the owner's someone, then who.
_owner_then_name = re.compile(rf"\s*{NAME}['’]s?(?:\s+[a-z][\w\-]*){{1,5}}\s*,\s+(?P<name>{NAME})\s*(?:[,.;]|$)")
_clause_end = re.compile(r",|\bwho\b|\bwhich\b|\bin an?\b|\bon\b|\bat\b|\bafter\b|\bwhen\b|\bduring\b|\bbefore\b|\bwhile\b|\bsince\b")
_desc_or_pronoun = re.compile(rf"(?P<subj>{DESCRIPTION}|{PRONOUN})\b")
_and_but_end = re.compile(r"\b(?:and|but)\s+$")
_name_comma_end = re.compile(rf"(?P<name>{NAME}),\s*$")
_name_described_end = re.compile(rf"(?P<name>{NAME}),\s+(?:the|a|an)\s+(?:[a-z][\w\-]*\s+){{0,3}}$")
_name_of_end = re.compile(rf"(?P<name>{NAME})(?P<link>\s*,|\s+of|\s+at|\s+from)\s+$")
_person_described_before = re.compile(rf"(?P<name>{NAME})(?:\s+(?:of|from)\s+{NAME})?\s*,\s+(?:the|a|an)\s+[^,]{{0,100}}$")
_name_of_the_end = re.compile(rf"(?P<name>{NAME})(?P<link>\s+of)\s+(?:the\s+)?$")
_person_of_town = re.compile(rf"(?P<name>{NAME})\s+(?:of|from)\s+{NAME}\s*,\s*$")
_part_subject = re.compile(rf"\W*(?:(?:But|And|So|Yet)\s+)?(?P<subj>{SUBJECT})")
_leading_subject = re.compile(rf"\W*(?P<subj>{SUBJECT})")
_SUBJECT_VERB = re.compile(rf"(?:[a-z][\w'’\-]*\s+){{0,3}}?(?P<subj>{SUBJECT})(?:\s*,[^,]{{1,200}},)?\s+{AUX}(?P<verb>[a-z]+)\b")


def sentence_subject(sentence: str) -> str | None:
    """The words naming a sentence's subject, if it opens with a name, description or pronoun."""
    intro = _participle_intro.match(sentence) or _intro.match(sentence)
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


_after_verb_first = re.compile(rf"^[\s,.;:!?\-–—…]*(?P<verb>{INVERTING})\b(?P<rest>{IN_CLAUSE}*)")
_after_subject_first = re.compile(rf"^[\s,.;:!?\-–—…]*(?P<pre>{IN_CLAUSE}{{0,80}}?)\s*\b(?P<verb>{VERB})\b")


def subject_after(after: str) -> str | None:
    """`, he said` / `," said race director Matthew Turnbull, who ...` / `," Mr Eddington said.`"""
    m = _after_verb_first.match(after)
    if m and m.group("verb") not in OBJECT_VERBS:
        return inverted_subject(m.group("rest"))
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
        found = SUBJECT_AT_END.search(pre + " ")
        if found and (found.start() == 0 or _only_roles(pre[:found.start()]) or DETERMINER_ONLY.match(pre[:found.start()].strip())):
            return _person_before_org(pre[:found.start()], found.group("subj"))
    return None


def _only_roles(words: str) -> bool:
    """ "chairman and chief executive" / "BA chairman": a role standing before a name. Not
    '" and Donald Trump says': a conjunction right after the quotation opens another clause."""
    return bool(_few_words.fullmatch(words)) and not _function_word.search(words) and not _conjunction.match(words)


def inverted_subject(rest: str) -> str | None:
    """The subject after an inverted verb: "said Andrea Kendall-Taylor, at the Center ...",
    "said its chairman, Sir Anthony Greener"."""
    m = _desc_then_name.match(rest) or _owner_then_name.match(rest)
    if m and is_person_like(m.group("name")):
        return m.group("name")
    rest = _clause_end.split(_parenthesis.sub(" ", rest), 1)[0].strip()
    if not rest:
        return None
    m = _desc_or_pronoun.match(rest)
    if m:
        named = _name_next.match(rest, m.end())
        if named and DESCRIPTION_RE.fullmatch(m.group("subj")) and is_person_like(named.group("name")):
            return named.group("name")  # "added his campaign manager Jeff Weaver"
        return m.group("subj")
    # "Sen. Maria Cantwell of Washington": what follows a preposition is where they are from.
    names = [m.group() for m in NAME_RE.finditer(rest) if not _affiliation_before.search(rest[:m.start()])]
    return names[-1] if names else None


_apposed_name = re.compile(rf",\s*(?P<name>{NAME})\s*,\s*{AUX}$")
_name_next = re.compile(rf"\s+(?P<name>{NAME})\s*$")
_parenthesis = re.compile(r"\([^()]{0,40}(?:\)|$)")
_affiliation_before = re.compile(r"\b(?:of|at|for|from|in|with|on)\s+(?:the\s+)?$")


def cue_before(before: str, first: bool = False) -> str | None:
    """The subject of the last (or first) reporting verb before the quotation in its sentence."""
    m = _asked_by.search(before)
    if m and not first:
        return m.group("subj")  # "Sanders was asked by host Bill Maher, ...: "...""
    # "Lynch, who told Congress when asked about the inquiry:": "asked" there has no subject of its own.
    verbs = [v for v in verbs_in(before) if _is_verb(before, v) and not _reduced_clause.search(before, max(0, v.start() - 20), v.start())]
    if not verbs:
        return None
    v = verbs[0] if first else verbs[-1]
    left = before[:v.start()]
    if not re.search(r"[^\W•]", left) and v.group() not in OBJECT_VERBS:
        # '"A," said Stephanie Formas, Clinton's director, "and B."': only a quotation before
        # the verb, so its subject follows it.
        return inverted_subject(before[v.end():])
    participle = v.group().endswith("ing")
    joined = _and_but_end.search(left)
    if participle and joined and len(verbs) > 1 and verbs[-2].group().endswith("ing") and not first:
        return cue_before(left[:joined.start()])  # "with Trump tweeting that ... and asking, "...""
    if participle and left.rstrip().endswith(",") and len(verbs) > 1:
        # '"...," he said, insisting he enjoyed a "warm" relationship': the subject of "said".
        return cue_before(left.rstrip()[:-1])
    if participle and len(verbs) > 1 and not first and not verbs[-2].group().endswith("ing"):
        # 'Thiel wrote in a statement to Wired explaining why': whoever wrote, not Wired.
        return cue_before(before[:verbs[-2].end()])
    if participle and (left.rstrip().endswith((",", "”", '"')) or _thing_at_end.search(left)):
        # "Sen. Bernie Sanders (I-Vt.) visited ... his rival, Hillary Clinton, saying" and "Trump
        # issued a statement saying": the one the clause is about, not the nearest name.
        main = _main_subject(left)
        if main:
            return main
    m = _relative.search(left)
    if m:
        return _relative_subject(left[:m.start()])
    m = SUBJECT_AT_END.search(left + " " if not left.endswith(" ") else left)
    if m and not left.rstrip().endswith(","):
        return _person_before_org(left[:m.start()], m.group("subj"))
    if joined:
        if len(verbs) > 1 and not first:
            # "He said that Clinton is playing ... and said that Rubio is": whoever said the first.
            earlier = cue_before(left[:joined.start()])
            if earlier:
                return earlier
        return _main_subject(left) or _first_subject(before)  # a second verb of the sentence's subject
    return _apposition_subject(left.rstrip()) or _main_subject(before[:v.end()]) or _first_subject(before)


_asked_by = re.compile(rf"\b(?:was|were|is|are|been|being)\s+(?:asked|told|pressed|questioned)\s+by\s+(?:[a-z]+\s+){{0,2}}?(?P<subj>{NAME}|{DESCRIPTION})(?:\s*,[^,]{{0,120}},)?\s*[:,]?\s*$")
_relative = re.compile(rf",?\s+who\s+{AUX}$")
_reduced_clause = re.compile(r"\b(?:when|while|after|before|once|if|unless|until)\s+(?:being\s+|first\s+)?$", re.IGNORECASE)


def _is_verb(text: str, v: re.Match) -> bool:
    """Is this reporting word a verb here? Not after "was" (passive: "she was told"), and a
    present-tense form only right after its subject ("Labour's six new pledges" is a noun)."""
    left = text[:v.start()]
    if _passive.search(left[-20:]) or _owner_before.search(left[-8:]):
        return False  # "she was told"; "Donald Trump's continued appeal" (a word after an owner is no verb)
    if v.group().endswith("s") and v.group() != "says":
        # "A top strategist, John Weaver, tells reporters": an apposition's comma may come between.
        left = left.rstrip()
        left = (left[:-1] if left.endswith(",") else left).rstrip() + " "
        m = SUBJECT_AT_END.search(left)
        # "Clinton's remarks" is a noun after its owner; "the Paris attacks" and "his anti-Muslim
        # remarks" nouns after a determiner.
        return (bool(m) and m.group("subj").lower() not in NOT_NAMES and not is_possessive(m.group("subj"))
                and not _determiner_before.search(left[:m.start()]))
    return True


def _relative_subject(left: str) -> str | None:
    """The antecedent of "who": "the position of Trump, who had said" -> Trump; "John McLaughlin,
    the former acting director of the CIA, who told me" -> John McLaughlin."""
    left = left.rstrip(" ,")
    m = SUBJECT_AT_END.search(left + " ")
    if not m:
        return None
    subj = m.group("subj")
    named = (_name_comma_end.search(left[:m.start()]) if DESCRIPTION_RE.fullmatch(subj)
             # "Sen. Dianne Feinstein, the ranking Democrat, who said": a description ending in capitals.
             else _name_described_end.search(left[:m.start()]))
    if not named and is_org_like(subj):
        # "Sen. Dianne Feinstein of California, the ranking Democrat on the Senate Intelligence
        # Committee, who said": who speaks is the person the body's description is about.
        named = _person_described_before.search(left[:m.start()])
    if named and is_person_like(named.group("name")):
        return named.group("name")
    return subj


def _person_before_org(left: str, subj: str) -> str:
    """ "Colin Asplin, Blackpool Hotel Association said", "Nick Van den Brul of BNP Paribas said",
    "House Speaker Paul D. Ryan of Wisconsin lamented": the person, not the organisation they
    speak for or the place they come from ("Stacy Baker of Columbia, South Carolina says")."""
    m = _person_of_town.search(left)
    if m and is_person_like(m.group("name")):
        return m.group("name")
    m = _name_of_end.search(left)
    # "Archbishop Aris Shirvanian of the Armenian Patriarchate of Jerusalem": past a body, to whose it is.
    while m and not is_clearly_person(m.group("name")) and m.group("link").strip() == "of":
        further = _name_of_the_end.search(left, 0, m.start())
        if not further or not is_clearly_person(further.group("name")):
            break
        m = further
    if not m or not is_person_like(m.group("name")):
        return subj
    if is_org_like(subj) or (m.group("link").strip() in ("of", "from") and is_clearly_person(m.group("name"))):
        return m.group("name")
    return subj


_opening_preposition = re.compile(r"\W*(?:Of|On|In|At|For|From|About|To|With|As for|Like|Unlike|After|Before)\s")
_described_name = re.compile(rf"\W*(?:[Tt]he\s+|[Aa]n?\s+)?(?:[\w'’\-]+\s+){{1,5}}?(?P<subj>{NAME})")


def _apposition_subject(left: str) -> str | None:
    """ "Eric Green, who worked in ..., said" -> Eric Green; "The Shadow Secretary of State
    for the Family, Theresa May, said" -> Theresa May; "Colin Asplin, Blackpool Hotel
    Association said" -> Colin Asplin."""
    parts = [s.strip() for s in left.rstrip(",").split(",")]
    candidates = []
    for part in parts:
        if _opening_preposition.match(part):
            continue  # "Of Carson, Levine, who has given money to Rubio, said": what about, not who
        m = _part_subject.fullmatch(part)
        if m:
            candidates.append(m.group("subj"))
            continue
        # "The Nobel-winning Peruvian novelist Mario Vargas Llosa": a person after what they are.
        m = _described_name.fullmatch(part)
        if m and is_person_like(m.group("subj")):
            candidates.append(m.group("subj"))
    if not candidates:
        return None
    people = [c for c in candidates if NAME_RE.fullmatch(c) and not is_org_like(c)]
    return people[0] if people else candidates[0]


def _main_subject(text: str) -> str | None:
    """The subject of the clause's finite verb: the first name, description or pronoun that a
    verb follows (after an apposition or a parenthesis), not one after a preposition.
    "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush" -> Trump."""
    for m in _subject_then_verb.finditer(text):
        subj = m.group("subj")
        if subj.lower() in ("he", "she") and _verb_like(m.group("verb"), present=False):
            return None  # "When ..., he offered his thoughts on Trump's ...": he, whoever that is
        if subj.lower() in NOT_NAMES or _preposition_before.search(text[:m.start("subj")]):
            continue
        if m.group("verb").endswith("s") and _article_before.search(text[:m.start("subj")]):
            continue  # "the Paris attacks", "the Clinton emails": a noun, not a verb
        if _verb_like(m.group("verb"), present=False):
            # "Donald Trump's continued appeal": an owner before a noun; the subject is not found.
            return None if is_possessive(subj) else subj
    return None


def _verb_like(word: str, present: bool = True) -> bool:
    """Could this word be a clause's finite verb? (No tagger: reporting verbs, common irregular
    forms, -ed, and with `present` -s.)"""
    return (word in REPORTING_VERBS or word in _FINITE or (word.endswith("ed") and len(word) > 3)
            or (present and word.endswith("s") and not word.endswith("ss") and len(word) > 3))


_subject_then_verb = re.compile(rf"(?<![\w'’.])(?P<subj>{SUBJECT})(?:\s*\([^()]{{0,40}}\))?(?:(?:\s*,[^,]{{1,120}}){{1,3}},)?\s+{AUX}(?P<verb>[a-z]+)\b")
_preposition_before = re.compile(r"\b(?:in|at|of|on|for|with|about|from|to|by|after|before|amid|during|against|like|than|over|under|into|near|between|whom|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_owner_before = re.compile(r"[A-Za-z]['’]s?\s+$")
_article_before = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_determiner_before = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your)\s+(?:[\w]+-)?$", re.IGNORECASE)
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
