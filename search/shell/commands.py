"""The shell's meta-commands: one registry, which also writes `:help`.

A command is a function `(shell, argument) -> None`, registered with
`@command(name, *aliases, args=..., help=...)`. Type them with a leading `:`
(or `\\`, as in psql): `:open 3`, `:who "no deal"`, `\\q`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .repl import Shell

PREFIXES = (":", "\\")


@dataclass
class Command:
    name: str
    aliases: tuple[str, ...]
    args: str
    help: str
    run: Callable[[Shell, str], None]


REGISTRY: dict[str, Command] = {}
_BY_NAME: dict[str, Command] = {}


def command(name: str, *aliases: str, args: str = "", help: str):
    def register(func: Callable[[Shell, str], None]):
        cmd = Command(name, aliases, args, help, func)
        REGISTRY[name] = cmd
        for n in (name, *aliases):
            _BY_NAME[n] = cmd
        return func

    return register


def is_command(line: str) -> bool:
    return line.lstrip().startswith(PREFIXES)


def split(line: str) -> tuple[str, str]:
    """':open 3' -> ('open', '3')."""
    body = line.lstrip()[1:]
    name, _, arg = body.partition(" ")
    return name.strip().lower(), arg.strip()


def lookup(name: str) -> Command | None:
    return _BY_NAME.get(name)


def names() -> list[str]:
    return sorted(_BY_NAME)


def help_lines() -> list[str]:
    rows = []
    for cmd in REGISTRY.values():
        usage = ":" + cmd.name + (" " + cmd.args if cmd.args else "")
        aliases = ", ".join(":" + a for a in cmd.aliases)
        rows.append((usage, cmd.help + (f" ({aliases})" if aliases else "")))
    width = max(len(u) for u, _ in rows)
    lines = ["Type a query to search (see :help syntax). Commands start with : (or \\):", ""]
    lines += [f"  {u.ljust(width)}  {h}" for u, h in rows]
    lines += ["", "Keys: Tab completes, Ctrl-R searches history, Ctrl-C clears the line, Ctrl-D quits, F4 switches vi/emacs."]
    return lines


SYNTAX_HELP = [
    "Query syntax (Whoosh's); all words are required:",
    "  ceasefire                  a word, stemmed: also ceasefires",
    '  "no deal"                  a phrase',
    "  putin AND NOT trump        AND OR NOT, and ( )",
    "  speaker:putin              passages quoting someone (by:, said:); any spelling",
    "  source:bbc  outlet:bbc     one outlet; also title:, quote:",
    "  sanctons~  zelensk*        fuzzy, wildcard",
    "  date:[2025-08-01 TO 2025-08-31]",
]


# ---------------------------------------------------------------- the commands


@command("help", "h", "?", args="[syntax]", help="This list; `:help syntax` for the query language")
def _help(shell: Shell, arg: str) -> None:
    shell.show(SYNTAX_HELP if arg.strip().lower() == "syntax" else help_lines())


@command("quit", "q", "exit", help="Leave the shell (or Ctrl-D)")
def _quit(shell: Shell, arg: str) -> None:
    shell.running = False


@command("next", "n", help="The next page of hits")
def _next(shell: Shell, arg: str) -> None:
    shell.turn_page(+1)


@command("prev", "p", help="The previous page of hits")
def _prev(shell: Shell, arg: str) -> None:
    shell.turn_page(-1)


@command("open", "o", args="N", help="The whole article of hit N, matches highlighted, quotations marked with their speaker")
def _open(shell: Shell, arg: str) -> None:
    shell.open_hit(arg)


@command("who", "quotes", args="QUERY", help="Who said it: quotations matching QUERY, each with every outlet that carried it")
def _who(shell: Shell, arg: str) -> None:
    shell.who(arg)


@command("where", args="[QUERY]", help="Who is quoted where: speakers by outlet, of quotations matching QUERY or of the index")
def _where(shell: Shell, arg: str) -> None:
    shell.where(arg)


@command("timeline", args="QUERY|speaker:NAME", help="Passages matching QUERY (or a speaker's quotations) per week, by outlet")
def _timeline(shell: Shell, arg: str) -> None:
    shell.timeline(arg)


@command("speakers", args="[QUERY|*]", help="Speakers with counts: of the last search, of quotations matching QUERY, or (*) of the index")
def _speakers(shell: Shell, arg: str) -> None:
    shell.speakers(arg)


@command("sources", args="[QUERY|*]", help="Sources with counts: of the last search, of passages matching QUERY, or (*) of the index")
def _sources(shell: Shell, arg: str) -> None:
    shell.sources(arg)


@command("explain", args="[QUERY]", help="The query as the engine runs it (the last one by default)")
def _explain(shell: Shell, arg: str) -> None:
    shell.explain(arg)


@command("stats", help="What the index holds")
def _stats(shell: Shell, arg: str) -> None:
    shell.stats()


@command("sort", args="score|date", help="Rank hits by relevance or newest first")
def _sort(shell: Shell, arg: str) -> None:
    shell.set_sort(arg)


@command("limit", args="N|auto", help="Hits per page (auto: as many as fit the window)")
def _limit(shell: Shell, arg: str) -> None:
    shell.set_limit(arg)
