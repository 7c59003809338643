"""The `search` command: a thin click face over the indexer and the searcher.

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

from . import __version__

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


def _searcher(index_dir: Path):
    from .searcher import SearchError, Searcher

    try:
        return Searcher(index_dir)
    except SearchError as e:
        raise Failure(str(e)) from None


def _echo_lines(lines, err: bool = False) -> None:
    # `render.Style` has already decided on colour (and made the text safe); click
    # must not second-guess it.
    for line in lines:
        click.echo(line, err=err, color=True)


def _notes(notes) -> None:
    from .render import safe

    for note in notes:
        click.echo(f"search: {safe(note)}", err=True)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # `search query said | head -1`: the reader had what it wanted. Exit quietly with
            # the status that output earned (as grep and ripgrep do), not click's 1.
            _silence_stdout()
            sys.exit(EXIT_FOUND)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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


# ---------------------------------------------------------------- index


@cli.command("index", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Start the index afresh instead of updating it.")
@click.option("--wait", type=float, default=0.0, metavar="SECONDS",
              help="If another `search index` is writing the index, wait this long for it.")
@click.option("--commit-every", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="SECONDS",
              help="Commit at least this often: an interrupted run keeps what was committed.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, no summary and no progress bar.")
def index_command(paths, index_dir, rebuild, wait, commit_every, quiet):
    """Index articles from files and folders (searched recursively).

    \b
    Formats: .txt (a short first line followed by a blank line is the title),
    .md with front matter (title, source, date, url, author), .json and .jsonl
    (objects with text/body/content and optional title/source/date/url).
    A metadata.json beside the files can give title, source and date per file
    name, or for all files with the key "*".

    Re-running updates the index: new and changed files are indexed, files deleted
    from an indexed folder are dropped, unchanged files are left alone.

    Work is committed in batches: Ctrl-C (exit status 130) or a crash keeps what was
    committed, and the same command run again finishes the job.
    """
    from .indexer import IndexerError, update_index
    from .render import Style, index_report_lines

    style = Style.for_stream(sys.stderr)
    bar = _progress_bar(quiet)
    _stop_on_sigterm()
    try:
        report = update_index(list(paths), index_dir, progress=bar.update if bar else None, rebuild=rebuild,
                              wait=wait, commit_every=commit_every)
    except IndexerError as e:
        raise Failure(str(e)) from None
    finally:
        if bar:
            bar.close()
    for error in report.errors:
        click.echo(f"search: {error}", err=True)
    lines = index_report_lines(report, style)
    if quiet:
        lines = [line for line in lines if line.lstrip().startswith(("skipped", "note", "interrupted"))]
    _echo_lines(lines, err=report.interrupted)
    if report.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if report.errors:
        sys.exit(EXIT_ERROR)


def _stop_on_sigterm() -> None:
    """`kill PID` stops an indexer as Ctrl-C does: what is committed stays, and it says so."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


class _Bar:
    """A progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self):
        self._bar = None

    def update(self, done: int, total: int, path: str) -> None:
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="indexing", file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _progress_bar(quiet: bool) -> _Bar | None:
    if quiet or not sys.stderr.isatty():
        return None
    return _Bar()


@cli.command("check", context_settings=CONTEXT)
@index_option
@click.option("--repair", is_flag=True, help="Repair a damaged index: go back to an older whole generation, "
              "or index the articles again from their files.")
def check_command(index_dir, repair):
    """Read every part of the index and say whether it is whole; --repair mends it.

    \b
    Checks the table of contents, each segment's files against the sizes and
    checksums recorded when they were written, and every segment read through the
    engine: postings, stored passages, field lengths, columns.

    Exit status: 0 whole (or repaired), 2 damaged or not repairable.
    """
    from .health import deep_check, generations
    from .indexer import IndexerError
    from .locations import shown

    if not index_dir.is_dir() or not (generations(index_dir) or (index_dir / "segments.json").exists()):
        raise Failure(f"no index at {shown(index_dir)}")
    found = deep_check(index_dir)
    if found.ok:
        click.echo(f"the index at {found.index} is whole: generation {found.generation}, "
                   f"{found.segments} segment{'s' if found.segments != 1 else ''}, {found.documents:,} passages")
        sys.exit(EXIT_FOUND)
    click.echo(f"the index at {found.index} is damaged:")
    for problem in found.problems:
        click.echo(f"  {problem}")
    if found.older_generations:
        click.echo(f"  older generations still on disk: {', '.join(map(str, found.older_generations))}")
    if not repair:
        click.echo(f"  `search check --index {found.index} --repair` mends it "
                   "(from an older whole generation, or by indexing the articles again)")
        sys.exit(EXIT_ERROR)
    from .repair import repair as mend

    try:
        done = mend(index_dir)
    except IndexerError as e:
        raise Failure(str(e)) from None
    click.echo(f"repaired: {done.how}")
    if done.lost:
        click.echo(f"  {len(done.lost)} files are no longer on disk, and their passages are gone: "
                   + ", ".join(done.lost[:5]) + (" ..." if len(done.lost) > 5 else ""))
    again = deep_check(index_dir)
    if not again.ok:
        raise Failure(f"the index at {again.index} is still damaged after repair ({again.problems[0]})")
    click.echo(f"the index at {again.index} is whole: {again.documents:,} passages")
    sys.exit(EXIT_FOUND)


# ---------------------------------------------------------------- query


def listing_options(f):
    """--all, --count and --files-with-matches, shared by `query` and `quotes`."""
    f = click.option("-l", "--files-with-matches", "files_only", is_flag=True,
                     help="Print only the files that match, best first, each once.")(f)
    f = click.option("-c", "--count", "count_only", is_flag=True, help="Print only the number of matches (exact).")(f)
    f = click.option("-a", "--all", "every", is_flag=True,
                     help="Every match, streamed as it is found (the same as --limit 0).")(f)
    return f


@cli.command("query", context_settings=QUERY_CONTEXT)
@click.argument("query")
@index_option
@click.option("-n", "--limit", type=click.IntRange(0), default=10, show_default=True,
              help="Hits per page; 0 for every hit.")
@click.option("-p", "--page", type=click.IntRange(1), default=1, show_default=True, help="Which page of hits.")
@click.option("--sort", type=click.Choice(["score", "date"]), default="score", show_default=True,
              help="Rank by relevance, or newest first.")
@listing_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit, per line (colour and summary off).")
@color_option
def query_command(query, index_dir, limit, page, sort, every, count_only, files_only, as_json, color):
    """Search passages; print the best hits with the matched words highlighted.

    \b
    QUERY uses Whoosh's syntax; all words are required (with none found, any will do):
      ceasefire                  a word, stemmed: also ceasefires
      "no deal"                  a phrase
      putin -trump               without a word (also -"a phrase"); +word: required
      putin AND NOT trump        operators: AND OR NOT, and ( )
      speaker:putin              passages quoting someone (aliases: by:, said:)
      speaker:"vladimir putin"   any spelling: speaker:zelensky finds Zelenskyy
      source:bbc                 an outlet (alias: outlet:); also title:, quote:
      sanctons~                  fuzzy (one edit; sanctons~2 for two)
      zelensk*                   wildcard
      date:[2025-08-01 TO 2025-08-31]   a date range (dates are YYYY-MM-DD)

    \b
    For scripts:
      search query trump --all --json     every passage, one JSON object a line
      search query trump --count          how many passages match
      search query trump -l               the files that match

    Exit status: 0 hits found, 1 none, 2 an error.
    """
    from .searcher import SearchError

    searcher = _searcher(index_dir)
    try:
        if count_only or files_only:
            sys.exit(_print_counted(searcher, query, count_only))
        if every or limit == 0:
            sys.exit(_print_stream(searcher.stream(query, sort=sort), as_json, color))
        results = searcher.search(query, limit=limit, page=page, sort=sort)
    except SearchError as e:
        raise Failure(str(e)) from None
    _notes(results.notes)
    _suggest(searcher, query, bool(results.hits) and not results.any_terms)
    _print_hits(results.hits, as_json, color)
    if not as_json:
        from .render import Style, summary_line

        click.echo(summary_line(results, len(results.hits), Style.for_stream(sys.stderr, color)), err=True)
    sys.exit(EXIT_FOUND if results.hits else EXIT_NONE)


def _print_hits(hits, as_json: bool, color: str) -> int:
    """Print hits as they come (a list or a stream); how many there were."""
    from .render import Style, hit_json, hit_lines

    style = Style.for_stream(sys.stdout, color)
    n = 0
    for hit in hits:
        if as_json:
            click.echo(hit_json(hit))
        else:
            _echo_lines(hit_lines(hit, style) + [""])
        n += 1
    return n


def _print_stream(stream, as_json: bool, color: str) -> int:
    _notes(stream.notes)
    n = _print_hits(stream.hits, as_json, color)
    if not as_json:
        click.echo(f"{n} passage{'s' if n != 1 else ''}" if n else "no passages found", err=True)
    return EXIT_FOUND if n else EXIT_NONE


def _print_counted(searcher, query: str, count_only: bool) -> int:
    if count_only:
        n, notes = searcher.count(query)
        _notes(notes)
        click.echo(str(n))
        return EXIT_FOUND if n else EXIT_NONE
    files, notes = searcher.files(query)
    _notes(notes)
    from .render import safe

    for name in files:
        click.echo(safe(name))
    return EXIT_FOUND if files else EXIT_NONE


def _suggest(searcher, query: str, found: bool) -> None:
    """A query word or a speaker that nothing in the index has: say what it may have meant."""
    if found:
        return
    for hint in searcher.suggestions(query):
        click.echo(f"search: {hint}", err=True)


# ---------------------------------------------------------------- who said what


@cli.command("quotes", context_settings=QUERY_CONTEXT)
@click.argument("query", required=False)
@index_option
@click.option("--speaker", help="Only quotations by this person (any spelling of the name).")
@click.option("--source", help="Only quotations in this source.")
@click.option("-n", "--limit", type=click.IntRange(0), default=0,
              help="At most this many quotations (with their tellings); 0, the default: all.")
@click.option("--flat", is_flag=True, help="Each telling on its own, as found, not grouped with the others.")
@listing_options
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per telling: file, text, speaker, source, article, paragraph, ..., "
                   "and its group (unless --flat).")
@color_option
def quotes_command(query, index_dir, speaker, source, limit, flat, every, count_only, files_only, as_json, color):
    """List quotations: the words, who said them, where; each told once.

    The same words of the same speaker carried by several outlets (in full, in part,
    or worded a little otherwise) are one quotation: shown once, with every outlet
    that carried it, oldest first, and the words each worded otherwise marked.

    \b
    QUERY searches the quoted words (same syntax as `search query`):
      search quotes                      every quotation, in order of first appearance
      search quotes sanctions            quotations that mention sanctions, ranked
      search quotes --speaker putin      what Putin said
      search quotes 'speaker:putin "root causes"'
      search quotes --speaker putin -c   how many tellings
      search quotes --flat               every telling on its own (the pre-grouping list)
    """
    from .searcher import SearchError

    searcher = _searcher(index_dir)
    try:
        if flat or count_only or files_only:
            found, notes = searcher.iter_quotes(query, speaker=speaker, source=source)
            _notes(notes)
            n = _print_quotes(found, limit if not every else 0, count_only, files_only, as_json, color)
        else:
            groups, notes = searcher.tellings(query, speaker=speaker, source=source, limit=(limit if not every else 0) or None)
            _notes(notes)
            n = _print_groups(groups, as_json, color)
    except SearchError as e:
        raise Failure(str(e)) from None
    if not n:
        for hint in searcher.suggestions(query or "", speaker=speaker, fields=["quote"]):
            click.echo(f"search: {hint}", err=True)
    sys.exit(EXIT_FOUND if n else EXIT_NONE)


def _print_quotes(found, limit: int, count_only: bool, files_only: bool, as_json: bool, color: str) -> int:
    """Tellings one by one (--flat, --count, -l); how many there were."""
    from itertools import islice

    from .render import Style, quote_json, quote_lines, safe

    style = Style.for_stream(sys.stdout, color)
    n, files = 0, {}
    for q in islice(found, limit) if limit else found:
        n += 1
        if files_only:
            if q.file not in files:
                files[q.file] = None
                click.echo(safe(q.file))
        elif count_only:
            continue
        elif as_json:
            click.echo(quote_json(q))
        else:
            _echo_lines(quote_lines(q, style))
    if count_only:
        click.echo(str(n))
    elif not as_json and not files_only:
        click.echo(f"{n} quotation{'s' if n != 1 else ''}", err=True)
    return n


def _print_groups(groups, as_json: bool, color: str) -> int:
    from .render import Style, group_json, group_lines

    style = Style.for_stream(sys.stdout, color)
    for number, g in enumerate(groups, start=1):
        if as_json:
            for line in group_json(g, number):
                click.echo(line)
        else:
            _echo_lines(group_lines(g, style))
    if not as_json:
        told = sum(len(g.members) for g in groups)
        again = f" ({told} tellings)" if told != len(groups) else ""
        click.echo(f"{len(groups)} quotation{'s' if len(groups) != 1 else ''}{again}", err=True)
    return len(groups)


def date_range_options(f):
    """--since and --until, for the commands that count over time."""
    f = click.option("--until", metavar="DATE", help="Up to this date.")(f)
    return click.option("--since", metavar="DATE", help="From this date on (YYYY-MM-DD, YYYY-MM or YYYY).")(f)


@cli.command("speakers", context_settings=QUERY_CONTEXT)
@click.argument("query", required=False)
@index_option
@click.option("-n", "--limit", type=click.IntRange(1), default=None, help="Only the top N speakers.")
@click.option("--by", "by", type=click.Choice(["source"]), default=None,
              help="A table: a speaker a row, an outlet a column.")
@date_range_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per speaker, with counts by source.")
@color_option
def speakers_command(query, index_dir, limit, by, since, until, as_json, color):
    """Who is quoted, how often, and in which sources (of quotations matching QUERY, if given).

    \b
      search speakers                          everyone quoted, most quoted first
      search speakers --by source              who is quoted where: a table by outlet
      search speakers wall --by source --since 2016-01 --until 2016-03
    """
    from .render import Style, facet_json, facet_lines, speaker_table_lines
    from .searcher import SearchError

    searcher = _searcher(index_dir)
    try:
        facets = searcher.speakers(_with_dates(query, since, until))[:limit]
    except SearchError as e:
        raise Failure(str(e)) from None
    if as_json:
        for f in facets:
            click.echo(facet_json(f))
    elif by == "source":
        _echo_lines(speaker_table_lines(facets or [], Style.for_stream(sys.stdout, color)))
    else:
        _echo_lines(facet_lines(facets, Style.for_stream(sys.stdout, color)))
    sys.exit(EXIT_FOUND if facets else EXIT_NONE)


def _with_dates(query: str | None, since: str | None, until: str | None) -> str | None:
    """A query with a date range ANDed to it: `--since 2016-01` is `date:[2016-01 TO]`."""
    if not since and not until:
        return query
    bounds = f"date:[{since or ''} TO {until or ''}]"
    return f"({query}) {bounds}" if query else bounds


@cli.command("timeline", context_settings=QUERY_CONTEXT)
@click.argument("query", required=False)
@index_option
@click.option("--speaker", help="Count this person's quotations (QUERY then searches their words).")
@click.option("--by", "by", type=click.Choice(["day", "week", "month"]), default="week", show_default=True,
              help="The length of a period.")
@date_range_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per period: its counts by outlet.")
@color_option
def timeline_command(query, index_dir, speaker, by, since, until, as_json, color):
    """How coverage moved: counts per day, week or month, by outlet.

    Passages matching QUERY (every passage, with none), or with --speaker that
    person's quotations. On a terminal each count has a bar; piped, plain numbers.
    Articles without a date are counted on a row of their own, never guessed.

    \b
      search timeline wall --by month
      search timeline --speaker trump --since 2016-07
    """
    from .render import Style, timeline_json, timeline_lines
    from .searcher import SearchError

    searcher = _searcher(index_dir)
    try:
        periods = searcher.timeline(_with_dates(query, since, until), speaker=speaker, by=by)
    except SearchError as e:
        raise Failure(str(e)) from None
    if as_json:
        for p in periods:
            click.echo(timeline_json(p))
    else:
        style = Style.for_stream(sys.stdout, color)
        _echo_lines(timeline_lines(periods, style, bars=style.color))
    sys.exit(EXIT_FOUND if periods else EXIT_NONE)


@cli.command("sources", context_settings=CONTEXT)
@click.argument("query", required=False)
@index_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@color_option
def sources_command(query, index_dir, as_json, color):
    """The sources in the index, with their passage counts (of passages matching QUERY, if given)."""
    from .render import Style, facet_json, facet_lines
    from .searcher import SearchError

    searcher = _searcher(index_dir)
    try:
        facets = searcher.sources(query)
    except SearchError as e:
        raise Failure(str(e)) from None
    if as_json:
        for f in facets:
            click.echo(facet_json(f))
    else:
        _echo_lines(facet_lines(facets, Style.for_stream(sys.stdout, color), with_sources=False))
    sys.exit(EXIT_FOUND if facets else EXIT_NONE)


@cli.command("stats", context_settings=CONTEXT)
@index_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@color_option
def stats_command(index_dir, as_json, color):
    """What the index holds: articles, passages, quotations, speakers, sources, size."""
    from .render import Style, stats_json, stats_lines

    stats = _searcher(index_dir).stats()
    if as_json:
        click.echo(stats_json(stats))
    else:
        _echo_lines(stats_lines(stats, Style.for_stream(sys.stdout, color)))


# ---------------------------------------------------------------- shell


@cli.command("shell", context_settings=CONTEXT)
@index_option
@click.option("--vi", is_flag=True, help="Vi key bindings instead of Emacs ones.")
@color_option
def shell(index_dir=None, vi=False, color="auto"):
    """The interactive search shell (the default command).

    Type a query to search; :help lists the commands. With input piped in, each
    line is a query and the results are printed plainly.
    """
    from .shell.repl import run

    if index_dir is None:
        index_dir = Path(os.environ.get("SEARCH_INDEX") or "index")
    sys.exit(run(index_dir, vi=vi, color=color))


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
        _silence_stdout()
        sys.exit(EXIT_FOUND)
    except SystemExit:
        raise
    except Exception as e:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("SEARCH_DEBUG"):
            raise
        click.echo(f"search: internal error: {type(e).__name__}: {e} (SEARCH_DEBUG=1 shows where)", err=True)
        sys.exit(EXIT_ERROR)
