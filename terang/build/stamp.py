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
import stat
import sys
from pathlib import Path
from typing import Any

from terang.inputs.paths import INPUTS, STATE_DIR
from terang.publish.beside import staging_folders
from terang.urls import SEARCH_BUNDLE as SEARCH_INDEX
from terang.walk import identity, input_files

STAMP = STATE_DIR / "stamp.json"
CODE = Path(__file__).resolve().parent.parent  # Terang's own code: every subpackage counts


def fingerprint(root: Path, out: Path, settings: dict[str, object]) -> str:
    """Digest of every input file's name, size and mtime, the options, the day and the code.

    The inputs are walked as the preview's watcher walks them (terang.walk.input_files), in
    directory order, not sorted: a new order is only a needless build.
    """
    # A line per input file, its name and identity (terang.walk.identity); `-` for an input that is not there at all.
    lines = [f"{name}\0-\n" if info is None else "%s\0%d\0%d\0%d\n" % (name, *identity(info))
             for folder, names in ((root, INPUTS), (CODE.parent, (CODE.name,))) for name, info in input_files(folder, names)]
    hasher = hashlib.sha256("".join(lines).encode("utf-8", "surrogateescape"))
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    hasher.update(json.dumps([str(root), str(out), settings, epoch, dt.date.today().isoformat(), sys.version], sort_keys=True, default=str).encode())
    return hasher.hexdigest()


def published(out: Path) -> str:
    """Identity of every file in the published folder: a swap or an edit by hand changes it.

    The search index (pagefind/, thousands of content-named files nobody edits by hand) counts
    by its folders' identities and file names: adding, removing or renaming a file changes them.
    """
    if not (out / "SHA256SUMS").is_file():
        return ""
    lines: list[str] = []
    _walk_output(str(out), lines, True, top=True)
    return hashlib.sha256("".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def _walk_output(path: str, lines: list[str], files: bool, top: bool = False) -> None:
    """Lines of identity: every file's (or, with `files` False, every folder's, and the file names)."""
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                names_only = not files or (top and entry.name == SEARCH_INDEX)
                if names_only:
                    info = entry.stat(follow_symlinks=False)
                    lines.append(f"{entry.path}/\0{info.st_ino}\0{info.st_mtime_ns}\n")
                _walk_output(entry.path, lines, not names_only)
            elif files:
                info = entry.stat(follow_symlinks=False)
                lines.append("%s\0%d\0%d\0%d\n" % (entry.path, *identity(info)))
            else:
                lines.append(f"{entry.path}\n")


def unchanged(root: Path, out: Path, current: str) -> dict[str, int] | None:
    """The page and file counts of the last build when nothing changed since (`current`: the inputs'
    fingerprint now); None otherwise."""
    saved = read_stamp(root)
    if saved is None or saved["fingerprint"] != current:
        return None
    if staging_folders(out):
        return None  # an interrupted build left a staging folder: the full path cleans it
    if not saved["published"] or saved["published"] != published(out):
        return None
    return {"pages": saved["pages"], "files": saved["files"]}


def read_stamp(root: Path) -> dict[str, Any] | None:
    """The record remember() wrote, or None when it is missing or not exactly that shape (JSON data, never code)."""
    try:  # not a link, a pipe or a device: the build would follow it, block on it or read it forever
        handle = os.open(root / STAMP, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            saved = json.loads(stream.read(1 << 16))
    except (OSError, ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if type(saved) is not dict or saved.keys() != {"fingerprint", "published", "pages", "files"}:
        return None
    if not all(type(saved[key]) is str for key in ("fingerprint", "published")):
        return None
    if not all(type(saved[key]) is int and saved[key] >= 0 for key in ("pages", "files")):
        return None
    return saved


def remember(root: Path, out: Path, before: str, pages: int, files: int) -> None:
    """Record a good build, just swapped in; a read-only project just loses the fast path.

    `before` is the inputs' fingerprint taken before the build read them: a file saved while
    the build ran then differs from it, and the next build is not skipped.
    """
    from terang.build.store import write_text  # atomic, and leaves no temporary file when the disk is full (after a build: not the fast path)

    record = {"fingerprint": before, "published": published(out), "pages": pages, "files": files}
    write_text(root / STAMP, json.dumps(record))


def forget(root: Path) -> None:
    try:
        (root / STAMP).unlink()
    except OSError:
        pass
