"""`search query`: ranked passages, a page at a time, streamed, counted or as files."""

from __future__ import annotations

import sys

import click

from .options import (EXIT_FOUND, EXIT_NONE, QUERY_CONTEXT, color_option, echo_lines, echo_notes, index_option,
                      listing_options, one_line_errors, open_searcher)


@click.command("query", context_settings=QUERY_CONTEXT)
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
    searcher = open_searcher(index_dir)
    with one_line_errors():
        if count_only or files_only:
            sys.exit(_print_counted(searcher, query, count_only))
        if every or limit == 0:
            sys.exit(_print_stream(searcher.stream(query, sort=sort), as_json, color))
        results = searcher.search(query, limit=limit, page=page, sort=sort)
    echo_notes(results.notes)
    _suggest(searcher, query, bool(results.hits) and not results.any_terms)
    _print_hits(results.hits, as_json, color)
    if not as_json:
        from ..render import Style, summary_line

        click.echo(summary_line(results, len(results.hits), Style.for_stream(sys.stderr, color)), err=True)
    sys.exit(EXIT_FOUND if results.hits else EXIT_NONE)


def _print_hits(hits, as_json: bool, color: str) -> int:
    """Print hits as they come (a list or a stream); how many there were."""
    from ..render import Style, hit_json, hit_lines

    style = Style.for_stream(sys.stdout, color)
    n = 0
    for hit in hits:
        if as_json:
            click.echo(hit_json(hit))
        else:
            echo_lines(hit_lines(hit, style) + [""])
        n += 1
    return n


def _print_stream(stream, as_json: bool, color: str) -> int:
    echo_notes(stream.notes)
    n = _print_hits(stream.hits, as_json, color)
    if not as_json:
        click.echo(f"{n} passage{'s' if n != 1 else ''}" if n else "no passages found", err=True)
    return EXIT_FOUND if n else EXIT_NONE


def _print_counted(searcher, query: str, count_only: bool) -> int:
    if count_only:
        n, notes = searcher.count(query)
        echo_notes(notes)
        click.echo(str(n))
        return EXIT_FOUND if n else EXIT_NONE
    files, notes = searcher.files(query)
    echo_notes(notes)
    from ..render import safe

    for name in files:
        click.echo(safe(name))
    return EXIT_FOUND if files else EXIT_NONE


def _suggest(searcher, query: str, found: bool) -> None:
    """A query word or a speaker that nothing in the index has: say what it may have meant."""
    if found:
        return
    for hint in searcher.suggestions(query):
        click.echo(f"search: {hint}", err=True)
