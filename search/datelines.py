"""Where a paragraph's own words begin: after a dateline or a heading in capitals.

"WASHINGTON (AP) — The senator said ..." and "PHILADELPHIA, July 25 (UPI) — ..."
open with where the story was filed; "HILLARY CLINTON IS FEELING THE BERN As the
race tightens ..." with a heading run into the text. Neither names a speaker nor
is the subject of the sentence after it.
"""

from __future__ import annotations

import re

_CAPS_WORD = r"[A-Z0-9][A-Z0-9.'’\-&:]*"
_DATELINE = re.compile(
    rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD})*"  # WASHINGTON, NEW YORK, ST. LOUIS
    r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:\s+\d{1,2})?)?"  # , Pa. / , July 25
    r"\s*(?:\([^()]{1,25}\))?"  # (AP)
    r"\s*(?:—|–|―|--|-)\s+")
_HEADING = re.compile(rf"(?:{_CAPS_WORD}\s+){{2,}}(?=[A-Z“‘\"'][a-z]|[“‘\"'][A-Z])")


def text_start(paragraph: str) -> int:
    """The offset where the paragraph's text proper begins (0 when it opens with it)."""
    m = _DATELINE.match(paragraph)
    if m and len(m.group().split()[0].strip(",")) >= 3 and not m.group()[0].isdigit():
        return m.end()
    m = _HEADING.match(paragraph)
    if m and sum(len(w) > 1 and not w.isdigit() for w in m.group().split()) >= 2:
        return m.end()
    return 0
