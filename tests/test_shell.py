"""The shell without a terminal: completer, lexer, meta-command registry, prompt-toolkit
pipe input, the Shell over a real index, and piped mode."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from search import render
from search.shell import commands
from search.shell.completer import QueryCompleter, matching_names, suggest
from search.shell.lexer import fragments
from search.shell.repl import Shell, build_session, run_piped

NAMES = {"speaker": ["Andrea Kendall-Taylor", "Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy"],
         "source": ["BBC News", "Reuters"]}


def completions(text):
    completer = QueryCompleter(lambda field: NAMES[field])
    return [c.text for c in completer.get_completions(Document(text), None)]


# ---------------------------------------------------------------- completer


def test_suggest_decides_what_to_complete():
    assert suggest(":op").kind == "command"
    assert suggest("putin speaker:vla") == suggest("speaker:vla")
    assert suggest("(by:Zel").kind == "speaker"
    assert suggest('speaker:"vladimir p').prefix == "vladimir p" and suggest('speaker:"vladimir p').quoted
    assert suggest("outlet:reu").kind == "source"
    assert suggest("ceasefire sp").kind == "field"
    assert suggest("ceasefire (").kind == "field"
    assert suggest("title:summ").kind == ""


def test_speaker_names_complete_after_speaker_field_by_any_word():
    assert completions("speaker:put") == ['"Vladimir Putin"']
    assert completions("by:zel") == ['"Volodymyr Zelenskyy"']
    assert completions('speaker:"donald') == ['"Donald Trump"']
    assert matching_names(NAMES["speaker"], "tay") == ["Andrea Kendall-Taylor"]


def test_sources_fields_and_commands_complete():
    assert completions("source:reu") == ["Reuters"]
    assert "speaker:" in completions("x sp") and "source:" in completions("x so")
    assert set(completions("(")) >= {"speaker:", "source:", "title:", "by:", "outlet:"}
    assert "open" in completions(":op") and "quit" in completions(":q")


# ---------------------------------------------------------------- lexer


def test_lexer_marks_fields_phrases_operators_and_commands():
    styles = dict((text, style) for style, text in fragments('speaker:putin AND "root causes" sanct* putn~ date:[2025 TO 2026]'))
    assert styles["speaker:"] == "class:field"
    assert styles["AND"] == "class:operator"
    assert styles['"root causes"'] == "class:phrase"
    assert styles["sanct*"] == "class:wildcard" and styles["putn~"] == "class:fuzzy"
    assert styles["[2025 TO 2026]"] == "class:range"
    assert fragments(":open 3")[0] == ("class:command", ":open")


# ---------------------------------------------------------------- meta-commands


def test_registry_generates_help_for_every_command_and_alias():
    text = "\n".join(commands.help_lines())
    for cmd in commands.REGISTRY.values():
        assert ":" + cmd.name in text
        for alias in cmd.aliases:
            assert ":" + alias in text
    assert commands.lookup("q").name == "quit" and commands.lookup("quotes").name == "who"
    assert commands.split(r"\open 3") == ("open", "3")
    required = {"next", "prev", "open", "who", "speakers", "sources", "explain", "stats", "help", "quit"}
    assert required <= set(commands.REGISTRY)


# ---------------------------------------------------------------- prompt-toolkit session with pipe input


@pytest.fixture
def pipe():
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def test_session_reads_a_query_line(pipe, seed_index):
    shell = Shell(seed_index, render.Style())
    session = build_session(shell, input=pipe, output=DummyOutput())
    pipe.send_text("ceasefire\r")
    assert session.prompt() == "ceasefire"


def test_session_tab_completes_a_speaker(pipe, seed_index):
    shell = Shell(seed_index, render.Style())
    session = build_session(shell, input=pipe, output=DummyOutput())
    pipe.send_text("speaker:putin\t")
    # Completions arrive asynchronously: press Enter once the menu has had time to fill.
    threading.Timer(0.5, lambda: pipe.send_text("\r")).start()
    assert session.prompt() == 'speaker:"Vladimir Putin"'


def test_ctrl_d_on_an_empty_line_ends_the_session(pipe, seed_index):
    session = build_session(Shell(seed_index, render.Style()), input=pipe, output=DummyOutput())
    pipe.send_text("\x04")
    with pytest.raises(EOFError):
        session.prompt()


# ---------------------------------------------------------------- the Shell over a real index


@pytest.fixture
def shell(seed_index):
    out: list[str] = []
    sh = Shell(seed_index, render.Style(color=False), write=out.append)
    sh.output = out
    return sh


def said(shell) -> str:
    text = "".join(shell.output)
    shell.output.clear()
    return text


def test_query_prints_hits_and_a_summary_with_facets(shell):
    shell.handle("ceasefire")
    text = said(shell)
    assert "“The bad news is no ceasefire.”" in text
    assert "\n11 passages, showing 1-10 (page 1 of 2)" in text  # exact: the facets counted every match
    assert "quoted: Donald Trump 2" in text and "sources: " in text


def test_paging_opening_and_who(shell):
    shell.handle("ceasefire")
    said(shell)
    shell.handle(":next")
    assert "11 " in said(shell).splitlines()[0]
    shell.handle(":prev")
    said(shell)
    shell.handle(":open 1")
    article = said(shell)
    assert article.startswith("Donald Trump failed to secure any commitment")
    assert "↳ William Taylor: “The bad news is no ceasefire.”" in article
    shell.handle(':who "no deal"')
    who = said(shell)
    assert "Donald Trump: “There’s no deal until there’s a deal,”  2 tellings · 2 outlets" in who
    assert "1 quotation (2 tellings)" in who


def test_speakers_sources_explain_stats_sort_limit(shell):
    shell.handle(":speakers *")
    assert "Donald Trump" in said(shell)
    shell.handle("putin")
    said(shell)
    shell.handle(":sources")
    assert "sources of passages matching putin" in said(shell)
    shell.handle(":explain")
    assert "(text:putin OR title:putin^0.5)" in said(shell)
    shell.handle(":stats")
    assert "passages   76" in said(shell)
    shell.handle(":sort date")
    shell.handle(":limit 3")
    said(shell)
    shell.handle("putin")
    assert " 4 " not in said(shell)


def test_errors_are_one_line_and_the_shell_goes_on(shell):
    for line in ["speker:putin", ":bogus", ":open 99", ":next", ":limit x", ""]:
        shell.handle(line)
    lines = said(shell).splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    assert len(lines) == 5
    assert shell.running
    shell.handle(":q")
    assert not shell.running


def test_piped_mode_runs_each_line(seed_index):
    out: list[str] = []
    sh = Shell(seed_index, render.Style(color=False), write=out.append)
    assert run_piped(sh, ["ceasefire\n", ":stats\n", ":quit\n", "never reached\n"]) == 0
    text = "".join(out)
    assert "ceasefire" in text and "passages   76" in text and "never" not in text


def test_piped_shell_as_a_subprocess(seed_index):
    done = subprocess.run([sys.executable, "-m", "search", "shell", "--index", str(seed_index)],
                          input="ceasefire\n", capture_output=True, text=True)
    assert done.returncode == 0
    assert "The bad news is no ceasefire." in done.stdout
    assert "\x1b" not in done.stdout and "search>" not in done.stdout


def test_no_index_piped_is_an_error_unless_seeds_can_be_built(tmp_path):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    done = subprocess.run([sys.executable, "-m", "search", "shell", "--index", str(occupied)],
                          input="ceasefire\n", capture_output=True, text=True)
    assert done.returncode == 2 and "no index at" in done.stdout + done.stderr
    fresh = tmp_path / "fresh"
    done = subprocess.run([sys.executable, "-m", "search", "shell", "--index", str(fresh)],
                          input="ceasefire\n", capture_output=True, text=True)
    assert done.returncode == 0 and "building one from the bundled seed articles" in done.stderr
    assert "The bad news is no ceasefire." in done.stdout
