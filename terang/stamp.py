"""The no-change fast path: a fingerprint of every input, taken after each good build.

When nothing under content/, data/, templates/ or situs.yml changed (names, sizes and
modification times), the options and Terang's own code are the same, and the published
folder is still the one that build swapped in, the build has nothing to do. This module
imports nothing heavy, so that answer takes a few milliseconds of stat() calls.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path

INPUTS = ("content", "data", "templates", "situs.yml")
STAMP = Path(".cache") / "terang" / "stamp.json"
CODE = Path(__file__).resolve().parent


def _walk(path: Path, hasher: "hashlib._Hash") -> None:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except NotADirectoryError:
        info = path.stat()
        hasher.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        return
    except FileNotFoundError:
        hasher.update(f"{path}\0-\n".encode("utf-8", "surrogateescape"))
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(Path(entry.path), hasher)
        else:
            info = entry.stat()  # follows links: a linked file that changes is a change
            hasher.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))


def fingerprint(root: Path, out: Path, settings: dict[str, object]) -> str:
    """Digest of every input file's name, size and mtime, the options, the day and the code."""
    hasher = hashlib.sha256()
    for name in INPUTS:
        _walk(root / name, hasher)
    _walk(CODE, hasher)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    hasher.update(json.dumps([str(out), settings, epoch, dt.date.today().isoformat(), sys.version], sort_keys=True, default=str).encode())
    return hasher.hexdigest()


def published(out: Path) -> str:
    """Identity of every file in the published folder: a swap or an edit by hand changes it."""
    if not (out / "SHA256SUMS").is_file():
        return ""
    hasher = hashlib.sha256()
    _walk_output(out, hasher)
    return hasher.hexdigest()


def _walk_output(path: Path, hasher: "hashlib._Hash") -> None:
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False):
            _walk_output(Path(entry.path), hasher)
        else:
            info = entry.stat(follow_symlinks=False)
            hasher.update(f"{entry.path}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))


def unchanged(root: Path, out: Path, settings: dict[str, object]) -> dict[str, int] | None:
    """The page and file counts of the last build when nothing changed since; None otherwise."""
    try:
        saved = json.loads((root / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if any(out.parent.glob(f".{out.name}.baru-*")) or any(out.parent.glob(f".{out.name}.lama-*")):
        return None  # an interrupted build left a staging folder: the full path cleans it
    if saved.get("fingerprint") != fingerprint(root, out, settings) or saved.get("published") != published(out) or not saved.get("published"):
        return None
    return {"pages": int(saved["pages"]), "files": int(saved["files"])}


def remember(root: Path, out: Path, settings: dict[str, object], pages: int, files: int) -> None:
    """Record a good build; a read-only project just loses the fast path."""
    record = {"fingerprint": fingerprint(root, out, settings), "published": published(out), "pages": pages, "files": files}
    try:
        (root / STAMP).parent.mkdir(parents=True, exist_ok=True)
        temporary = root / STAMP.with_suffix(".tmp")
        temporary.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temporary, root / STAMP)
    except OSError:
        pass


def forget(root: Path) -> None:
    try:
        (root / STAMP).unlink()
    except OSError:
        pass
