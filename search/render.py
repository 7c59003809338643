"""Turning results into text for a terminal or a pipe, or into JSON lines.

One renderer for the one-shot CLI and the shell. `Style` decides colour: on a
terminal the matched words are bold red (ripgrep's convention), with NO_COLOR
set, TERM=dumb or output piped there are no escape codes at all. Article text
is data, not instructions for the terminal: every string is stripped of escape
sequences and control characters before it is shown.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass

_UNSAFE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")

COLORS = {
    "match": "\x1b[1;31m",  # bold red, as ripgrep
    "source": "\x1b[35m",  # magenta, as ripgrep's path
    "title": "\x1b[1m",
    "rank": "\x1b[32m",  # green, as ripgrep's line numbers
    "speaker": "\x1b[36m",
    "dim": "\x1b[2m",
    "note": "\x1b[33m",
}
RESET = "\x1b[0m"


def safe(text) -> str:
    """No escape sequences or control characters (tab and newline become spaces)."""
    return _UNSAFE.sub("", str(text if text is not None else "")).replace("\t", " ").replace("\n", " ")


def use_color(stream, choice: str = "auto") -> bool:
    """`always`, `never`, or `auto`: a terminal, NO_COLOR unset, TERM not dumb."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Style:
    color: bool = False
    width: int = 100

    @classmethod
    def for_stream(cls, stream, choice: str = "auto") -> Style:
        width = shutil.get_terminal_size((100, 24)).columns if _isatty(stream) else 100
        return cls(color=use_color(stream, choice), width=max(40, width))

    def paint(self, text: str, role: str) -> str:
        return f"{COLORS[role]}{text}{RESET}" if self.color and text else text

    def marked(self, text: str, matches) -> str:
        """`text` with the spans in `matches` painted as matches (plain text when not coloured)."""
        if not self.color or not matches:
            return safe(text)
        out, last = [], 0
        for start, end in matches:
            out.append(safe(text[last:start]))
            out.append(self.paint(safe(text[start:end]), "match"))
            last = end
        out.append(safe(text[last:]))
        return "".join(out)

    def wrapped(self, text: str, matches, indent: str) -> list[str]:
        """Lines of at most `width` columns, each starting with `indent`, matches painted."""
        width = max(20, self.width - len(indent))
        lines, start = [], 0
        while start < len(text):
            end = len(text) if len(text) - start <= width else text.rfind(" ", start, start + width + 1)
            if end <= start:
                end = min(len(text), start + width)
            inside = [(max(s, start) - start, min(e, end) - start) for s, e in matches if s < end and e > start]
            lines.append(indent + self.marked(text[start:end], inside))
            start = end + 1 if end < len(text) and text[end] == " " else end
        return lines or [indent]


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------- search hits


def hit_lines(hit, style: Style) -> list[str]:
    """A hit as ripgrep shows a file: a heading, then the matching text, indented."""
    rank, source, pos = f"{hit.rank:>2}", safe(hit.source), f"¶{hit.pos}"
    date = f" · {safe(hit.date)}" if hit.date else ""
    title, matches = (hit.title, hit.title_matches) if hit.title else (hit.article, [])
    room = style.width - len(rank) - len(source) - len(date) - len(pos) - 6
    if len(title) > room:
        cut = max(10, room - 1)
        title, matches = title[:cut].rstrip() + "…", [(s, e) for s, e in matches if e <= cut]
    heading = [style.paint(rank, "rank"), " ", style.paint(source, "source"), date, " · ",
               style.paint(style.marked(title, matches), "title") if style.color else safe(title),
               "  ", style.paint(pos, "dim")]
    lines = ["".join(heading)]
    if hit.speakers:
        lines.append("   " + style.paint("quoted: " + ", ".join(safe(s) for s in hit.speakers), "speaker"))
    for fragment in hit.fragments:
        lines += style.wrapped(fragment.text, fragment.matches, "   ")
    return lines


def hit_json(hit) -> str:
    return json.dumps({
        "rank": hit.rank,
        "score": hit.score,
        "article": hit.article,
        "source": hit.source,
        "title": hit.title,
        "date": hit.date or None,
        "pos": hit.pos,
        "speakers": hit.speakers,
        "fragments": [
            {"text": f.text, "matches": [{"start": s, "end": e} for s, e in f.matches]} for f in hit.fragments
        ],
    }, ensure_ascii=False)


def summary_line(results, shown: int, style: Style) -> str:
    if not results.total:
        return "no passages found"
    count = f"{results.total}" if results.total_exact else f"at least {results.total}"
    text = f"{count} passage{'s' if results.total != 1 else ''}"
    ranks = [hit.rank for hit in results.hits[:shown]]
    if not ranks:
        text += f"; page {results.page} is past the last ({results.pages})"
    elif results.pages > 1:
        text += f", showing {ranks[0]}-{ranks[-1]} (page {results.page} of {results.pages})"
    return text + f" · {results.seconds * 1000:.0f} ms"


# ---------------------------------------------------------------- quotations and facets


# Cues that are a guess rather than a reporting verb: shown dimmer, and `"weak": true` in JSON.
WEAK_CUES = {"subject", "reported", "guess"}


def quote_lines(q, style: Style) -> list[str]:
    speaker = style.paint(safe(q.speaker) if q.speaker else "(unattributed)",
                          "dim" if q.cue in WEAK_CUES else "speaker")
    where = f"{style.paint(safe(q.source), 'source')} · {safe(q.article)} " + style.paint(
        "title" if q.paragraph == 0 else f"¶{q.paragraph}", "dim")
    return [f"{speaker}: “{safe(q.text)}”", "   " + where]


def quote_json(q, group=None, differs=None) -> str:
    """One quotation; with its group (from `search quotes` without --flat), which telling of
    which quotation it is, and the spans of it worded otherwise than the fullest telling."""
    data = {
        "file": q.file,
        "text": q.text,
        "speaker": q.speaker,
        "source": q.source,
        "article": q.article,
        "paragraph": q.paragraph,
        "title": q.title,
        "date": q.date or None,
        "cue": q.cue,
        "weak": q.cue in WEAK_CUES,
    }
    if group is not None:
        data["group"] = group
        data["differs"] = [{"start": s, "end": e} for s, e in differs or []]
    return json.dumps(data, ensure_ascii=False)


def group_json(g, number: int) -> list[str]:
    """A group as JSON lines, one per telling, each with the group's own fields."""
    about = {"id": number, "tellings": len(g.members), "outlets": g.outlets, "fullest": g.text,
             "speaker": g.speaker, "first": g.first_date or None}
    return [quote_json(m, about, d) for m, d in zip(g.members, g.differences)]


def group_lines(g, style: Style) -> list[str]:
    """A quotation told once: as `quote_lines`. Told several times: the fullest wording, then
    each telling (oldest first) with its outlet, date and place, and its own wording where
    it differs (the words it has otherwise marked: in colour, or {+like this+} plainly)."""
    if len(g.members) == 1:
        return quote_lines(g.members[0], style)
    speaker = style.paint(safe(g.speaker) if g.speaker else "(unattributed)", "speaker")
    n_outlets = len(g.outlets)
    head = f"{speaker}: “{safe(g.text)}”  " + style.paint(
        f"{len(g.members)} tellings · {n_outlets} outlet{'s' if n_outlets != 1 else ''}", "dim")
    lines = [head]
    for m, spans in zip(g.members, g.differences):
        date = f"{safe(m.date)} · " if m.date else ""
        where = f"{date}{style.paint(safe(m.source), 'source')} · {safe(m.article)} " + style.paint(
            "title" if m.paragraph == 0 else f"¶{m.paragraph}", "dim")
        if m.text == g.text:
            wording = style.paint("(this wording)", "dim")
        else:
            wording = f"“{_marked_differences(m.text, spans, style)}”"
        lines.append(f"   {where}  {wording}")
    return lines


def _marked_differences(text: str, spans, style: Style) -> str:
    if style.color:
        return style.marked(text, spans)
    out, last = [], 0
    for start, end in spans:
        out += [safe(text[last:start]), "{+", safe(text[start:end]), "+}"]
        last = end
    return "".join(out + [safe(text[last:])])


def facet_lines(facets, style: Style, with_sources: bool = True) -> list[str]:
    if not facets:
        return []
    width = max(len(str(f.count)) for f in facets)
    name_width = min(40, max(len(safe(f.name)) for f in facets))
    lines = []
    for f in facets:
        line = f"{f.count:>{width}}  {style.paint(safe(f.name).ljust(name_width), 'speaker')}"
        if with_sources and f.by_source:
            parts = sorted(f.by_source.items(), key=lambda kv: (-kv[1], kv[0]))
            line += "  " + style.paint(", ".join(f"{safe(s)} {n}" for s, n in parts), "dim")
        lines.append(line.rstrip())
    return lines


def facet_json(f) -> str:
    return json.dumps({"name": f.name, "count": f.count, "by_source": f.by_source}, ensure_ascii=False)


def speaker_table_lines(facets, style: Style, max_outlets: int = 8) -> list[str]:
    """Who is quoted where: a speaker a row, an outlet a column (the most quoting first;
    the rest summed as "other"), counts of quotations, "·" for none."""
    if not facets:
        return []
    totals: dict[str, int] = {}
    for f in facets:
        for src, n in f.by_source.items():
            totals[src] = totals.get(src, 0) + n
    columns = sorted(totals, key=lambda k: (-totals[k], k))
    shown_cols, rest = columns[:max_outlets], columns[max_outlets:]
    heads = [_short(safe(c), 12) for c in shown_cols] + (["other"] if rest else []) + ["all"]
    widths = [max(len(h), 3) for h in heads]
    name_width = min(30, max(len(safe(f.name)) for f in facets))
    lines = [style.paint(" " * name_width + "  " + "  ".join(h.rjust(w) for h, w in zip(heads, widths)), "dim")]
    for f in facets:
        cells = [f.by_source.get(c, 0) for c in shown_cols]
        if rest:
            cells.append(sum(f.by_source.get(c, 0) for c in rest))
        cells.append(f.count)
        text = "  ".join((str(n) if n else "·").rjust(w) for n, w in zip(cells, widths))
        lines.append(f"{style.paint(_short(safe(f.name), name_width).ljust(name_width), 'speaker')}  {text}")
    return lines


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


BAR = "█"


def timeline_lines(periods, style: Style, bars: bool, max_outlets: int = 6) -> list[str]:
    """A period a row, an outlet a column: a bar and its count on a terminal, plain counts
    when piped (`bars` off), so that the numbers survive a pipe into another tool."""
    from .timeline import outlets

    if not periods:
        return []
    names = outlets(periods)
    shown_cols, rest = names[:max_outlets], names[max_outlets:]
    heads = [_short(safe(c), 14) for c in shown_cols] + (["other"] if rest else [])
    rows = []
    for p in periods:
        cells = [p.counts.get(c, 0) for c in shown_cols] + ([sum(p.counts.get(c, 0) for c in rest)] if rest else [])
        rows.append((p.label, cells, p.total))
    most = max((n for _, cells, _ in rows for n in cells), default=1) or 1
    bar_room = 8
    widths = [max(len(h), len(str(most)) + (bar_room + 1 if bars else 0)) for h in heads]
    label_width = max(len(r[0]) for r in rows)
    lines = [style.paint(" " * label_width + "  " + "  ".join(h.ljust(w) for h, w in zip(heads, widths)) + "  all", "dim")]
    for label, cells, total in rows:
        parts = []
        for n, w in zip(cells, widths):
            if bars:
                bar = BAR * max(1 if n else 0, round(bar_room * n / most))
                parts.append((style.paint(bar, "source") + (" " if bar else "") + (str(n) if n else "·")).ljust(
                    w + (len(style.paint(bar, "source")) - len(bar))))
            else:
                parts.append((str(n) if n else "·").ljust(w))
        lines.append(f"{label.ljust(label_width)}  " + "  ".join(parts) + f"  {total}")
    return lines


def timeline_json(p) -> str:
    return json.dumps({"period": p.label, "total": p.total, "counts": dict(p.counts)}, ensure_ascii=False)


# ---------------------------------------------------------------- index and article


def stats_lines(s, style: Style) -> list[str]:
    rows = [
        ("index", f"{safe(s.index)} ({_size(s.size_bytes)}, {s.segments} segment{'s' if s.segments != 1 else ''})"),
        ("articles", str(s.articles)),
        ("passages", str(s.passages)),
        ("quotations", str(s.quotations)),
        ("speakers", str(s.speakers)),
        ("sources", str(len(s.sources))),
    ]
    lines = [f"{style.paint(k.ljust(11), 'dim')}{v}" for k, v in rows]
    lines += ["   " + line for line in facet_lines(s.sources[:10], style, with_sources=False)]
    if len(s.sources) > 10:
        lines.append(f"   … and {len(s.sources) - 10} more (search sources)")
    return lines


def stats_json(s) -> str:
    return json.dumps({
        "index": s.index, "articles": s.articles, "passages": s.passages, "quotations": s.quotations,
        "speakers": s.speakers, "size_bytes": s.size_bytes, "segments": s.segments,
        "sources": {f.name: f.count for f in s.sources},
    }, ensure_ascii=False)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def index_report_lines(r, style: Style) -> list[str]:
    if r.interrupted:
        lines = [f"interrupted after {r.seconds:.1f} s: {r.committed} of {r.files} files are committed to "
                 f"{safe(r.index)}; run the same command again to finish"]
    else:
        lines = [f"indexed into {safe(r.index)} in {r.seconds:.1f} s"]
    if r.rebuilt:
        lines.append(f"  rebuilt from nothing: {safe(r.rebuilt)}")
    lines.append(
        f"  added {len(r.added)}, updated {len(r.updated)}, removed {len(r.removed)}, "
        f"unchanged {r.unchanged}, skipped {len(r.skipped)} files")
    if r.articles:
        lines.append(f"  {r.articles} articles read: {r.passages} passages, {r.quotations} quotations")
    if r.folder_sources:
        total = sum(r.folder_sources.values())
        named = ", ".join(f"{safe(k)} {v}" for k, v in sorted(r.folder_sources.items())[:8])
        lines.append(
            f"  no source given for {total} articles: labelled with their folder's name ({named}); "
            f"name the outlet in a metadata.json beside them")
    for s in r.skipped:
        lines.append(style.paint(f"  skipped {safe(s.path)}: {safe(s.reason)}", "note"))
    if r.left_out:
        names = ", ".join(safe(s.path) for s in r.left_out[:5]) + (", ..." if len(r.left_out) > 5 else "")
        n = len(r.left_out)
        lines.append(f"  left out {n} file{'s that are not articles' if n != 1 else ' that is not an article'}: "
                     f"{names} (name a file to index it)")
    for note in r.notes:
        lines.append(style.paint(f"  note: {safe(note)}", "note"))
    for path in r.removed[:20]:
        lines.append(f"  removed {safe(path)}")
    return lines


def article_lines(view, style: Style) -> list[str]:
    """A whole article: heading, then each paragraph with its quotations marked by speaker."""
    lines = [style.paint(style.marked(view.title, view.title_matches) if style.color else safe(view.title or view.article), "title")]
    meta = [style.paint(safe(view.source), "source"), safe(view.article)]
    if view.date:
        meta.insert(1, safe(view.date))
    lines.append(" · ".join(meta))
    lines.append("")
    for p in view.passages:
        paragraph = style.wrapped(p.text, p.matches, "      ")
        label = f"¶{p.pos}"
        paragraph[0] = style.paint(label, "dim") + paragraph[0][len(label):]
        lines += paragraph
        for start, end, speaker in p.quotes:
            excerpt = p.text[start:end]
            excerpt = excerpt if len(excerpt) <= 70 else excerpt[:67] + "…"
            lines.append("        " + style.paint(f"↳ {safe(speaker) if speaker else '(unattributed)'}: “{safe(excerpt)}”", "speaker"))
        lines.append("")
    return lines
