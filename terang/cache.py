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
import pickle
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

from .errors import Problem
from .parallel import render_all
from .markup import PLACEHOLDER, Rendered, Targets, render_markdown
from .model import Body

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


def read_json(path: Path) -> dict[str, Any]:
    """A cache file's content, or {} when it is missing or unreadable (a cache may vanish)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def write_json(path: Path, value: dict[str, Any]) -> None:
    """Write a cache file atomically, so a build stopped halfway leaves the old file intact."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(json.dumps(value, ensure_ascii=False, sort_keys=True))  # dumps() has the C encoder, dump() does not
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only project still builds; it is just not faster next time


def read_pickle(path: Path, header_only: bool = False) -> tuple[dict[str, Any], Any]:
    """A pickled cache file's header and body (({}, None) when missing or unreadable; the body only when asked).

    The header comes first in the file, so which output folder a record belongs to can be
    read without loading the records. Cache files are the project's own, like its templates.
    """
    try:
        with path.open("rb") as stream:
            header = pickle.load(stream)
            body = None if header_only else pickle.load(stream)
    except Exception:  # a cache may vanish, be cut short or come from another Python
        return {}, None
    return (header, body) if isinstance(header, dict) else ({}, None)


def write_pickle(path: Path, header: dict[str, Any], body: Any) -> None:
    """Write a pickled cache file atomically (see write_json)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(header, stream, protocol=5)
            pickle.dump(body, stream, protocol=5)
        os.replace(temporary, path)
    except OSError:
        pass


@dataclass
class MarkdownCache:
    """Rendered bodies of earlier builds; keeps only the entries this build used."""

    path: Path
    entries: dict[str, Any]
    used: dict[str, Any] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    _links: tuple[int, str] = (0, "")
    fresh: set[str] = field(default_factory=set)  # source paths of the bodies converted in this build (new or changed)
    wholes: Any = None  # a terang.wholes.Wholes told which key each body came from

    @classmethod
    def open(cls, root: Path, clean: bool) -> "MarkdownCache":
        """The cache of earlier builds of this project; empty with `clean` or after a code change.

        It is kept in SHARDS files by the first digit of each key: an edit rewrites one or two
        of them, not tens of MB.
        """
        path = root / CACHE_DIR / "markdown"
        try:
            (root / CACHE_DIR / "markdown.pickle").unlink(missing_ok=True)  # the one file earlier versions kept
        except OSError:
            pass
        entries: dict[str, Any] = {}
        for shard in ([] if clean else SHARDS):
            header, part = read_pickle(path / f"{shard}.pickle")
            if header.get("kode") == code_key() and isinstance(part, dict):
                entries.update(part)
        return cls(path, entries)

    def render(self, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        """render_markdown(), or its earlier result when nothing it depends on changed."""
        return self._render(self.key(body, page_url, targets), body, page_url, targets)

    def _render(self, key: str, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        rendered, problems = self._lookup(key, body, page_url, targets)
        if self.wholes is not None:
            self.wholes.seed(rendered, "markdown:" + key)  # the same key always renders the same HTML
        return rendered, problems

    def _lookup(self, key: str, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        entry = self.entries.get(key)
        if _stored(entry):
            rendered = Rendered(*entry)
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
        missing = [i for i, key in enumerate(keys) if not _stored(self.entries.get(key))]
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
            if used[shard].keys() == kept[shard] and all(_stored(self.entries[key]) for key in kept[shard]):
                continue
            if used[shard]:
                # plain texts (html, headings): unpickling thousands of objects would cost more than the rest of the file
                write_pickle(self.path / f"{shard}.pickle", {"kode": code_key()}, {key: (r.html, r.headings) for key, r in used[shard].items()})
            else:
                try:
                    (self.path / f"{shard}.pickle").unlink(missing_ok=True)
                except OSError:  # a read-only project
                    pass


SHARDS = "0123456789abcdef"  # the first hex digit of a Markdown cache key


def _stored(entry: Any) -> bool:
    """Whether a cache entry has the shape save() writes."""
    return isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str) and isinstance(entry[1], str)
