"""Who said what: `search quotes`, `search speakers` and `search timeline`."""

from __future__ import annotations

import sys

import click

from .options import (EXIT_FOUND, EXIT_NONE, QUERY_CONTEXT, color_option, date_range_options, echo_lines, echo_notes,
                      index_option, listing_options, one_line_errors, open_searcher, with_dates)


@click.command("quotes", context_settings=QUERY_CONTEXT)
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
    searcher = open_searcher(index_dir)
    with one_line_errors():
        if flat or count_only or files_only:
            found, notes = searcher.iter_quotes(query, speaker=speaker, source=source)
            echo_notes(notes)
            n = _print_quotes(found, limit if not every else 0, count_only, files_only, as_json, color)
        else:
            most = (limit if not every else 0) or None
            groups, notes = searcher.tellings(query, speaker=speaker, source=source, limit=most)
            echo_notes(notes)
            n = _print_groups(groups, as_json, color)
    if not n:
        for hint in searcher.suggestions(query or "", speaker=speaker, fields=["quote"]):
            click.echo(f"search: {hint}", err=True)
    sys.exit(EXIT_FOUND if n else EXIT_NONE)


def _print_quotes(found, limit: int, count_only: bool, files_only: bool, as_json: bool, color: str) -> int:
    """Tellings one by one (--flat, --count, -l); how many there were."""
    from itertools import islice

    from ..render import Style, quote_json, quote_lines, safe

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
            echo_lines(quote_lines(q, style))
    if count_only:
        click.echo(str(n))
    elif not as_json and not files_only:
        click.echo(f"{n} quotation{'s' if n != 1 else ''}", err=True)
    return n


def _print_groups(groups, as_json: bool, color: str) -> int:
    from ..render import Style, group_json, group_lines

    style = Style.for_stream(sys.stdout, color)
    for number, g in enumerate(groups, start=1):
        if as_json:
            for line in group_json(g, number):
                click.echo(line)
        else:
            echo_lines(group_lines(g, style))
    if not as_json:
        told = sum(len(g.members) for g in groups)
        again = f" ({told} tellings)" if told != len(groups) else ""
        click.echo(f"{len(groups)} quotation{'s' if len(groups) != 1 else ''}{again}", err=True)
    return len(groups)


@click.command("speakers", context_settings=QUERY_CONTEXT)
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
    from ..render import Style, facet_json, facet_lines, speaker_table_lines

    searcher = open_searcher(index_dir)
    with one_line_errors():
        facets = searcher.speakers(with_dates(query, since, until))[:limit]
    if as_json:
        for f in facets:
            click.echo(facet_json(f))
    elif by == "source":
        echo_lines(speaker_table_lines(facets or [], Style.for_stream(sys.stdout, color)))
    else:
        echo_lines(facet_lines(facets, Style.for_stream(sys.stdout, color)))
    sys.exit(EXIT_FOUND if facets else EXIT_NONE)


@click.command("timeline", context_settings=QUERY_CONTEXT)
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
    from ..render import Style, timeline_json, timeline_lines

    searcher = open_searcher(index_dir)
    with one_line_errors():
        periods = searcher.timeline(with_dates(query, since, until), speaker=speaker, by=by)
    if as_json:
        for p in periods:
            click.echo(timeline_json(p))
    else:
        style = Style.for_stream(sys.stdout, color)
        echo_lines(timeline_lines(periods, style, bars=style.color))
    sys.exit(EXIT_FOUND if periods else EXIT_NONE)
