"""The `search` command: a thin click face over the indexer and the searcher.

The group and the entry point live here; each command lives in the module named
for what it does (`index`: index and check; `query`; `quotes`: quotes, speakers,
timeline; `overview`: sources and stats); what they share is in `options`.
Each command parses its options, calls the core, and hands the plain data it
gets back to `render`. Heavy modules (Whoosh, NLTK, prompt-toolkit) are imported
inside the commands that need them, so `search query` starts fast.

Exit status follows grep: 0 something found, 1 nothing found, 2 an error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import __version__
from . import index, overview, query, quotes
from .options import (CONTEXT, EXIT_ERROR, EXIT_FOUND, EXIT_INTERRUPTED, Failure, color_option, index_option,
                      silence_stdout)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # `search query said | head -1`: the reader had what it wanted. Exit quietly with
            # the status that output earned (as grep and ripgrep do), not click's 1.
            silence_stdout()
            sys.exit(EXIT_FOUND)


@click.group(cls=_Group, context_settings=CONTEXT, invoke_without_command=True,
             epilog="Run `search COMMAND --help` for the options of each command.")
@click.version_option(__version__, "-V", "--version", prog_name="search")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Search a folder of news coverage offline: who said what, where, in which outlet's words.

    \b
    Quick start:
      search index seeds/                  build ./index from the bundled articles
      search query ceasefire               ranked passages, matches highlighted
      search query 'speaker:putin "root causes"'
      search quotes --speaker putin        what Putin said, across sources
      search                               the interactive shell (on a terminal)

    With no command, `search` opens the shell; with input piped in, it runs one
    query per line.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(shell)


@click.command("shell", context_settings=CONTEXT)
@index_option
@click.option("--vi", is_flag=True, help="Vi key bindings instead of Emacs ones.")
@color_option
def shell(index_dir=None, vi=False, color="auto"):
    """The interactive search shell (the default command).

    Type a query to search; :help lists the commands. With input piped in, each
    line is a query and the results are printed plainly.
    """
    from ..shell.repl import run

    if index_dir is None:
        index_dir = Path(os.environ.get("SEARCH_INDEX") or "index")
    sys.exit(run(index_dir, vi=vi, color=color))


for _command in (index.index_command, index.check_command, query.query_command, quotes.quotes_command,
                 quotes.speakers_command, quotes.timeline_command, overview.sources_command,
                 overview.stats_command, shell):
    cli.add_command(_command)


def main() -> None:
    """Entry point: no traceback reaches a user (set SEARCH_DEBUG=1 to see one)."""
    try:
        cli.main(prog_name="search", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("search: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code if isinstance(e, Failure) else EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("search: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # `search query x | head`: the reader left; that is not an error.
        silence_stdout()
        sys.exit(EXIT_FOUND)
    except SystemExit:
        raise
    except Exception as e:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("SEARCH_DEBUG"):
            raise
        click.echo(f"search: internal error: {type(e).__name__}: {e} (SEARCH_DEBUG=1 shows where)", err=True)
        sys.exit(EXIT_ERROR)
