"""The build state: what one build keeps for the next, in one folder, opened and saved in one place.

    .cache/terang/
        stamp.json                 the no-change stamp (terang.build.stamp)
        markdown/0.txt … f.txt     rendered Markdown bodies, by the first digit of their key
        teks.jsonl                 answers about texts: front matter, reading time, clean scans
        keluaran/<16 hex>/         one namespace per output folder:
            halaman.jsonl              what each page read (terang.build.incremental)
            pindai.jsonl               clean results of the output scans
            sha256.jsonl               the files' digests behind SHA256SUMS
            cari.jsonl                 what each part of the search index was made from

Every file is data, never code: a first line of JSON, the header, then the body. The header
carries one code key (all of Terang's modules and the libraries that shape the output), and in
a namespace the output folder it belongs to; a file whose header is not this build's is not
read. Each entry of a body is checked again when it is used. Writes are atomic, and a project
that cannot be written (read-only, disk full) still builds: it is just not faster next time.

Only the build stage opens the store (terang.build.pipeline). The other stages take what they
need as values or small protocols (terang.reuse).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from terang.digest import PACKAGE, digest, file_digest
from terang.inputs.paths import STATE_DIR as CACHE_DIR
from terang.publish.beside import prefix

LIBRARIES = ("jinja2", "markdown", "nh3", "babel", "pyyaml", "pandas", "pypdf", "pillow", "pagefind_bin")
NAMESPACES = "keluaran"
MARKDOWN = "markdown"
ANSWERS = "teks.jsonl"
PAGES, SCANS, DIGESTS, SEARCH = "halaman.jsonl", "pindai.jsonl", "sha256.jsonl", "cari.jsonl"
# Where earlier versions of Terang kept their state: removed, never read (pickles among them).
LEGACY = ("markdown.pickle", "teksmemo.pickle", "teksmemo.jsonl")
LEGACY_BESIDE = (".pindai.pickle", ".pindai.json", ".sha256.pickle", ".sha256.json", ".cari.json")


@lru_cache(maxsize=1)
def code_key() -> str:
    """Changes whenever any of Terang's modules, or a library that shapes the output, changes."""
    sources = [(p.relative_to(PACKAGE).as_posix(), file_digest(p)) for p in sorted(PACKAGE.rglob("*.py"))]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, ""))
    return digest(sources, versions)


def namespace(root: Path, out: Path) -> Path:
    """The folder of an output folder's state."""
    return root / CACHE_DIR / NAMESPACES / hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]


def read_bytes(path: Path, line: bool = False) -> bytes | None:
    """A state file's bytes (only its first line with `line`), or None when it is missing, unreadable
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


def write_bytes(path: Path, *chunks: bytes | memoryview) -> None:
    """Write a state file atomically, so a build stopped halfway leaves the old file intact."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            if len(chunks) > 8:
                stream.write(b"".join(chunks))  # one write: quicker than thousands of small ones
            else:
                for chunk in chunks:  # a few large ones: not copied into one more
                    stream.write(chunk)
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


def remove(paths: Any) -> None:
    """Delete state files (those of earlier versions are never read, so nothing planted there runs)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


class Store:
    """The state of the builds of one project into one output folder."""

    def __init__(self, root: Path, out: Path, clean: bool = False) -> None:
        self.root = root
        self.out = out.resolve()
        self.clean = clean  # --clean: nothing kept is read; everything is written again
        self.folder = root / CACHE_DIR
        self.space = namespace(root, self.out)

    def header(self, path: Path, data: bytes | None = None) -> dict[str, Any]:
        """The header of a state file, {} when it is missing, damaged, of other code or of another output folder."""
        if self.clean:
            return {}
        first = (data.partition(b"\n")[0] if data is not None else read_bytes(path, line=True))
        header = loads(first)
        if type(header) is not dict or header.get("kode") != code_key():
            return {}
        if path.parent == self.space and header.get("keluaran") != str(self.out):
            return {}
        return header

    def read(self, name: str, shared: bool = False) -> tuple[dict[str, Any], bytes]:
        """A state file's header and body (`shared`: of the project, else of this output folder); ({}, b'') when unusable."""
        path = (self.folder if shared else self.space) / name
        data = None if self.clean else read_bytes(path)
        if data is None:
            return {}, b""
        header = self.header(path, data)
        return (header, data.partition(b"\n")[2]) if header else ({}, b"")

    def lines(self, name: str, shared: bool = False) -> tuple[dict[str, Any], list[bytes]]:
        """read() of a file of JSON lines: its lines, unparsed (a file cut short is not trusted)."""
        header, body = self.read(name, shared)
        if not header or (body and not body.endswith(b"\n")):
            return {}, []
        return header, body.split(b"\n")[:-1]

    def write(self, name: str, body: list[bytes | memoryview], shared: bool = False, **extra: Any) -> None:
        """Write a state file atomically: the header (the code key, the output folder, `extra`), then `body`."""
        header = {"kode": code_key(), **({} if shared else {"keluaran": str(self.out)}), **extra}
        write_bytes((self.folder if shared else self.space) / name, dumps(header).encode() + b"\n", *body)

    def forget(self, name: str, shared: bool = False) -> None:
        remove([(self.folder if shared else self.space) / name])

    def tidy(self) -> None:
        """Remove the state of output folders that are gone, and the files of earlier versions of Terang."""
        remove(self.folder / name for name in LEGACY)
        remove([*(self.folder / MARKDOWN).glob("*.pickle"), *(self.folder / MARKDOWN).glob("*.json")])
        spaces = self.folder / NAMESPACES
        remove([*spaces.glob("*.jsonl"), *spaces.glob("*.json"), *spaces.glob("*.pickle")])  # one file per output, before
        remove(self.out.parent / (prefix(self.out) + suffix[1:]) for suffix in LEGACY_BESIDE)
        for space in spaces.iterdir() if spaces.is_dir() else ():
            if space == self.space or not space.is_dir() or space.is_symlink():
                continue
            owner = loads(read_bytes(space / PAGES, line=True))
            kept = owner.get("keluaran") if type(owner) is dict else None
            if not (type(kept) is str and kept and Path(kept).is_dir()):
                remove(space.iterdir())
                try:
                    space.rmdir()
                except OSError:
                    pass
