"""Where things live on disk: the index, the shell's history, the bundled seed articles."""

from __future__ import annotations

import os
from pathlib import Path

APP = "news-search"


def default_index() -> Path:
    """`$SEARCH_INDEX`, else `./index`."""
    return Path(os.environ.get("SEARCH_INDEX") or "index")


def history_file() -> Path:
    """`$XDG_STATE_HOME/news-search/history` (default `~/.local/state/news-search/history`)."""
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / APP / "history"


def bundled_seeds() -> Path | None:
    """The seed articles: inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    return None


def make_private_dir(path: Path) -> None:
    """Create a folder only its owner can read: an index holds pickles (see the README)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
