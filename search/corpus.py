"""Reading news articles from files and folders into `Article` records.

Formats (by extension, case-insensitive):

- `.txt`: a short first line followed by a blank line is the title; paragraphs
  are separated by blank lines, or are one per line when the file has none.
- `.md` / `.markdown`: optional front matter between `---` lines (`key: value`,
  with title, source, date, url, author); a first `# heading` is the title.
- `.json`: one article object, or a list of them; `.jsonl`: one object a line.
  The text is in `text`, `body` or `content`; title, source, date, url, author
  are optional.

Metadata can also come from a sidecar file, `metadata.json`, in the article's
folder: `{"file name": {"title": ..., "source": ...}, "*": {defaults}}`. The
article's own metadata wins over the sidecar, the sidecar over guesses. Where
nothing names the source, the parent folder's name stands in, and the article
says so (`source_origin == "folder"`): we never invent an outlet.

Nothing here raises on bad input: a file that cannot be read becomes a
`Skipped` record with the reason, and the caller goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SIDECAR = "metadata.json"
EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md", ".json": "json", ".jsonl": "jsonl"}
TEXT_KEYS = ("text", "body", "content")
# Files a folder of articles often holds that are not articles: left out of a folder
# walk (and listed), indexed when named on the command line.
NOT_ARTICLES = re.compile(r"(?i)(readme|licen[cs]e|copying|changelog|contributing|code_of_conduct)(?:[._-].*)?")
META_KEYS = ("title", "source", "date", "url", "author")

# Limits that keep memory bounded and work linear on hostile input.
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger files are skipped
MAX_ARTICLE_CHARS = 2_000_000  # an article is read this far (a news article is a few thousand)
MAX_PASSAGE_CHARS = 8_000  # longer paragraphs are cut into passages of at most this
TITLE_MAX_CHARS = 200

# Escape sequences and control characters are data, not instructions for a
# terminal: they never reach the index (tab and newline are kept).
_CONTROL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class Article:
    path: str  # as shown to the user and stored in the index: relative to the cwd when under it
    key: str  # absolute path of the file it came from (with #N for the N-th article of a JSON file)
    file: str  # absolute path of the file, the unit of incremental indexing
    paragraphs: list[str]
    title: str = ""
    source: str = ""
    source_origin: str = "metadata"  # "metadata" | "folder"
    date: str = ""
    url: str = ""
    author: str = ""


@dataclass
class Skipped:
    path: str
    reason: str
    not_article: bool = False  # a README or LICENSE beside the articles: left out, not a failure


@dataclass
class FileRecord:
    """One file read: its articles (maybe several for JSON), or why it was skipped."""

    path: str
    file: str
    digest: str = ""
    articles: list[Article] = field(default_factory=list)
    skipped: Skipped | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "not UTF-8: read as Windows-1252"
    unchanged: bool = False  # the digest matched the one the caller already had: not parsed


class CorpusError(Exception):
    """A path given by the user that cannot be read at all."""


def clean(text: str) -> str:
    """Neutralise terminal escape sequences and control characters."""
    return _CONTROL.sub("", text)


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the cwd when under it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path.absolute())


# ---------------------------------------------------------------- walking


def iter_files(root: Path, on_skip) -> Iterator[Path]:
    """Supported files under `root` (a file or a folder), sorted, hidden entries left out.

    Symbolic links to folders are followed once: a loop is reported, not walked.
    """
    if root.is_file():
        if root.suffix.lower() not in EXTENSIONS:
            raise CorpusError(f"{root}: not a supported file type (use .txt, .md, .json or .jsonl)")
        yield root
        return
    if not root.exists():
        raise CorpusError(f"{root}: no such file or directory")
    if not root.is_dir():
        raise CorpusError(f"{root}: not a file or directory")
    yield from _walk(root, on_skip)


def _walk(root: Path, on_skip) -> Iterator[Path]:
    """Depth first, in name order, with an explicit stack: nesting depth is not limited
    by Python's recursion limit."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as e:
            on_skip(Skipped(display_path(folder), _os_reason(e)))
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen:
            on_skip(Skipped(display_path(folder), "symbolic link loop: folder already visited"))
            continue
        seen.add(ident)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            on_skip(Skipped(display_path(folder), _os_reason(e)))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows symlinks; loops are caught by `seen`
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(path)
            elif entry.name != SIDECAR and path.suffix.lower() in EXTENSIONS:
                if NOT_ARTICLES.fullmatch(path.stem):
                    on_skip(Skipped(display_path(path), "not an article (name the file to index it)", not_article=True))
                else:
                    yield path
        stack.extend(reversed(subfolders))


def _os_reason(e: OSError) -> str:
    return (e.strerror or str(e)).lower()


# ---------------------------------------------------------------- reading


def read_file(path: Path, sidecars: SidecarCache | None = None, unchanged_digest: str | None = None) -> FileRecord:
    """Read one file into its articles; never raises for bad content.

    With `unchanged_digest`, a file whose content (and sidecar metadata) hashes to it
    is not parsed at all: the record comes back with `unchanged` set.
    """
    shown = display_path(path)
    absolute = str(path.absolute())
    record = FileRecord(path=shown, file=absolute)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or a device would block or never end; it is not an article.
            record.skipped = Skipped(shown, "not a regular file")
            return record
        size = st.st_size
        if size > MAX_FILE_BYTES:
            record.skipped = Skipped(shown, f"too large ({size // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB)")
            return record
        data = path.read_bytes()
    except OSError as e:
        record.skipped = Skipped(shown, _os_reason(e))
        return record

    meta = (sidecars or SidecarCache()).entry(path)
    if meta.error:
        record.notes.append(meta.error)
    record.digest = hashlib.sha256(data + json.dumps(meta.values, sort_keys=True).encode()).hexdigest()
    if record.digest == unchanged_digest:
        record.unchanged = True
        return record

    if b"\x00" in data[:65536]:
        record.skipped = Skipped(shown, "binary file (contains NUL bytes)")
        return record
    text, note = decode(data)
    del data
    if note:
        record.notes.append(note)
    kind = EXTENSIONS[path.suffix.lower()]
    if kind in ("txt", "md") and len(text) > MAX_ARTICLE_CHARS + 1000:
        # One article per file: cut before splitting, so a 50 MB one-line dump
        # costs 2 MB of work and memory, not a list of eight million words.
        record.notes.append(f"{len(text):,} characters: only the first {MAX_ARTICLE_CHARS:,} were indexed")
        text = text[:text.rfind(" ", 0, MAX_ARTICLE_CHARS) + 1 or MAX_ARTICLE_CHARS]
    text = clean(text)
    if not text.strip():
        record.skipped = Skipped(shown, "empty file")
        return record

    try:
        raw = _PARSERS[kind](text)
    except ValueError as e:
        record.skipped = Skipped(shown, str(e))
        return record

    many = len(raw) > 1
    for n, (fields, paragraphs) in enumerate(raw, start=1):
        if not paragraphs:
            record.notes.append(f"article {n}: no text" if many else "no text")
            continue
        paragraphs, total = _truncate(paragraphs)
        if total:
            where = f"article {n}: " if many else ""
            record.notes.append(f"{where}{total:,} characters: only the first {MAX_ARTICLE_CHARS:,} were indexed")
        article = Article(
            path=f"{shown}#{n}" if many else shown,
            key=f"{absolute}#{n}" if many else absolute,
            file=absolute,
            paragraphs=paragraphs,
        )
        _apply_metadata(article, fields, meta.values, path)
        record.articles.append(article)
    if not record.articles:
        record.skipped = Skipped(shown, "no article text found")
    return record


def _truncate(paragraphs: list[str]) -> tuple[list[str], int]:
    """The paragraphs up to MAX_ARTICLE_CHARS, and the article's full length if it was longer (else 0)."""
    total = sum(len(p) for p in paragraphs)
    if total <= MAX_ARTICLE_CHARS:
        return paragraphs, 0
    kept, size = [], 0
    for p in paragraphs:
        if size + len(p) > MAX_ARTICLE_CHARS:
            break
        kept.append(p)
        size += len(p)
    return kept, total


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM); otherwise Windows-1252, saying so."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as e:
        # cp1252 leaves five bytes undefined; replace them rather than fail.
        return data.decode("cp1252", errors="replace"), f"not UTF-8 (byte {e.start}): read as Windows-1252"


def _apply_metadata(article: Article, own: dict, sidecar: dict, path: Path) -> None:
    guessed_title = own.pop("_title_guess", "")
    for key in META_KEYS:
        value = own.get(key) or sidecar.get(key) or ""
        setattr(article, key, _one_line(value))
    if not article.title:
        article.title = guessed_title
    if not article.source:
        article.source = path.parent.absolute().name or "unknown"
        article.source_origin = "folder"
    article.date = normalise_date(article.date)


def _one_line(value) -> str:
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    return " ".join(clean(value).split())


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def normalise_date(value: str) -> str:
    """ISO dates sort and range-query as text: keep YYYY, YYYY-MM or YYYY-MM-DD, zero-padded."""
    m = _DATE.match(value.strip())
    if not m:
        return ""
    parts = [m.group(1)] + [p.zfill(2) for p in m.groups()[1:] if p]
    return "-".join(parts)


# ---------------------------------------------------------------- formats


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; one paragraph per line when there are no blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if re.search(r"\n[ \t]*\n", text):
        paragraphs = [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text)]
    else:
        paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return [p for part in paragraphs if part for p in _bound(part)]


def _bound(paragraph: str) -> list[str]:
    """Cut an over-long paragraph (a one-line dump) into passages at spaces, linear time."""
    if len(paragraph) <= MAX_PASSAGE_CHARS:
        return [paragraph]
    out, start = [], 0
    while start < len(paragraph):
        end = min(start + MAX_PASSAGE_CHARS, len(paragraph))
        if end < len(paragraph):
            cut = paragraph.rfind(" ", start + MAX_PASSAGE_CHARS // 2, end)
            end = cut if cut > start else end
        out.append(paragraph[start:end].strip())
        start = end
    return [p for p in out if p]


def _parse_txt(text: str) -> list[tuple[dict, list[str]]]:
    fields: dict = {}
    m = re.match(r"[ \t]*([^\n]+?)[ \t]*\r?\n[ \t]*\r?\n", text)
    if m and len(m.group(1)) <= TITLE_MAX_CHARS:
        fields["_title_guess"] = " ".join(m.group(1).split())
        text = text[m.end():]
    return [(fields, split_paragraphs(text))]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"(?m)^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)|(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|`")


def _parse_md(text: str) -> list[tuple[dict, list[str]]]:
    fields: dict = {}
    m = _FRONT_MATTER.match(text)
    if m:
        fields = parse_front_matter(m.group(1))
        text = text[m.end():]
    heading = re.match(r"\s*#\s+([^\n]+)\n", text)
    if heading:
        fields["_title_guess"] = heading.group(1).strip()
        text = text[heading.end():]
    text = _MD_MARKUP.sub("", _MD_LINK.sub(r"\1", text))
    return [(fields, split_paragraphs(text))]


def parse_front_matter(block: str) -> dict:
    """`key: value` lines, YAML-style; quotes around values removed. Lines that are not
    `key: value` are ignored (broken front matter loses only what is broken)."""
    fields = {}
    for line in block.splitlines():
        m = re.match(r"\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", line)
        if not m:
            continue
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[m.group(1).lower()] = value
    return fields


def _parse_json(text: str) -> list[tuple[dict, list[str]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"invalid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    items = data if isinstance(data, list) else [data]
    return [_json_article(item, n) for n, item in enumerate(items, start=1)]


def _parse_jsonl(text: str) -> list[tuple[dict, list[str]]]:
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"invalid JSON on line {lineno} ({e.msg})") from None
        out.append(_json_article(item, lineno))
    return out


def _json_article(item, n: int) -> tuple[dict, list[str]]:
    if not isinstance(item, dict):
        raise ValueError(f"JSON article {n} is a {type(item).__name__}, not an object")
    body = next((item[k] for k in TEXT_KEYS if item.get(k)), "")
    if isinstance(body, list) and all(isinstance(p, str) for p in body):
        body = "\n\n".join(body)
    if not isinstance(body, str):
        raise ValueError(f"JSON article {n}: 'text' is a {type(body).__name__}, not a string")
    fields = {k: item[k] for k in META_KEYS if isinstance(item.get(k), (str, int, float))}
    return fields, split_paragraphs(clean(body))


_PARSERS = {"txt": _parse_txt, "md": _parse_md, "json": _parse_json, "jsonl": _parse_jsonl}


# ---------------------------------------------------------------- sidecars


@dataclass
class SidecarEntry:
    values: dict
    error: str = ""


class SidecarCache:
    """`metadata.json` files, read once per folder."""

    def __init__(self) -> None:
        self._folders: dict[Path, tuple[dict, str]] = {}
        self._reported: set[Path] = set()

    def entry(self, path: Path) -> SidecarEntry:
        table, error = self._load(path.parent)
        if error and path.parent in self._reported:
            error = ""  # say it once per folder, not once per file
        self._reported.add(path.parent)
        values = dict(table.get("*") or {})
        values.update(table.get(path.name) or {})
        values = {k: v for k, v in values.items() if k in META_KEYS and isinstance(v, (str, int, float))}
        return SidecarEntry(values, error)

    def _load(self, folder: Path) -> tuple[dict, str]:
        if folder not in self._folders:
            sidecar = folder / SIDECAR
            table, error = {}, ""
            if sidecar.is_file():
                try:
                    table = json.loads(sidecar.read_text(encoding="utf-8-sig"))
                    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
                        table, error = {}, f"{display_path(sidecar)}: ignored, not an object of objects"
                except (OSError, ValueError) as e:
                    table, error = {}, f"{display_path(sidecar)}: ignored ({e})"
            self._folders[folder] = (table, error)
        return self._folders[folder]
