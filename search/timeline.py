"""Counts over time, by outlet: how coverage of a query or a speaker moved.

`count(items, by)` takes (date, outlet) pairs (ISO dates as the index shows them,
"" when unknown) and returns one `Period` per day, week (starting on Monday) or
month that has any, oldest first, with the undated ones last as their own row:
nothing is guessed into a period it may not belong to (an article dated only
"2016-07" has no day or week).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

BY = ("day", "week", "month")
UNDATED = "undated"


@dataclass
class Period:
    label: str  # "2016-07-25" (a day, or the Monday of a week), "2016-07" (a month), or "undated"
    counts: Counter = field(default_factory=Counter)  # outlet -> how many

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def period_of(iso: str, by: str) -> str:
    parts = iso.split("-") if iso else []
    if by == "month":
        return f"{parts[0]}-{parts[1]}" if len(parts) >= 2 else UNDATED
    if len(parts) < 3:
        return UNDATED
    day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    if by == "week":
        day -= timedelta(days=day.weekday())
    return day.isoformat()


def count(items: Iterable[tuple[str, str]], by: str = "week") -> list[Period]:
    if by not in BY:
        raise ValueError(f"by {by!r}: use one of {', '.join(BY)}")
    periods: dict[str, Period] = {}
    for iso, outlet in items:
        label = period_of(iso, by)
        periods.setdefault(label, Period(label)).counts[outlet or "(outlet unknown)"] += 1
    dated = sorted((p for k, p in periods.items() if k != UNDATED), key=lambda p: p.label)
    return dated + ([periods[UNDATED]] if UNDATED in periods else [])


def outlets(periods: list[Period]) -> list[str]:
    """Every outlet of a timeline, most counted first."""
    totals: Counter = Counter()
    for p in periods:
        totals.update(p.counts)
    return [name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
