"""What every `search` command shares: the one-line errors, exit statuses, common
options, and how output and notes are written."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_FOUND, EXIT_NONE, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class Failure(click.ClickException):
    """A one-line error, exit status 2."""

    exit_code = EXIT_ERROR

    def show(self, file=None):
        click.echo(f"search: {self.format_message()}", err=True)


def _one_line_usage_error(self, file=None):
    """Usage errors in one line, as every other error ("search: ..."), exit status 2."""
    hint = f" (see `{self.ctx.command_path} --help`)" if self.ctx else ""
    click.echo(f"search: {self.format_message()}{hint}", err=True)


click.exceptions.UsageError.show = _one_line_usage_error
# A query may start with "-" ("-putin" is NOT putin): unknown options are query words.
QUERY_CONTEXT = dict(CONTEXT, ignore_unknown_options=True)


def index_option(f):
    return click.option(
        "--index", "index_dir", type=click.Path(path_type=Path), envvar="SEARCH_INDEX", default="index",
        show_default=True, show_envvar=True, help="The index folder.",
    )(f)


def color_option(f):
    return click.option(
        "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
        help="Colour the matches: auto means on a terminal, unless NO_COLOR is set or TERM=dumb.",
    )(f)


@contextmanager
def one_line_errors():
    """What the core refuses (a bad query, a missing or damaged index) as a one-line error."""
    from ..searcher import SearchError

    try:
        yield
    except SearchError as e:
        raise Failure(str(e)) from None


def open_searcher(index_dir: Path):
    from ..searcher import Searcher

    with one_line_errors():
        return Searcher(index_dir)


def echo_lines(lines, err: bool = False) -> None:
    # `render.Style` has already decided on colour (and made the text safe); click
    # must not second-guess it.
    for line in lines:
        click.echo(line, err=err, color=True)


def echo_notes(notes) -> None:
    from ..render import safe

    for note in notes:
        click.echo(f"search: {safe(note)}", err=True)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def listing_options(f):
    """--all, --count and --files-with-matches, shared by `query` and `quotes`."""
    f = click.option("-l", "--files-with-matches", "files_only", is_flag=True,
                     help="Print only the files that match, best first, each once.")(f)
    f = click.option("-c", "--count", "count_only", is_flag=True, help="Print only the number of matches (exact).")(f)
    f = click.option("-a", "--all", "every", is_flag=True,
                     help="Every match, streamed as it is found (the same as --limit 0).")(f)
    return f


def date_range_options(f):
    """--since and --until, for the commands that count over time."""
    f = click.option("--until", metavar="DATE", help="Up to this date.")(f)
    return click.option("--since", metavar="DATE", help="From this date on (YYYY-MM-DD, YYYY-MM or YYYY).")(f)


def with_dates(query: str | None, since: str | None, until: str | None) -> str | None:
    """A query with a date range ANDed to it: `--since 2016-01` is `date:[2016-01 TO]`."""
    if not since and not until:
        return query
    bounds = f"date:[{since or ''} TO {until or ''}]"
    return f"({query}) {bounds}" if query else bounds
