"""Repairing a damaged index (`search check --repair`).

Two ways, the first that applies:

1. An older generation is still on disk (Whoosh keeps a table of contents per commit
   until it can delete it) and reads whole: the damaged newer ones are set aside and
   the index goes back to it. The manifest is rebuilt from what that generation holds,
   with no digests, so the next `search index` re-reads those files and adds the rest.
2. Otherwise the articles are indexed again from the files the manifest lists, into a
   new index beside the damaged one, which then takes its place. The result is what a
   clean build of those files holds; files no longer on disk are named: their passages
   cannot come back.

Either way the index's write lock is held throughout, so no indexer runs meanwhile.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import health
from .indexer import MANIFEST, IndexerError, IndexReport, Manifest, update_index
from .tellings import TELLINGS_FILE
from .locations import shown


@dataclass
class RepairReport:
    index: str
    how: str  # what was done, in a phrase
    lost: list[str] = field(default_factory=list)  # files no longer on disk: their passages are gone
    rebuilt: IndexReport | None = None


def repair(index_dir: Path) -> RepairReport:
    checked = health.deep_check(index_dir)
    if checked.ok and checked.generation >= 0:
        return RepairReport(shown(index_dir), "nothing to repair: the index is whole")
    lock = _lock(index_dir)
    try:
        for generation in checked.older_generations:
            if _whole(index_dir, generation):
                return _roll_back(index_dir, checked.generation, generation)
        return _rebuild(index_dir)
    finally:
        lock.release()


def _lock(index_dir: Path):
    from whoosh.filedb.filestore import FileStorage

    lock = FileStorage(str(index_dir)).lock("MAIN_WRITELOCK")
    if not lock.acquire():
        raise IndexerError(f"{shown(index_dir)}: another `search index` is writing this index; "
                           "try again when it finishes")
    return lock


# ---------------------------------------------------------------- an older generation


def _whole(index_dir: Path, generation: int) -> bool:
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import FileIndex, TOC

    try:
        storage = FileStorage(str(index_dir))
        toc = TOC.read(storage, health.INDEX_NAME, gen=generation)
        ix = FileIndex(storage, schema=toc.schema, indexname=health.INDEX_NAME)
        return all(health._read_segment(ix, segment) is None for segment in toc.segments)
    except Exception:  # a table of contents as damaged as the newer one
        return False


def _roll_back(index_dir: Path, damaged: int, generation: int) -> RepairReport:
    for newer in health.generations(index_dir):
        if newer > generation:
            os.replace(index_dir / f"_MAIN_{newer}.toc", index_dir / f"damaged_MAIN_{newer}.toc.bak")
    from whoosh import index as windex

    ix = windex.open_dir(str(index_dir))
    manifest = Manifest(generation=ix.latest_generation())
    with ix.searcher() as searcher:
        for term in searcher.reader().lexicon("file"):
            path = term.decode("utf-8")
            manifest.files[path] = {"digest": None, "path": path, "passages": 0, "quotations": 0}
    manifest.save(index_dir)
    health.record(index_dir, ix.latest_generation())
    return RepairReport(shown(index_dir), f"went back to generation {generation}, the newest whole one "
                        f"(generation {damaged} was damaged); run `search index` on your folders to bring it up to date")


# ---------------------------------------------------------------- indexing again


def _rebuild(index_dir: Path) -> RepairReport:
    manifest = Manifest.load(index_dir)
    if manifest is None or not manifest.files:
        raise IndexerError(f"the index at {shown(index_dir)} has no readable record of the files it held; "
                           "rebuild it with: search index --rebuild PATH")
    files, lost = [], []
    for absolute, entry in sorted(manifest.files.items()):
        if os.path.isfile(absolute):
            shown_as = Path(entry.get("path") or absolute)
            files.append(shown_as if os.path.abspath(shown_as) == absolute else Path(absolute))
        else:
            lost.append(entry.get("path") or absolute)
    if not files:
        raise IndexerError(f"none of the {len(manifest.files)} files the index at {shown(index_dir)} held is "
                           "still on disk: nothing to index again")
    fresh = index_dir.parent / f".{index_dir.name}.repair"
    shutil.rmtree(fresh, ignore_errors=True)
    report = update_index(files, fresh)
    _take_place(fresh, index_dir)
    return RepairReport(shown(index_dir), f"indexed {len(files)} files again", lost, report)


def _take_place(fresh: Path, index_dir: Path) -> None:
    """The new index's files replace the damaged one's; the folder, its lock and anything
    that is not index data (a README) stay."""
    for entry in os.scandir(index_dir):
        if entry.is_file() and entry.name != "MAIN_WRITELOCK" and _index_data(entry.name):
            os.unlink(entry.path)
    # The manifest last: until it is in place, the folder does not claim to hold these files.
    names = sorted(os.listdir(fresh), key=lambda n: n == MANIFEST)
    for name in names:
        if name != "MAIN_WRITELOCK":
            os.replace(fresh / name, index_dir / name)
    shutil.rmtree(fresh, ignore_errors=True)


def _index_data(name: str) -> bool:
    return (name.startswith(("MAIN_", "_MAIN_")) or name in (MANIFEST, TELLINGS_FILE, health.SEGMENTS_FILE, "format.json")
            or name.endswith(".tmp"))
