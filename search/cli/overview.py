"""What the index holds: `search sources` and `search stats`."""

from __future__ import annotations

import sys

import click

from .options import (CONTEXT, EXIT_FOUND, EXIT_NONE, color_option, echo_lines, index_option, one_line_errors,
                      open_searcher)


@click.command("sources", context_settings=CONTEXT)
@click.argument("query", required=False)
@index_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@color_option
def sources_command(query, index_dir, as_json, color):
    """The sources in the index, with their passage counts (of passages matching QUERY, if given)."""
    from ..render import Style, facet_json, facet_lines

    searcher = open_searcher(index_dir)
    with one_line_errors():
        facets = searcher.sources(query)
    if as_json:
        for f in facets:
            click.echo(facet_json(f))
    else:
        echo_lines(facet_lines(facets, Style.for_stream(sys.stdout, color), with_sources=False))
    sys.exit(EXIT_FOUND if facets else EXIT_NONE)


@click.command("stats", context_settings=CONTEXT)
@index_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@color_option
def stats_command(index_dir, as_json, color):
    """What the index holds: articles, passages, quotations, speakers, sources, size."""
    from ..render import Style, stats_json, stats_lines

    stats = open_searcher(index_dir).stats()
    if as_json:
        click.echo(stats_json(stats))
    else:
        echo_lines(stats_lines(stats, Style.for_stream(sys.stdout, color)))
