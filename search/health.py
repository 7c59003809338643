"""Is the index whole? Telling a damaged index from a bad query, and saying what is wrong.

Whoosh writes a segment's files once and never changes them; a commit then writes a
new table of contents (`_MAIN_<generation>.toc`) naming the segments. After each
commit the indexer records every file of that generation with its size and CRC-32
(`record`, into `segments.json`). Then:

- `quick_check` compares sizes only (a few `stat` calls): every query and every
  `search index` runs it, and a file cut short or deleted is named at once.
- `deep_check` also compares checksums, opens the table of contents and reads every
  segment through Whoosh: each term's postings, every stored document, the field
  lengths and the columns. `search check` runs it, and so does a query that the
  engine fails on, to tell damage from a query Whoosh cannot run.

Nothing here writes to an index except `record`; repairing lives in `repair`.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .locations import shown

SEGMENTS_FILE = "segments.json"
INDEX_NAME = "MAIN"
_TOC = re.compile(r"_MAIN_(\d+)\.toc$")
_SEGMENT_FILE = re.compile(r"(MAIN_[0-9a-z]+)\.([A-Za-z0-9_.]+)$")
# What each of a segment's files holds, for messages a user can act on.
_KINDS = [(re.compile(r"^pst$"), "postings"), (re.compile(r"^trm$"), "terms"),
          (re.compile(r"^_stored\.col$"), "stored fields"), (re.compile(r"^_\w+_len\.col$"), "field lengths"),
          (re.compile(r"\.col$"), "a column"), (re.compile(r"^seg$"), "segment")]


@dataclass
class Problem:
    where: str  # "segment 96t5bt7i", "table of contents", "manifest"
    what: str  # "postings cut short (1,000 of 16,706,625 bytes)"

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass
class Health:
    index: str
    generation: int  # of the table of contents in use; -1 when there is none
    problems: list[Problem] = field(default_factory=list)
    older_generations: list[int] = field(default_factory=list)  # other tables of contents still on disk
    segments: int = 0
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class IndexDamaged(Exception):
    """The index exists but cannot be trusted: its message says where and what to run."""


def damaged_message(index_dir: Path, problems: list[Problem]) -> str:
    first = problems[0]
    more = f"; and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}" if len(problems) > 1 else ""
    return (f"the index at {shown(index_dir)} is damaged ({first}{more}); run `search check --index "
            f"{shown(index_dir)} --repair`, or `search index --rebuild PATH`")


# ---------------------------------------------------------------- recording


def generations(index_dir: Path) -> list[int]:
    """The generations whose table of contents is on disk, newest first."""
    try:
        names = os.listdir(index_dir)
    except OSError:
        return []
    return sorted((int(m.group(1)) for n in names if (m := _TOC.match(n))), reverse=True)


def record(index_dir: Path, generation: int) -> None:
    """After a commit: the files of `generation` with their sizes and checksums. Files kept
    from the previous record (same name, same size) keep their checksum: segments never change."""
    before = _recorded(index_dir)
    known = before.get("files", {}) if before else {}
    files = {}
    for name in sorted(os.listdir(index_dir)):
        if name == f"_MAIN_{generation}.toc" or _SEGMENT_FILE.match(name):
            size = (index_dir / name).stat().st_size
            old = known.get(name)
            crc = old["crc"] if old and old["size"] == size else _crc(index_dir / name)
            files[name] = {"size": size, "crc": crc}
    tmp = index_dir / (SEGMENTS_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"generation": generation, "files": files}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / SEGMENTS_FILE)


def _recorded(index_dir: Path) -> dict | None:
    try:
        data = json.loads((index_dir / SEGMENTS_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data.get("files"), dict) else None
    except (OSError, ValueError, AttributeError):
        return None


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def was_committed(index_dir: Path) -> bool:
    """Whether an index was committed here once (so a missing table of contents is damage,
    not a run killed before its first commit)."""
    return (index_dir / SEGMENTS_FILE).exists()


# ---------------------------------------------------------------- checking


def quick_check(index_dir: Path) -> list[Problem]:
    """Files of the recorded generation that are missing or not their recorded size."""
    data = _recorded(index_dir)
    if data is None:
        return []
    gens = generations(index_dir)
    generation = data.get("generation", -1)
    if not gens:
        return [Problem("table of contents", f"_MAIN_{generation}.toc is missing "
                        f"({_count_segment_files(index_dir)} segment files remain)")]
    if gens[0] != generation:
        return []  # a commit after the last record (killed before recording): nothing to compare
    problems = []
    for name, want in data["files"].items():
        path = index_dir / name
        try:
            size = path.stat().st_size
        except OSError:
            problems.append(Problem(_where(name), f"{_kind(name)} file {name} is missing"))
            continue
        if size != want["size"]:
            short = "cut short" if size < want["size"] else "longer than written"
            problems.append(Problem(_where(name), f"{_kind(name)} {short} ({size:,} of {want['size']:,} bytes)"))
        elif _TOC.match(name) and _crc(path) != want["crc"]:
            # The table of contents is small and is what every open reads first: checked whole.
            problems.append(Problem("table of contents", f"{name} changed since written (checksum differs)"))
    return problems


def deep_check(index_dir: Path) -> Health:
    """Everything `quick_check` does, then checksums, then every segment read through Whoosh."""
    gens = generations(index_dir)
    health = Health(shown(index_dir), gens[0] if gens else -1, quick_check(index_dir), gens[1:])
    data = _recorded(index_dir)
    if data and gens and data.get("generation") == gens[0]:
        sized = {p.where for p in health.problems}
        for name, want in data["files"].items():
            path = index_dir / name
            if _where(name) not in sized and not _TOC.match(name) and path.exists() and _crc(path) != want["crc"]:
                health.problems.append(Problem(_where(name), f"{_kind(name)} changed since written (checksum differs)"))
    if not gens:
        return health
    try:
        from whoosh import index as windex

        ix = windex.open_dir(str(index_dir))
    except Exception as e:  # a damaged table of contents fails in many ways (MemoryError ...)
        health.problems.append(Problem("table of contents", f"_MAIN_{gens[0]}.toc cannot be read ({_reason(e)})"))
        return health
    try:
        segments = ix._segments()  # Whoosh 2.7.4: the segments of the latest generation
    except Exception as e:
        health.problems.append(Problem("table of contents", f"lists no readable segments ({_reason(e)})"))
        return health
    health.segments = len(segments)
    for segment in segments:
        problem = _read_segment(ix, segment)
        if problem:
            health.problems.append(problem)
        else:
            health.documents += segment.doc_count()
    return health


def _read_segment(ix, segment) -> Problem | None:
    """Read all a segment holds; the first failure, as a Problem."""
    from whoosh.reading import SegmentReader

    where = f"segment {segment.segment_id().split('_', 1)[-1]}"
    step = "opening it"
    try:
        reader = SegmentReader(ix.storage, ix.schema, segment)
        try:
            step = "terms and postings"
            for fieldname, text in reader.all_terms():
                matcher = reader.postings(fieldname, text)
                while matcher.is_active():
                    matcher.id()
                    if matcher.supports("weight"):
                        matcher.weight()
                    matcher.next()
            step = "stored fields"
            for _ in reader.all_stored_fields():
                pass
            step = "field lengths"
            for fieldname in reader.indexed_field_names():
                for docnum in range(reader.doc_count_all()):
                    reader.doc_field_length(docnum, fieldname)
            step = "columns"
            for fieldname in ix.schema.names():
                if reader.has_column(fieldname):
                    column = reader.column_reader(fieldname)
                    for docnum in range(reader.doc_count_all()):
                        column[docnum]
        finally:
            reader.close()
    except Exception as e:
        return Problem(where, f"{step} cannot be read ({_reason(e)})")
    return None


def _reason(e: Exception) -> str:
    text = " ".join(str(e).split())
    if len(text) > 80:
        text = text[:80].rsplit(" ", 1)[0] + " …"
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _where(name: str) -> str:
    m = _SEGMENT_FILE.match(name)
    if m and not name.endswith(".toc"):
        return f"segment {m.group(1).split('_', 1)[1]}"
    return "table of contents"


def _kind(name: str) -> str:
    if _TOC.match(name):
        return "table of contents"
    m = _SEGMENT_FILE.match(name)
    suffix = m.group(2) if m else name
    for pattern, kind in _KINDS:
        if pattern.search(suffix):
            return kind
    return "segment data"


def _count_segment_files(index_dir: Path) -> int:
    return sum(1 for n in os.listdir(index_dir) if _SEGMENT_FILE.match(n))
