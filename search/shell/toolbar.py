"""The bottom toolbar: which index, how big, the active sort and keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..locations import shown
from .keys import editing_mode_name

if TYPE_CHECKING:
    from .repl import Shell


def toolbar_text(shell: Shell) -> str:
    articles, passages = shell.counts
    return (f" {shown(shell.index_dir)} · {articles} articles · {passages} passages · sort: {shell.sort}"
            f" · {shell.limit or 'fit'} per page · {editing_mode_name()} keys · :help ")
