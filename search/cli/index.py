"""`search index` and `search check`: building the index, and proving it whole or mending it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import CONTEXT, EXIT_ERROR, EXIT_FOUND, EXIT_INTERRUPTED, Failure, echo_lines, index_option


@click.command("index", context_settings=CONTEXT)
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
    from ..indexer import IndexerError, update_index
    from ..render import Style, index_report_lines

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
    echo_lines(lines, err=report.interrupted)
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


@click.command("check", context_settings=CONTEXT)
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
    from ..health import deep_check, generations
    from ..indexer import IndexerError
    from ..locations import shown

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
    from ..repair import repair as mend

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
