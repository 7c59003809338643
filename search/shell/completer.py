"""Tab completion for the query line.

What to offer is decided by `suggest(text_before_cursor)`, a pure function
(as litecli's `suggest_type`), and turned into prompt-toolkit completions by
`QueryCompleter`: meta-command names after `:`, field names and aliases after a
space or `(`, speaker names after `speaker:`, source labels after `source:`.
The names come from the index, loaded once and reloaded after re-indexing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from prompt_toolkit.completion import Completer, Completion

from . import commands

FIELDS = ["speaker:", "source:", "title:", "quote:", "date:", "text:", "article:"]
ALIASES = ["by:", "said:", "who:", "outlet:", "publisher:"]
OPERATORS = ["AND", "OR", "NOT"]
SPEAKER_FIELDS = ("speaker", "by", "said", "who")
SOURCE_FIELDS = ("source", "outlet", "publisher")


@dataclass
class Suggestion:
    kind: str  # "command", "field", "speaker", "source" or "" (nothing to offer)
    prefix: str  # what has been typed of the item
    quoted: bool = False  # the value was opened with a quote mark


def suggest(text: str) -> Suggestion:
    """What the word before the cursor can become."""
    if re.fullmatch(r"\s*[:\\]\w*", text):
        return Suggestion("command", text.strip()[1:])
    # field:value, or field:"an unfinished quoted value (spaces allowed)
    m = re.search(r'(?:^|[\s(])(\w+):(?:"([^"]*)|(\S*))$', text)
    if m:
        field = m.group(1).lower()
        quoted = m.group(2) is not None
        value = m.group(2) if quoted else m.group(3)
        if field in SPEAKER_FIELDS:
            return Suggestion("speaker", value, quoted)
        if field in SOURCE_FIELDS:
            return Suggestion("source", value, quoted)
        return Suggestion("", value)
    m = re.search(r"(?:^|[\s(])([A-Za-z]*)$", text)
    if m and not commands.is_command(text):
        return Suggestion("field", m.group(1))
    return Suggestion("", "")


def matching_names(names: list[str], prefix: str) -> list[str]:
    """Names any of whose words starts with `prefix` ("put" -> "Vladimir Putin"), best first."""
    p = prefix.lower()
    starts = [n for n in names if n.lower().startswith(p)]
    inside = [n for n in names if n not in starts and any(w.lower().startswith(p) for w in re.split(r"[\s\-]+", n))]
    return starts + inside


class QueryCompleter(Completer):
    """Completions from the index's speakers and sources; `names(field)` supplies them."""

    def __init__(self, names: Callable[[str], list[str]]):
        self._names = names

    def get_completions(self, document, complete_event):
        s = suggest(document.text_before_cursor)
        if s.kind == "command":
            for name in commands.names():
                if name.startswith(s.prefix.lower()):
                    yield Completion(name, start_position=-len(s.prefix), display=":" + name)
        elif s.kind == "field":
            for word in FIELDS + ALIASES + OPERATORS:
                if word.lower().startswith(s.prefix.lower()) and (s.prefix or word.endswith(":")):
                    yield Completion(word, start_position=-len(s.prefix))
        elif s.kind in ("speaker", "source"):
            typed = len(s.prefix) + (1 if s.quoted else 0)
            for name in matching_names(self._names(s.kind), s.prefix):
                text = f'"{name}"' if (" " in name or s.quoted) else name
                yield Completion(text, start_position=-typed, display=name)
