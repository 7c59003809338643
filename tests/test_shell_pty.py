"""The shell in a real pseudo-terminal, driven like a user would (pexpect)."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest

PROMPT = "search>"


@pytest.fixture
def session(seed_index, tmp_path):
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), TERM="xterm-256color",
               PAGER="cat", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(sys.executable, ["-m", "search", "shell", "--index", str(seed_index)],
                          env=env, dimensions=(60, 120), encoding="utf-8", timeout=20)
    child.logfile_read = open(tmp_path / "pty.log", "w")
    child.expect_exact(PROMPT)
    yield child, tmp_path / "state" / "news-search" / "history"
    if child.isalive():
        child.terminate(force=True)


def test_a_session_from_query_to_ctrl_d(session):
    child, history = session

    child.send("ceasefire\r")
    child.expect_exact("\x1b[1;31mceasefire\x1b[0m")  # the match, bold red
    child.expect("11 passages")
    child.expect_exact(PROMPT)

    child.send(":open 1\r")
    child.expect_exact("Donald Trump failed to secure any commitment")
    child.expect_exact("↳ William Taylor")
    child.expect_exact(PROMPT)

    child.send("speaker:put")
    child.send("\t")
    child.expect_exact('"Vladimir Putin"')

    child.send("\x03")  # Ctrl-C on a half-typed line: cleared, shell still running
    child.send(":stats\r")
    child.expect(r"passages *(\x1b\[0m)? *76")
    child.expect_exact(PROMPT)
    assert child.isalive()

    child.send("\x04")  # Ctrl-D on an empty line
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    lines = history.read_text(encoding="utf-8")
    assert "+ceasefire" in lines and "+:open 1" in lines
    assert (history.stat().st_mode & 0o777) == 0o600


def test_ctrl_c_at_the_prompt_never_exits(session):
    child, _ = session
    for _ in range(3):
        child.send("\x03")
    child.send("putin\r")
    child.expect("passages")
    assert child.isalive()


def test_long_output_goes_through_the_pager_only_when_it_does_not_fit(seed_index, tmp_path):
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1",
               PAGER="sed 's/^/PAGED|/'")
    child = pexpect.spawn(sys.executable, ["-m", "search", "shell", "--index", str(seed_index)],
                          env=env, dimensions=(24, 120), encoding="utf-8", timeout=20)
    child.expect_exact(PROMPT)
    child.send('"root causes"\r')  # one hit: fits on the screen
    child.expect("1 passage")
    assert "PAGED|" not in child.before
    child.expect_exact(PROMPT)
    child.send(":open 1\r")  # a whole article: more than 24 lines
    child.expect_exact("PAGED|")
    child.expect_exact(PROMPT)
    child.send("\x04")
    child.expect(pexpect.EOF)


def test_a_page_of_hits_fits_the_window_and_never_opens_the_pager(seed_index, tmp_path):
    """On a 40-line terminal ten hits rarely fit: the shell shows what fits, not `less`."""
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1",
               PAGER="sed 's/^/PAGED|/'", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "search", "shell", "--index", str(seed_index)],
                          env=env, dimensions=(40, 100), encoding="utf-8", timeout=20)
    child.expect_exact(PROMPT)
    child.send("putin\r")
    child.expect(r"passages, showing 1-(\d+) \(page 1 of (\d+)\)")
    shown, pages = int(child.match.group(1)), int(child.match.group(2))
    page_text = child.before
    assert "PAGED|" not in page_text
    assert 1 <= shown < 10 and pages > 1
    # What was printed fits in the window with the summary, the prompt and the toolbar.
    printed = page_text.split("putin\r\n", 1)[-1].rstrip("\r\n").split("\r\n")
    assert len(printed) <= 40 - 3, len(printed)
    child.expect_exact(PROMPT)
    child.send(":next\r")
    child.expect(rf"showing {shown + 1}-(\d+) \(page 2 of {pages}\)")
    assert "PAGED|" not in child.before
    child.expect_exact(PROMPT)
    child.send("\x04")
    child.expect(pexpect.EOF)
