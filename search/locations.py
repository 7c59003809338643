"""Where things live on disk: the index, the shell's history, the bundled seed articles."""

from __future__ import annotations

import os
from pathlib import Path

APP = "news-search"


def default_index() -> Path:
    """`$SEARCH_INDEX`, else `./index`."""
    return Path(os.environ.get("SEARCH_INDEX") or "index")


def shown(path: Path) -> str:
    """A path as a user would type it: `./index` rather than a bare `index`."""
    text = str(path)
    if path.is_absolute() or text.startswith((".", "~")):
        return text
    return f"./{text}"


def history_file() -> Path:
    """`$XDG_STATE_HOME/news-search/history` (default `~/.local/state/news-search/history`)."""
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / APP / "history"


def bundled_seeds() -> Path | None:
    """The seed articles: inside the installed package, or beside it in a source checkout.

    Run from the project's folder, its own `seeds/` is used, so that articles show as
    `seeds/000_....txt` rather than by a path into site-packages.
    """
    here = Path(__file__).resolve().parent
    found = [c for c in (here / "seeds", here.parent / "seeds") if c.is_dir() and any(c.glob("*.txt"))]
    if not found:
        return None
    local = Path("seeds")
    names = sorted(p.name for p in found[0].glob("*.txt"))
    if local.is_dir() and sorted(p.name for p in local.glob("*.txt")) == names:
        return local
    return found[0]


def make_private_dir(path: Path) -> None:
    """Create a folder only its owner can read: an index holds pickles (see the README)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
