"""Syntax highlighting of the query line: fields, phrases, operators, fuzzy terms, ranges."""

from __future__ import annotations

import re

from prompt_toolkit.lexers import Lexer
from prompt_toolkit.styles import Style

_TOKENS = re.compile(
    r"""(?P<command>^\s*[:\\]\w*)
      | (?P<phrase>"[^"]*"?)
      | (?P<range>\[[^\]]*\]?|\{[^}]*\}?)
      | (?P<operator>\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b)
      | (?P<field>\b\w+:)
      | (?P<paren>[()])
      | (?P<fuzzy>[^\s()"]+~\d*(?:/\d+)?)
      | (?P<wildcard>[^\s()"]*[*?][^\s()"]*)
    """,
    re.X,
)

STYLE = Style.from_dict({
    "command": "ansiyellow bold",
    "phrase": "ansigreen",
    "range": "ansiblue",
    "operator": "ansimagenta bold",
    "field": "ansicyan bold",
    "paren": "bold",
    "fuzzy": "ansiblue",
    "wildcard": "ansiblue",
    "bottom-toolbar": "noreverse bg:#222222 #aaaaaa",
})


def fragments(line: str) -> list[tuple[str, str]]:
    """(style class, text) pieces of one line; plain text has the class ''."""
    out, last = [], 0
    for m in _TOKENS.finditer(line):
        if m.start() > last:
            out.append(("", line[last:m.start()]))
        out.append((f"class:{m.lastgroup}", m.group()))
        last = m.end()
    if last < len(line):
        out.append(("", line[last:]))
    return out


class QueryLexer(Lexer):
    def lex_document(self, document):
        lines = document.lines

        def get_line(number: int):
            return fragments(lines[number]) if number < len(lines) else []

        return get_line
