"""Key bindings beyond prompt-toolkit's defaults (Emacs keys, Ctrl-R history search)."""

from __future__ import annotations

from prompt_toolkit.application.current import get_app
from prompt_toolkit.enums import EditingMode
from prompt_toolkit.key_binding import KeyBindings


def key_bindings() -> KeyBindings:
    kb = KeyBindings()

    @kb.add("f4")
    def _toggle_vi(event):
        """F4 switches between Emacs and vi keys."""
        app = event.app
        app.editing_mode = EditingMode.EMACS if app.editing_mode == EditingMode.VI else EditingMode.VI

    @kb.add("c-c")
    def _clear(event):
        """Ctrl-C clears the line (a half-typed query), it never leaves the shell."""
        event.current_buffer.reset()

    @kb.add("c-space")
    def _menu(event):
        """Ctrl-Space opens the completion menu."""
        buffer = event.current_buffer
        if buffer.complete_state:
            buffer.complete_next()
        else:
            buffer.start_completion(select_first=False)

    return kb


def editing_mode_name() -> str:
    try:
        return "vi" if get_app().editing_mode == EditingMode.VI else "emacs"
    except Exception:  # no running application (tests, piped mode)
        return "emacs"
