"""The interactive search shell.

`run(index_dir)` is the whole program: on a terminal it opens a prompt-toolkit
session (history in `$XDG_STATE_HOME/news-search/history`, suggestions from
history, completion, a highlighted input line, a bottom toolbar); with input
piped in it reads one query per line and prints plain results.

`Shell` holds what a session knows (the open index, the last results, the page,
the sort) and does what a line asks; the meta-commands in `commands` call it.
It renders with the same `render` module as the one-shot CLI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .. import render
from ..locations import bundled_seeds, history_file, shown
from ..searcher import Results, SearchError, Searcher
from . import commands


class Shell:
    def __init__(self, index_dir: Path, style: render.Style, write=None, interactive: bool = False):
        self.index_dir = Path(index_dir)
        self.style = style
        self.write = write or (lambda text: (sys.stdout.write(text), sys.stdout.flush()))
        self.interactive = interactive
        self.running = True
        self.sort = "score"
        self.limit: int | None = None  # hits a page; None: as many as fit the window (10 when piped)
        self._page_size = 10  # the page size of the last search, kept while paging through it
        self.last: Results | None = None
        self.counts = (0, 0)
        self._searcher: Searcher | None = None
        self._names: dict[str, list[str]] = {}

    # ---------------------------------------------------------------- the index

    @property
    def searcher(self) -> Searcher:
        """The open index, reopened or refreshed when an indexer has committed since."""
        if self._searcher is None:
            self._searcher = Searcher(self.index_dir)
            self._loaded()
        elif self._searcher.refresh():
            self._loaded()
        return self._searcher

    def open(self) -> Searcher:
        """Open the index now (rather than at the first query), raising SearchError."""
        return self.searcher

    def _loaded(self) -> None:
        self._names = {}
        self.counts = self._searcher.counts()

    def names(self, field: str) -> list[str]:
        """Speaker or source names for completion; loaded once per state of the index."""
        if field not in self._names:
            try:
                self._names[field] = self.searcher.names(field)
            except SearchError:
                return []
        return self._names[field]

    # ---------------------------------------------------------------- one line

    def handle(self, line: str) -> None:
        line = line.strip()
        if not line or line.startswith("#"):
            return
        try:
            if commands.is_command(line):
                name, arg = commands.split(line)
                cmd = commands.lookup(name)
                if cmd is None:
                    self.error(f"unknown command :{name} (:help lists them)")
                else:
                    cmd.run(self, arg)
            else:
                self.search(line)
        except SearchError as e:
            self.error(str(e))

    def search(self, query: str, page: int = 1) -> None:
        if page == 1:
            self._page_size = self.limit or self._fitting(query)
        results = self.searcher.search(query, limit=self._page_size, page=page, sort=self.sort)
        self.last = results
        lines = [self.style.paint(render.safe(note), "note") for note in results.notes]
        for hit in results.hits:
            lines += self._hit_lines(hit)
        if not results.hits:
            lines += [self.style.paint(render.safe(h), "note") for h in self.searcher.suggestions(query)]
        lines.append(self._summary(results))
        # A page of hits is sized to the window: it is printed, never sent to a pager.
        self.write("\n".join(lines) + "\n")

    def _hit_lines(self, hit) -> list[str]:
        return render.hit_lines(hit, self.style) + [""]

    def _fitting(self, query: str) -> int:
        """How many of the first hits fit the window with the summary and the prompt: the page
        size when none was set with :limit. Piped, 10."""
        if not self.interactive:
            return 10
        room = shutil.get_terminal_size((80, 24)).lines - 3  # summary, prompt, toolbar
        results = self.searcher.search(query, limit=50, sort=self.sort)
        room -= len(results.notes)
        used, n = 0, 0
        for hit in results.hits:
            used += len(self._hit_lines(hit))
            if used > room:
                break
            n += 1
        return max(1, n)

    def _summary(self, results: Results) -> str:
        speakers, sources = self.searcher.facets(results) if results.total else ([], [])
        text = render.summary_line(results, len(results.hits), self.style)  # after facets: they make the count exact
        if results.total:
            if speakers:
                text += " · quoted: " + ", ".join(f"{render.safe(f.name)} {f.count}" for f in speakers)
            if sources:
                text += " · sources: " + ", ".join(f"{render.safe(f.name)} {f.count}" for f in sources)
            if results.pages > results.page:
                text += " · :next for more"
        return self.style.paint(text, "dim")

    # ---------------------------------------------------------------- what commands do

    def turn_page(self, step: int) -> None:
        if not self.last:
            return self.error("no search yet")
        page = self.last.page + step
        if page < 1 or page > self.last.pages:
            return self.error(f"no page {page} (there {'is' if self.last.pages == 1 else 'are'} {self.last.pages})")
        self.search(self.last.query, page)

    def open_hit(self, arg: str) -> None:
        if not self.last or not self.last.hits:
            return self.error("no hits to open: search first")
        first = self.last.hits[0].rank
        try:
            n = int(arg)
            hit = self.last.hits[n - first]
            if n < first:
                raise IndexError
        except (ValueError, IndexError):
            return self.error(f"open which hit? {first}-{self.last.hits[-1].rank} are on this page")
        view = self.searcher.article(hit.article, self.last.spec)
        lines = render.article_lines(view, self.style)
        # Start at the paragraph that matched.
        self.show(lines, focus=f"¶{hit.pos}")

    def who(self, arg: str) -> None:
        if not arg:
            return self.error("who said what? type :who QUERY, e.g. :who \"no deal\"")
        groups, notes = self.searcher.tellings(arg)
        lines = [self.style.paint(render.safe(n), "note") for n in notes]
        for g in groups:
            lines += render.group_lines(g, self.style)
        told = sum(len(g.members) for g in groups)
        again = f" ({told} tellings)" if told != len(groups) else ""
        lines.append(self.style.paint(f"{len(groups)} quotation{'s' if len(groups) != 1 else ''}{again}", "dim"))
        self.show(lines)

    def where(self, arg: str) -> None:
        facets = self.searcher.speakers(arg or None)[:30]
        scope = f"of quotations matching {arg}" if arg else "in the index"
        self.show([self.style.paint(f"who is quoted where, {scope}:", "dim")]
                  + (render.speaker_table_lines(facets, self.style) or ["(none)"]))

    def timeline(self, arg: str) -> None:
        if not arg:
            return self.error("a timeline of what? type :timeline QUERY, or :timeline speaker:NAME")
        speaker = arg[len("speaker:"):].strip('"') if arg.startswith("speaker:") and " " not in arg.strip() else None
        periods = self.searcher.timeline(None if speaker else arg, speaker=speaker)
        self.show(render.timeline_lines(periods, self.style, bars=self.style.color) or ["(nothing found)"])

    def speakers(self, arg: str) -> None:
        if arg == "*" or (not arg and not self.last):
            facets, scope = self.searcher.speakers(), "in the index"
        elif arg:
            facets, scope = self.searcher.speakers(arg), f"of quotations matching {arg}"
        else:
            facets, scope = self._last_facets(0), f"in passages matching {self.last.query}"
        self.show([self.style.paint(f"speakers {scope}:", "dim")] + (render.facet_lines(facets, self.style) or ["(none)"]))

    def sources(self, arg: str) -> None:
        if arg == "*" or (not arg and not self.last):
            facets, scope = self.searcher.sources(), "in the index"
        elif arg:
            facets, scope = self.searcher.sources(arg), f"of passages matching {arg}"
        else:
            facets, scope = self._last_facets(1), f"of passages matching {self.last.query}"
        self.show([self.style.paint(f"sources {scope}:", "dim")] + (render.facet_lines(facets, self.style, with_sources=False) or ["(none)"]))

    def _last_facets(self, which: int):
        return self.searcher.facets(self.last, top=10_000)[which]

    def explain(self, arg: str) -> None:
        query = arg or (self.last.query if self.last else "")
        if not query:
            return self.error("explain which query? type :explain QUERY")
        self.show(self.searcher.explain(query).splitlines())

    def stats(self) -> None:
        self.show(render.stats_lines(self.searcher.stats(), self.style))

    def set_sort(self, arg: str) -> None:
        if arg not in ("score", "date"):
            return self.error("sort by score or date")
        self.sort = arg
        self.say(f"hits are now sorted by {arg}")

    def set_limit(self, arg: str) -> None:
        if arg in ("auto", "0"):
            self.limit = None
            return self.say("as many hits per page as fit the window")
        if not arg.isdigit() or not 1 <= int(arg) <= 1000:
            return self.error("limit takes a number from 1 to 1000, or auto (as many as fit the window)")
        self.limit = int(arg)
        self.say(f"{self.limit} hits per page")

    # ---------------------------------------------------------------- output

    def say(self, text: str) -> None:
        self.write(text + "\n")

    def error(self, text: str) -> None:
        self.write(self.style.paint("error: " + render.safe(text), "note") + "\n")

    def show(self, lines: list[str], focus: str | None = None) -> None:
        """Print lines; through a pager only when they do not fit on the screen."""
        text = "\n".join(lines) + "\n"
        rows = shutil.get_terminal_size((80, 24)).lines
        if self.interactive and len(lines) > rows - 2 and page(text, focus):
            return
        self.write(text)


def page(text: str, focus: str | None = None) -> bool:
    """Show text in $PAGER (default `less -RXF`); False when there is no pager to use."""
    pager = os.environ.get("PAGER") or ("less" if shutil.which("less") else "")
    if not pager:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "-RXF")
    if focus and os.path.basename(pager.split()[0]) == "less":
        pager += f" '+/{focus}[^0-9]'"
    try:
        proc = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    try:
        proc.communicate(text.encode("utf-8", errors="replace"))
    except KeyboardInterrupt:
        # Ctrl-C belongs to the pager; the shell carries on once it has quit.
        proc.wait()
    except BrokenPipeError:
        pass
    return True


# ---------------------------------------------------------------- entry point


def run(index_dir: Path, vi: bool = False, color: str = "auto") -> int:
    """The shell: interactive on a terminal, one query per line when input is piped."""
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    style = render.Style.for_stream(sys.stdout, color if interactive else "never")
    shell = Shell(index_dir, style, interactive=interactive)
    if not ensure_index(shell):
        return 2
    if not interactive:
        return run_piped(shell, sys.stdin)
    return run_interactive(shell, vi)


def ensure_index(shell: Shell) -> bool:
    """Open the index; on first use with none there, build one from the bundled seeds."""
    try:
        shell.open()
        return True
    except SearchError as first_error:
        seeds = bundled_seeds()
        if not seeds or not _can_build_in(shell.index_dir):
            shell.error(str(first_error))
            return shell.interactive  # an interactive shell still opens, to say so and to retry
        sys.stderr.write(f"No index at {shown(shell.index_dir)}: building one from the bundled seed articles ({shown(seeds)}) ...\n")
        from ..indexer import IndexerError, update_index

        try:
            report = update_index([seeds], shell.index_dir)
        except IndexerError as e:
            shell.error(str(e))
            return False
        sys.stderr.write(f"Indexed {report.articles} articles, {report.passages} passages, {report.quotations} quotations.\n")
        try:
            shell.open()
        except SearchError as e:
            shell.error(str(e))
            return False
        return True


def _can_build_in(index_dir: Path) -> bool:
    if not index_dir.exists():
        return True
    return index_dir.is_dir() and all(p.name in ("README.md", ".gitignore", ".gitkeep") for p in index_dir.iterdir())


def run_piped(shell: Shell, lines) -> int:
    """No terminal: each input line is a query or a :command; results printed plainly."""
    for line in lines:
        shell.handle(line)
        if not shell.running:
            break
    return 0


def run_interactive(shell: Shell, vi: bool = False) -> int:
    session = build_session(shell, vi)
    shell.say("news-search shell · type a query, :help for commands, Ctrl-D to quit")
    while shell.running:
        try:
            line = session.prompt()
        except KeyboardInterrupt:
            continue  # Ctrl-C on the prompt: a fresh line
        except EOFError:
            break  # Ctrl-D
        try:
            shell.handle(line)
        except KeyboardInterrupt:
            shell.error("cancelled")
        except Exception as e:  # a bug must not end a user's session
            if os.environ.get("SEARCH_DEBUG"):
                raise
            shell.error(f"internal error: {type(e).__name__}: {e}")
    shell.say("Goodbye!")
    return 0


def build_session(shell: Shell, vi: bool = False, **overrides):
    """The prompt-toolkit session; `overrides` let tests pass input and output."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.enums import EditingMode
    from prompt_toolkit.history import FileHistory, ThreadedHistory

    from .completer import QueryCompleter
    from .keys import key_bindings
    from .lexer import STYLE, QueryLexer
    from .toolbar import toolbar_text

    options = dict(
        message=[("class:prompt", "search> ")],
        history=ThreadedHistory(FileHistory(str(_private_history()))),
        auto_suggest=AutoSuggestFromHistory(),
        completer=QueryCompleter(shell.names),
        complete_while_typing=False,
        lexer=QueryLexer(),
        style=STYLE,
        key_bindings=key_bindings(),
        bottom_toolbar=lambda: toolbar_text(shell),
        editing_mode=EditingMode.VI if vi else EditingMode.EMACS,
        enable_history_search=False,  # Ctrl-R stays the incremental reverse search
        search_ignore_case=True,
    )
    options.update(overrides)
    return PromptSession(**options)


def _private_history() -> Path:
    """The history file, created readable by its owner alone: queries can be sensitive."""
    path = history_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)
    return path
