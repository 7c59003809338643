"""Building and updating the index from files and folders.

`update_index(paths, index_dir)` walks the paths, reads every supported file
(`corpus`), finds its quotations (`quotes`) and writes one document per passage
and per quotation. It is incremental: a manifest beside the index records the
content hash of every indexed file, so a second run indexes only new and
changed files, drops the passages of files deleted from an indexed folder, and
leaves the rest alone.

Crash safety: the work is committed in batches; the manifest is rewritten
(atomically) after each commit and never names a file whose passages are not
committed. A run killed at any moment leaves the last committed state, and the
next run redoes whatever the manifest does not vouch for.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import analysis, corpus, health, quotes, tellings
from .locations import make_private_dir, shown
from .schema import FORMAT_FILE, VALUE_SEP, date_number, SCHEMA_VERSION, build_schema, write_format

MANIFEST = "manifest.json"
# Bump when reading or quotation finding changes what is indexed for the same file.
PIPELINE_VERSION = 11
# Commit at least this often, so an interrupted long run keeps most of its work.
BATCH_SECONDS = 60.0
# Whoosh keeps postings in a pool of this size and, past it, pickles every posting to
# disk and back (most of the build time when it happens). A segment is committed
# before the pool fills instead. 512 MB of Whoosh's estimate is about 400 MB of memory.
POOL_MB = 512
POOL_FLUSH = 0.9
# Files a folder may hold besides the index before we refuse to write into it.
_HARMLESS = {"README.md", ".gitignore", ".gitkeep", MANIFEST, FORMAT_FILE, health.SEGMENTS_FILE, tellings.TELLINGS_FILE}


class IndexerError(Exception):
    """A one-line reason the index cannot be written."""


@dataclass
class IndexReport:
    index: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[corpus.Skipped] = field(default_factory=list)
    left_out: list[corpus.Skipped] = field(default_factory=list)  # READMEs and the like in a folder
    notes: list[str] = field(default_factory=list)  # "path: not UTF-8, read as Windows-1252"
    errors: list[str] = field(default_factory=list)  # paths given that could not be read at all
    folder_sources: dict[str, int] = field(default_factory=dict)  # source label taken from a folder -> articles
    articles: int = 0
    passages: int = 0
    quotations: int = 0
    rebuilt: str = ""  # why the index was rebuilt from nothing, if it was
    interrupted: bool = False
    files: int = 0  # files found to look at
    committed: int = 0  # files whose state is committed (all of them, unless interrupted)
    seconds: float = 0.0


Progress = Callable[[int, int, str], None]


def update_index(paths: list[Path], index_dir: Path, progress: Progress | None = None,
                 rebuild: bool = False, wait: float = 0.0, commit_every: float = BATCH_SECONDS) -> IndexReport:
    """Index `paths` (files or folders) into `index_dir`, creating it if needed.

    Ctrl-C (KeyboardInterrupt) stops the run: what was committed stays, the rest is
    dropped, and the report says how far it got (`interrupted`, `committed`).
    """
    # Every file the index gets is its owner's alone, as the folder is (pickles: see the README).
    umask = os.umask(0o077)
    try:
        return _update(paths, index_dir, progress, rebuild, wait, commit_every)
    finally:
        os.umask(umask)


def _update(paths, index_dir: Path, progress, rebuild: bool, wait: float, commit_every: float) -> IndexReport:
    started = time.monotonic()
    report = IndexReport(index=str(index_dir))
    files = _collect(paths, report)
    if report.errors and not files:
        raise IndexerError("; ".join(report.errors))
    ix, manifest = _open_for_writing(index_dir, rebuild, report)
    roots = [str(p.absolute()) for p in paths if p.is_dir()]

    analysis.use_nltk_stemmer()
    writer = _Writer(ix, index_dir, manifest, wait, commit_every)
    seen: set[str] = set()
    jobs = [(str(path), (manifest.files.get(str(path.absolute())) or {}).get("digest")) for path in files]
    report.files = len(files)
    stream = _prepared(jobs)
    try:
        for n, (path, prepared) in enumerate(zip(files, stream), start=1):
            absolute = str(path.absolute())
            seen.add(absolute)
            if progress:
                progress(n, len(files), prepared.record.path)
            _index_file(absolute, prepared, writer, report)
            writer.maybe_commit()
        for gone in sorted(set(manifest.files) - seen):
            if any(gone.startswith(root + os.sep) for root in roots) and not os.path.exists(gone):
                writer.delete(gone)
                report.removed.append(manifest.files[gone].get("path", gone))
        writer.commit(final=True)
        write_tellings(ix, index_dir)
    except KeyboardInterrupt:
        writer.cancel()
        report.interrupted = True
    except OSError as e:
        _quietly(writer.cancel)
        raise IndexerError(_write_failure(index_dir, e, writer.committed, len(files))) from None
    finally:
        stream.close()
        writer.close()
        report.committed = writer.committed
    report.seconds = time.monotonic() - started
    return report


def write_tellings(ix, index_dir: Path) -> None:
    """Group every quotation in the index with its other tellings (`tellings`) and save the
    groups beside it: recomputed whole after each run that committed, so an article added
    or removed joins or leaves its groups, and queries only read the result."""
    from whoosh import query as Q

    if tellings.read_tellings(index_dir).get("generation") == ix.latest_generation():
        return  # nothing was committed since they were grouped
    found = []
    with ix.searcher() as searcher:
        for docnum in searcher.docs_for_query(Q.Term("quoted", "yes")):
            f = searcher.stored_fields(docnum)
            for start, end, who, _cue, in_title in f.get("quotes") or []:
                text = (f.get("title", "") if in_title else f.get("text", ""))[start:end]
                key = tellings.telling_key(f.get("article", ""), 0 if in_title else f.get("pos", 0), start)
                found.append(tellings.Telling(key, who, text))
    tellings.save(index_dir, ix.latest_generation(), tellings.group(found))


def _write_failure(index_dir: Path, e: OSError, committed: int, files: int) -> str:
    """One line for a write that failed mid-run: the disk, what is kept, what to do."""
    kept = f"the index keeps its last commit ({committed:,} of {files:,} files)"
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        try:
            free = shutil.disk_usage(index_dir).free
        except OSError:
            free = 0
        return (f"the disk holding {shown(index_dir)} is full ({free / 1e6:.1f} MB free); {kept}; "
                "free some space and run the same command again")
    return f"{shown(index_dir)}: cannot write the index ({e.strerror or e}); {kept}"


def _quietly(call) -> None:
    try:
        call()
    except OSError:
        pass  # the disk that failed the write may fail the clean-up too


# ---------------------------------------------------------------- reading in parallel


@dataclass
class _Prepared:
    """A file read, its quotations found and its text analyzed: the part of indexing
    that needs no index, and can run beside it."""

    record: corpus.FileRecord
    quotations: list[list[quotes.Quote]]  # per article of the record
    terms: list[_Terms]  # per article of the record


@dataclass
class _Terms:
    """An article's index terms, ready for Whoosh (which takes a list as tokens made)."""

    title: list[str]
    text: list[list[str]]  # per paragraph
    exact: list[list[str]]


def _analyzed(article: corpus.Article) -> _Terms:
    return _Terms(analysis.TEXT.terms(article.title), [analysis.TEXT.terms(p) for p in article.paragraphs],
                  [analysis.EXACT.terms(p) for p in article.paragraphs])


_sidecars: corpus.SidecarCache | None = None
# Below this many files a worker process costs more than it saves.
_PARALLEL_FROM = 64
_CHUNK = 16  # files per task sent to the worker
_IN_FLIGHT = 8  # tasks sent ahead of the indexer


def _prepare(job: tuple[str, str | None]) -> _Prepared:
    global _sidecars
    if _sidecars is None:
        _sidecars = corpus.SidecarCache()
        analysis.use_nltk_stemmer()
    path, digest = job
    record = corpus.read_file(Path(path), _sidecars, unchanged_digest=digest)
    return _Prepared(record, [quotes.extract(a.paragraphs, a.title) for a in record.articles],
                     [_analyzed(a) for a in record.articles])


def _worker_init() -> None:
    """The worker ignores Ctrl-C (the indexer's to handle) and dies with the indexer,
    however the indexer ends: killed with SIGKILL, its worker would otherwise live on,
    holding both ends of its own pipe, waiting for work that never comes."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    _die_with_parent()

    def watch() -> None:  # where PR_SET_PDEATHSIG is not to be had, or came too late
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGKILL to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _prepared(jobs: list[tuple[str, str | None]]):
    """Files read and their quotations found, in order: in a worker process when there are
    many, so that reading and extraction run beside Whoosh's writing on a second core."""
    global _sidecars
    _sidecars = None
    if len(jobs) < _PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield from map(_prepare, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_worker_init)
    chunks = [jobs[i:i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    in_flight: deque = deque()
    finished = False
    try:
        for chunk in chunks:
            # A bounded window: a worker faster than Whoosh must not pile prepared
            # files up in memory (at 20x that was half a gigabyte).
            if len(in_flight) >= _IN_FLIGHT:
                yield from in_flight.popleft().result()
            in_flight.append(pool.submit(_prepare_all, chunk))
        while in_flight:
            yield from in_flight.popleft().result()
        finished = True
    finally:
        # Done: wait for the idle worker to leave, so that nothing is torn down at exit
        # (the executor's exit hook then writes to a closed pipe). Stopped early: don't wait.
        pool.shutdown(wait=finished, cancel_futures=True)


def _prepare_all(jobs: list[tuple[str, str | None]]) -> list[_Prepared]:
    return [_prepare(job) for job in jobs]


def _index_file(absolute: str, prepared: _Prepared, writer: _Writer, report: IndexReport) -> None:
    known = writer.manifest.files.get(absolute)
    record = prepared.record
    for note in record.notes:
        report.notes.append(f"{record.path}: {note}")
    if record.unchanged:
        report.unchanged += 1
        writer.keep(absolute)
        return
    if record.skipped:
        report.skipped.append(record.skipped)
        if known and record.digest:
            writer.delete(absolute)  # readable but no longer an article (emptied, binary)
        else:
            writer.keep(absolute)  # unreadable now: keep what was indexed before, if anything
        return
    counts = writer.replace(absolute, record, prepared.quotations, prepared.terms)
    (report.updated if known else report.added).append(record.path)
    report.articles += len(record.articles)
    report.passages += counts[0]
    report.quotations += counts[1]
    for article in record.articles:
        if article.source_origin == "folder":
            report.folder_sources[article.source] = report.folder_sources.get(article.source, 0) + 1


def _collect(paths: list[Path], report: IndexReport) -> list[Path]:
    files: list[Path] = []
    seen: set[str] = set()
    for root in paths:
        try:
            for path in corpus.iter_files(root, lambda s: (report.left_out if s.not_article else report.skipped).append(s)):
                key = str(path.absolute())
                if key not in seen:
                    seen.add(key)
                    files.append(path)
        except corpus.CorpusError as e:
            report.errors.append(str(e))
    return files


# ---------------------------------------------------------------- the index on disk


@dataclass
class Manifest:
    """What the committed index holds, file by file: {absolute path: {digest, path, passages, quotations}},
    as of index generation `generation`."""

    files: dict[str, dict] = field(default_factory=dict)
    schema: int = SCHEMA_VERSION
    pipeline: int = PIPELINE_VERSION
    generation: int = -1

    @classmethod
    def load(cls, index_dir: Path) -> Manifest | None:
        try:
            data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
            return cls(files=data["files"], schema=data["schema"], pipeline=data["pipeline"],
                       generation=data.get("generation", -1))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def reconcile(self, ix) -> None:
        """After a crash between a commit and the manifest's update, the index holds files the
        manifest does not know: list them with no digest, so they are replaced, not duplicated."""
        if self.generation == ix.latest_generation():
            return
        with ix.searcher() as searcher:
            from whoosh import query as Q

            for term in searcher.reader().lexicon("file"):
                path = term.decode("utf-8")
                if path not in self.files and any(True for _ in searcher.docs_for_query(Q.Term("file", path))):
                    self.files[path] = {"digest": None, "path": path, "passages": 0, "quotations": 0}
        self.generation = ix.latest_generation()

    def save(self, index_dir: Path) -> None:
        tmp = index_dir / (MANIFEST + ".tmp")
        data = {"schema": self.schema, "pipeline": self.pipeline, "generation": self.generation, "files": self.files}
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, index_dir / MANIFEST)


def _open_for_writing(index_dir: Path, rebuild: bool, report: IndexReport):
    from whoosh import index as windex

    if index_dir.exists() and not index_dir.is_dir():
        raise IndexerError(f"{index_dir}: exists and is not a folder")
    exists = index_dir.is_dir() and bool(health.generations(index_dir))
    if not exists and index_dir.is_dir():
        strangers = [p.name for p in index_dir.iterdir() if not _ours(p.name)]
        if strangers:
            raise IndexerError(
                f"{index_dir}: not an index, and not empty ({len(strangers)} other files); "
                "choose another folder with --index")
    if not rebuild:
        _refuse_if_damaged(index_dir, exists)
    manifest = Manifest.load(index_dir) if exists else None
    if exists and not rebuild:
        if manifest is None:
            report.rebuilt = "the index had no readable manifest"
        elif manifest.schema != SCHEMA_VERSION or manifest.pipeline != PIPELINE_VERSION:
            report.rebuilt = "the index was built by another version of search"
    elif exists:
        report.rebuilt = "--rebuild"
    try:
        make_private_dir(index_dir)
        _make_files_private(index_dir)
        if exists and not report.rebuilt:
            ix = windex.open_dir(str(index_dir))
            manifest.reconcile(ix)
            return ix, manifest
        (index_dir / MANIFEST).unlink(missing_ok=True)
        ix = windex.create_in(str(index_dir), build_schema())
        write_format(index_dir)
        return ix, Manifest()
    except OSError as e:
        raise IndexerError(f"{index_dir}: cannot write the index ({e.strerror or e})") from None


def _refuse_if_damaged(index_dir: Path, exists: bool) -> None:
    """A damaged index is never updated as if it were whole (nor called "unchanged")."""
    if exists:
        problems = health.quick_check(index_dir)
        if not problems:
            try:
                from whoosh import index as windex

                windex.open_dir(str(index_dir)).doc_count()
            except Exception as e:  # a table of contents that does not read
                problems = [health.Problem("table of contents", f"cannot be read ({health._reason(e)})")]
    elif index_dir.is_dir() and health.was_committed(index_dir):
        problems = health.quick_check(index_dir)
    else:
        return
    if problems:
        raise IndexerError(health.damaged_message(index_dir, problems))


def _make_files_private(index_dir: Path) -> None:
    """Mode 0600 for what is there already (an index built before this rule) and for
    Whoosh's lock file, which Whoosh would create 0755."""
    lock = index_dir / "MAIN_WRITELOCK"
    if not lock.exists():
        os.close(os.open(lock, os.O_CREAT | os.O_WRONLY, 0o600))
    for entry in os.scandir(index_dir):
        if entry.is_file(follow_symlinks=False) and (entry.stat().st_mode & 0o077):
            os.chmod(entry.path, 0o600)


def _ours(name: str) -> bool:
    """A file an index folder may hold: ours, or Whoosh's (left behind by a run killed
    before its first commit: segment files, the lock, temporary files)."""
    return name in _HARMLESS or name.startswith(("MAIN_", "_MAIN_")) or name.endswith(".tmp")


class _Writer:
    """One Whoosh writer at a time, committed in batches, with the manifest kept in step."""

    def __init__(self, ix, index_dir: Path, manifest: Manifest, wait: float, commit_every: float):
        self.ix = ix
        self.index_dir = index_dir
        self.manifest = manifest
        self.wait = wait
        self.commit_every = commit_every
        self.committed = 0  # files looked at whose outcome is committed
        self.pending: dict[str, dict | None] = {}  # manifest changes waiting for the next commit
        self.kept: set[str] = set()
        self.looked_at = 0  # files seen since the last commit
        self.writer = None
        self.batch_started = time.monotonic()

    def _w(self):
        if self.writer is None:
            from whoosh.index import LockError

            try:
                self.writer = self.ix.writer(timeout=self.wait, compound=False, limitmb=POOL_MB)
            except LockError:
                raise IndexerError(
                    f"{self.index_dir}: another `search index` is writing this index; "
                    "try again when it finishes (or pass --wait SECONDS)") from None
            self.batch_started = time.monotonic()
        return self.writer

    def keep(self, absolute: str) -> None:
        self.kept.add(absolute)
        self.looked_at += 1

    def delete(self, absolute: str) -> None:
        self._w().delete_by_term("file", absolute)
        self.pending[absolute] = None
        self.looked_at += 1

    def replace(self, absolute: str, record: corpus.FileRecord, found: list[list[quotes.Quote]],
                terms: list[_Terms]) -> tuple[int, int]:
        w = self._w()
        if absolute in self.manifest.files or absolute in self.pending:
            w.delete_by_term("file", absolute)
        passages = quotations = 0
        numbered = enumerate(record.articles, start=1 if len(record.articles) > 1 else 0)
        for (part, article), article_quotes, article_terms in zip(numbered, found, terms):
            p, q = _add_article(w, article, part, article_quotes, article_terms)
            passages += p
            quotations += q
        self.pending[absolute] = {"digest": record.digest, "path": record.path,
                                  "passages": passages, "quotations": quotations}
        self.looked_at += 1
        return passages, quotations

    def maybe_commit(self) -> None:
        if self.writer is None:
            return
        pool = getattr(self.writer, "pool", None)
        full = pool is not None and getattr(pool, "currentsize", 0) > POOL_FLUSH * POOL_MB * 1024 * 1024
        if full or time.monotonic() - self.batch_started > self.commit_every:
            self.commit()

    def commit(self, final: bool = False) -> None:
        if self.writer is not None:
            # Segments are merged once, at the end, not at every intermediate commit.
            self.writer.commit(merge=final)
            self.writer = None
            self.manifest.generation = self.ix.latest_generation()
            health.record(self.index_dir, self.manifest.generation)
        for absolute, entry in self.pending.items():
            if entry is None:
                self.manifest.files.pop(absolute, None)
            else:
                self.manifest.files[absolute] = entry
        if self.pending or final:
            self.manifest.save(self.index_dir)
        self.pending = {}
        self.committed += self.looked_at
        self.looked_at = 0

    def cancel(self) -> None:
        writer, self.writer = self.writer, None
        self.pending = {}
        self.looked_at = 0
        if writer is not None:
            writer.cancel()

    def close(self) -> None:
        self.cancel()


def _add_article(writer, article: corpus.Article, part: int, found: list[quotes.Quote], terms: _Terms) -> tuple[int, int]:
    """One document per passage; its quotations go with it. Title quotations go with the first.

    `text`, `exact` and `title` arrive analyzed (as lists of terms, which Whoosh indexes
    as they are, positions in order); `_stored_text` and `_stored_title` keep the words."""
    by_paragraph: dict[int, list[quotes.Quote]] = {}
    for q in found:
        by_paragraph.setdefault(q.paragraph, []).append(q)
    common = {
        "file": article.file,
        "article": article.path,
        "title": terms.title,
        "_stored_title": article.title,
        "source": article.source,
        "source_facet": article.source.encode("utf-8"),
    }
    if article.date:
        common["date"] = date_number(article.date)
    if part:
        common["part"] = part
    for i, paragraph in enumerate(article.paragraphs):
        in_paragraph = by_paragraph.get(i, [])
        if i == 0:
            in_paragraph = by_paragraph.get(-1, []) + in_paragraph  # the title's go with the first passage
        doc = dict(common, pos=i + 1, text=terms.text[i], _stored_text=paragraph, exact=terms.exact[i],
                   quotes=[(q.start, q.end, q.speaker, q.cue, q.paragraph < 0) for q in in_paragraph])
        if in_paragraph:
            names = _unique(q.speaker for q in in_paragraph if q.speaker)
            doc.update(quoted="yes", quote=VALUE_SEP.join(q.text for q in in_paragraph),
                       speaker_facet="".join((q.speaker or "") + VALUE_SEP for q in in_paragraph).encode("utf-8"))
            if names:
                doc.update(speaker=VALUE_SEP.join(names), speakers=names)
        writer.add_document(**doc)
    return len(article.paragraphs), len(found)


def _unique(names) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out
