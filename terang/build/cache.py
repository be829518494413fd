"""The build cache under .cache/terang/: digests, atomic JSON files and rendered Markdown.

A cached Markdown body is keyed by everything that can change its HTML: the code of Terang
and of the libraries that render it, the body text and where it sits, the page's URL, the set
of pages and files links may point to, and the figures its placeholders insert.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle  # only to digest values in memory (_feed); nothing is ever unpickled
import re
import stat
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

from terang.errors import Problem
from terang.content.parallel import render_all
from terang.content.markdown import PLACEHOLDER, Rendered, Targets, render_markdown
from terang.model import Body

CACHE_DIR = Path(".cache") / "terang"
LIBRARIES = ("jinja2", "markdown", "nh3", "babel", "pyyaml", "pandas")


def digest(*parts: Any) -> str:
    """A SHA-256 of the whole content of `parts`, the same in every run for the same content."""
    hasher = hashlib.sha256()
    _feed(hasher, parts)
    return hasher.hexdigest()


def _feed(hasher: Any, value: Any) -> None:
    """Walk a value completely: repr() may shorten (pandas) or vary between runs (sets)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes, dt.date, dt.time, Decimal)):
        hasher.update(f"{type(value).__name__}:{value!r};".encode("utf-8", "surrogatepass"))
    elif (names := _field_names(type(value))) is not None:
        hasher.update(f"{type(value).__qualname__}(".encode())
        for name in names:
            hasher.update(name.encode() + b"=")
            _feed(hasher, getattr(value, name))
        hasher.update(b")")
    elif isinstance(value, (tuple, list)):
        hasher.update(f"{type(value).__name__}[{len(value)}](".encode())
        for item in value:
            _feed(hasher, item)
        hasher.update(b")")
    elif isinstance(value, Mapping):
        hasher.update(f"map[{len(value)}](".encode())
        for key in sorted(value, key=digest):
            _feed(hasher, key)
            _feed(hasher, value[key])
        hasher.update(b")")
    elif isinstance(value, (set, frozenset)):
        hasher.update(f"set[{len(value)}](".encode() + "".join(sorted(digest(v) for v in value)).encode() + b")")
    else:  # anything else by its full pickled state; if that fails, never equal to an earlier build
        try:
            hasher.update(type(value).__qualname__.encode() + pickle.dumps(value, protocol=5))
        except Exception:
            hasher.update(f"{id(value)}:{os.urandom(8).hex()}".encode())


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (for its instances), None for any other type."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None


def sha256_file(path: Path | str) -> str:
    """The SHA-256 of a file, in hex, read in pieces (raises OSError when it cannot be read)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file's bytes, or '' when it does not exist."""
    try:
        return sha256_file(path)
    except OSError:
        return ""


@lru_cache(maxsize=1)
def code_key() -> str:
    """Changes whenever Terang's code or a library that shapes the output changes."""
    package = Path(__file__).resolve().parent
    sources = [(p.relative_to(package).as_posix(), file_digest(p)) for p in sorted(package.rglob("*.py"))]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, ""))
    return digest(sources, versions)


def read_bytes(path: Path, line: bool = False) -> bytes | None:
    """A cache file's bytes (only its first line with `line`), or None when it is missing, unreadable
    or not a regular file: a link, a pipe that would block the build, a device that never ends."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            return stream.readline(1 << 16) if line else stream.read()
    except OSError:
        return None


def read_text(path: Path) -> str | None:
    """A cache file's text, or None when it cannot be read (read_bytes()) or is not UTF-8 (a cache may vanish or be damaged)."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        return None


def write_bytes(path: Path, *chunks: bytes | memoryview) -> None:
    """Write a cache file atomically, so a build stopped halfway leaves the old file intact."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(b"".join(chunks))  # one write: quicker than thousands of small ones
        os.replace(temporary, path)
    except OSError:  # a read-only project or a full disk still builds; it is just not faster next time
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def write_text(path: Path, text: str) -> None:
    """write_bytes() of a text in UTF-8 (a text that cannot be written so is not kept)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return
    write_bytes(path, data)


def dumps(value: Any) -> str:
    """Compact JSON, ASCII only: the C encoder, and no lone surrogate can make the file unwritable."""
    return json.dumps(value, separators=(",", ":"))


_DECODE = json.JSONDecoder().raw_decode  # the C scanner, without json.loads()'s layers: thousands of calls a build


def loads(text: str | bytes | None) -> Any:
    """A JSON value, or None when `text` is missing or not exactly one JSON value (deep nesting included)."""
    if text is None:
        return None
    try:
        if type(text) is bytes:
            text = text.decode("utf-8")
        value, end = _DECODE(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None
    return value if end == len(text) or not text[end:].strip() else None


def read_json(path: Path) -> dict[str, Any]:
    """A JSON cache file's object, or {} when it is missing, unreadable or not a JSON object."""
    value = loads(read_text(path))
    return value if isinstance(value, dict) else {}


def write_json(path: Path, value: dict[str, Any]) -> None:
    """Write a JSON cache file atomically (dumps() has the C encoder, dump() does not)."""
    write_text(path, dumps(value))


def read_lines(path: Path) -> tuple[dict[str, Any], list[bytes]]:
    """A JSON-lines cache file: its header (a JSON object on the first line) and its other lines, as bytes, unparsed.

    ({}, []) when the file is missing or its header is not an object. Each caller parses and
    checks only the lines it needs, so a file of thousands of records is not parsed whole.
    """
    data = read_bytes(path)
    if data is None:
        return {}, []
    lines = data.split(b"\n")
    header = loads(lines[0])
    if not isinstance(header, dict):
        return {}, []
    return header, lines[1:-1] if len(lines) > 1 and not lines[-1] else []  # a file cut short is not trusted


def read_header(path: Path) -> dict[str, Any]:
    """Only the header line of a JSON-lines cache file ({} when there is none)."""
    header = loads(read_bytes(path, line=True))
    return header if isinstance(header, dict) else {}


def write_lines(path: Path, header: dict[str, Any], lines: list[bytes | memoryview]) -> None:
    """Write a JSON-lines cache file atomically: the header, then `lines` (pieces of lines, each line ending with a newline)."""
    write_bytes(path, dumps(header).encode() + b"\n", *lines)


def remove_old(paths: Any) -> None:
    """Delete cache files of earlier versions (pickles): they are never read, so nothing planted there runs."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


@dataclass
class MarkdownCache:
    """Rendered bodies of earlier builds; keeps only the entries this build used."""

    path: Path
    entries: dict[str, Rendered]
    stale: set[str] = field(default_factory=set)  # shards whose file held something this build did not trust
    used: dict[str, Rendered] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    _links: tuple[int, str] = (0, "")
    fresh: set[str] = field(default_factory=set)  # source paths of the bodies converted in this build (new or changed)
    wholes: Any = None  # a terang.build.wholes.Wholes told which key each body came from

    @classmethod
    def open(cls, root: Path, clean: bool) -> "MarkdownCache":
        """The cache of earlier builds of this project; empty with `clean` or after a code change.

        It is kept in SHARDS files by the first digit of each key: an edit rewrites one or two
        of them, not tens of MB. An entry that is not what save() writes is dropped and its body
        rendered again; a damaged shard is dropped whole.
        """
        path = root / CACHE_DIR / "markdown"
        remove_old([root / CACHE_DIR / "markdown.pickle", *(path / f"{shard}.pickle" for shard in SHARDS)])
        entries: dict[str, Rendered] = {}
        stale: set[str] = set(SHARDS) if clean else set()  # a clean build rewrites or removes every shard
        for shard in ([] if clean else SHARDS):
            part = read_shard(path / f"{shard}.txt")
            kept = {key: Rendered(html, headings) for key, (html, headings) in part.items() if key[:1] == shard and _stored(html, headings)}
            if len(kept) != len(part) or not part:
                stale.add(shard)  # missing, damaged, of other code or holding a body Terang did not render: written again
            entries.update(kept)
        return cls(path, entries, stale)

    def render(self, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        """render_markdown(), or its earlier result when nothing it depends on changed."""
        return self._render(self.key(body, page_url, targets), body, page_url, targets)

    def _render(self, key: str, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        rendered, problems = self._lookup(key, body, page_url, targets)
        if self.wholes is not None:
            self.wholes.seed(rendered, "markdown:" + key)  # the same key always renders the same HTML
        return rendered, problems

    def _lookup(self, key: str, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        rendered = self.entries.get(key)
        if rendered is not None:
            self.reused += 1
            self.used[key] = rendered
            return rendered, []
        self.rendered += 1
        self.fresh.add(body.path)
        rendered, problems = render_markdown(body, page_url, targets)
        if not problems:  # a failing body is rendered again, so its errors are reported again
            self.used[key] = rendered
        return rendered, problems

    def render_many(self, jobs: list[tuple[Body, str]], targets: Targets) -> list[tuple[Rendered, list[Problem]]]:
        """render() for many bodies: cached ones are reused, the rest rendered on every core."""
        keys = [self.key(body, url, targets) for body, url in jobs]
        missing = [i for i, key in enumerate(keys) if key not in self.entries]
        fresh = dict(zip(missing, render_all([jobs[i] for i in missing], targets)))
        results = []
        for index, key in enumerate(keys):
            if index not in fresh:
                results.append(self._render(key, *jobs[index], targets))
                continue
            rendered, problems = fresh[index]
            self.fresh.add(jobs[index][0].path)
            if self.wholes is not None:
                self.wholes.seed(rendered, "markdown:" + key)
            self.rendered += 1
            if not problems:
                self.used[key] = rendered
            results.append((rendered, problems))
        return results

    def key(self, body: Body, page_url: str, targets: Targets) -> str:
        """Everything the HTML of this body depends on, as one digest."""
        snippets = sorted({f"{m.group(1)}:{m.group(2)}" for m in PLACEHOLDER.finditer(body.text)}) if "[[" in body.text else []
        # A JSON array ends where its brackets close, so header and text cannot run into each other;
        # much faster than digest(), and the long text is hashed as it is.
        header = [body.path, body.line, page_url, self.links(targets), [(s, targets.snippets.get(s)) for s in snippets]]
        hasher = hashlib.sha256(json.dumps(header).encode())
        hasher.update(body.text.encode("utf-8", "surrogatepass"))
        return hasher.hexdigest()

    def links(self, targets: Targets) -> str:
        """What internal links may point to; it changes only when pages or files come or go."""
        if self._links[0] != id(targets):
            self._links = (id(targets), digest(sorted(targets.pages), sorted(targets.files), sorted(targets.sources.items())))
        return self._links[1]

    def save(self) -> None:
        """Keep the entries this build used; the others are stale. Only shards whose entries changed are written."""
        used: dict[str, dict[str, Rendered]] = {shard: {} for shard in SHARDS}
        kept: dict[str, set[str]] = {shard: set() for shard in SHARDS}
        for key, rendered in self.used.items():
            used[key[0]][key] = rendered
        for key in self.entries:
            kept.setdefault(key[0], set()).add(key)
        for shard in SHARDS:
            if used[shard].keys() == kept[shard] and shard not in self.stale:
                continue
            if used[shard]:
                write_shard(self.path / f"{shard}.txt", used[shard])
            else:
                remove_old([self.path / f"{shard}.txt"])


SHARDS = "0123456789abcdef"  # the first hex digit of a Markdown cache key
KEY = re.compile(r"[0-9a-f]{64}")

# Elements the sanitiser never lets through (terang.content.markdown escapes '<' even inside attributes): a cached
# body holding one was not rendered by Terang. ASCII classes, not IGNORECASE: twice as fast, as strict.
NEVER_RENDERED = re.compile(r"<[sS](?:[cC][rR][iI][pP][tT]|[tT][yY][lL][eE])")


def read_shard(path: Path) -> dict[str, tuple[str, str]]:
    """A Markdown cache shard: {key: (html, headings)}; {} when missing, damaged or of other code.

    The file is a JSON line `{"kode": code_key(), "isi": [[key, html length, headings length], ...]}`
    followed by the texts themselves, one after the other. The texts are not JSON strings: HTML is
    full of quotes, and unescaping them made loading the cache seven times slower than slicing.
    """
    text = read_text(path)
    if text is None:
        return {}
    first, _, body = text.partition("\n")
    header = loads(first)
    if type(header) is not dict or header.get("kode") != code_key() or type(header.get("isi")) is not list:
        return {}
    part: dict[str, tuple[str, str]] = {}
    start = 0
    for entry in header["isi"]:
        if type(entry) is not list or len(entry) != 3 or type(entry[0]) is not str or not KEY.fullmatch(entry[0]):
            return {}
        html, headings = entry[1], entry[2]
        if type(html) is not int or type(headings) is not int or html < 0 or headings < 0:
            return {}
        middle, end = start + html, start + html + headings
        part[entry[0]] = (body[start:middle], body[middle:end])
        start = end
    return part if start == len(body) else {}  # every text accounted for, nothing cut short or added


def write_shard(path: Path, entries: Mapping[str, Rendered]) -> None:
    """Write a Markdown cache shard atomically (see read_shard)."""
    index = [[key, len(r.html), len(r.headings)] for key, r in entries.items()]
    write_text(path, dumps({"kode": code_key(), "isi": index}) + "\n" + "".join(r.html + r.headings for r in entries.values()))


def _stored(html: str, headings: str) -> bool:
    """Whether a cached body is one Terang renders: sanitised HTML, headings as JSON [[level, id, title], ...]."""
    if NEVER_RENDERED.search(html):
        return False
    parsed = loads(headings)
    return type(parsed) is list and all(
        type(h) is list and len(h) == 3 and type(h[0]) is int and type(h[1]) is str and type(h[2]) is str for h in parsed)
