"""Walks of folders: a built folder's regular files with their stats, a sorted walk of sources, and the inputs.

The finishers (CSP scan, privacy scan, `_headers`) all need the same list of files and the
same identities; at 11,000 files, walking and stat-ing once instead of once per finisher,
and keeping names as strings rather than Path objects, saves a large part of a rebuild.

The inputs of a project (terang.inputs.paths.INPUTS) are walked in one way for whoever asks
whether they changed: the preview's watcher and the no-change stamp (input_files).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

Listing = dict[str, os.stat_result]  # POSIX name under the folder -> stat (links followed)
# What editors' tools leave beside the files they edit: swap and lock files, backups~, Finder and
# Explorer records. Never an input: the build skips them in content/ without a word, the watcher
# does not rebuild for them (vim rewrites its swap file while the editor types).
JUNK_RE = re.compile(r"^(\.DS_Store|\._.*|Thumbs\.db|desktop\.ini|\.gitkeep|\.gitignore|\.#.*|#.*#|.*~|\..*\.sw[a-p]|\.~lock\..*#|~\$.*)$", re.IGNORECASE)
BYTECODE = "__pycache__"  # Python caching the bytecode of Terang's own code is no change of it


def identity(info: os.stat_result, changed: bool = False) -> tuple[int, ...]:
    """What tells a file apart from one rewritten since, from one stat(): inode, size and modification time.

    With `changed`, also the change time, which nothing can set back: a file edited in place
    with its old size and time restored is then told apart too. Only for files the build does
    not link, since making a hard link changes it as well.
    """
    if changed:
        return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def listing(folder: Path | str, prefix: str = "", skip: str | None = None, follow: bool = True) -> Listing:
    """Regular files under `folder`, named `prefix` + their path below it; the top-level entry `skip` is left out.

    Links to files are followed, as the scans read through them (the build itself writes none);
    with `follow=False` they are left out, as SHA256SUMS lists none.
    """
    found: Listing = {}
    _walk(os.fspath(folder), prefix, skip, follow, found)
    return found


def _walk(folder: str, prefix: str, skip: str | None, follow: bool, found: Listing) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == skip:
                continue
            if entry.is_dir(follow_symlinks=False):
                _walk(entry.path, f"{prefix}{entry.name}/", None, follow, found)
                continue
            try:
                info = entry.stat(follow_symlinks=follow)
            except OSError:  # a dangling link
                continue
            if stat.S_ISREG(info.st_mode):
                found[prefix + entry.name] = info


def tree(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry under `folder` as `prefix` + its POSIX path, depth first with names sorted: the order of
    sorted(Path(folder).rglob("*")) by parts. Like rglob, links to folders are listed but not entered."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    for entry in entries:
        yield prefix + entry.name, entry
        if entry.is_dir(follow_symlinks=False):
            yield from tree(entry.path, f"{prefix}{entry.name}/")


def by_path(names: list[str] | set[str] | dict[str, object]) -> list[str]:
    """Names in the order of their Path objects (folder by folder, as sorted(Path) gives)."""
    return sorted(names, key=lambda name: name.split("/"))


def pages(files: Listing) -> Listing:
    """The HTML pages among files (what the CSP scan reads)."""
    return {name: info for name, info in files.items() if name.endswith(".html")}


def is_junk(name: str) -> bool:
    """A file an editor's tool leaves behind (.DS_Store, Thumbs.db, vim swap files, backups~): never an input."""
    return bool(JUNK_RE.match(name))


def input_files(root: Path | str, names: Iterable[str]) -> Iterator[tuple[str, os.stat_result | None]]:
    """Every file of the inputs `names` (files or folders) under `root` as (POSIX name from `root`, stat), in directory order.

    The one skip rule of the inputs: files named as editor junk (is_junk) and folders named
    __pycache__ are left out; every other file counts, dot-files included (the build reads, or
    refuses, them). Links are followed: a link to a file gives the file's stat, a link to a folder
    the folder's (it is not entered), a dangling link its own. A name of `names` that does not
    exist, or cannot be listed, gives (name, None): no content/ differs from an empty content/.
    """
    for name in names:
        path = os.path.join(root, name)
        try:
            entries = os.scandir(path)
        except NotADirectoryError:  # a single file, such as situs.yml
            yield name, _identity(Path(path))
        except OSError:
            yield name, None
        else:
            with entries:
                yield from _input_files(entries, f"{name}/")


def _input_files(entries: Iterator[os.DirEntry], prefix: str) -> Iterator[tuple[str, os.stat_result]]:
    """os.scandir() all the way down: one stat per file, none for a name it skips (a poll of 5,000 files stays cheap)."""
    for entry in entries:
        try:
            folder = entry.is_dir(follow_symlinks=False)
        except OSError:  # deleted while we looked
            continue
        if folder:
            if entry.name != BYTECODE:
                try:
                    with os.scandir(entry.path) as below:
                        yield from _input_files(below, f"{prefix}{entry.name}/")
                except OSError:  # deleted, or not readable: what is left of it is no file
                    continue
        elif not is_junk(entry.name):
            info = _identity(entry)
            if info is not None:
                yield prefix + entry.name, info


def _identity(entry: os.DirEntry | Path) -> os.stat_result | None:
    """The stat of what a file or link leads to; a dangling link's own; None when it is gone."""
    try:
        return entry.stat()
    except OSError:
        pass
    try:
        return entry.stat(follow_symlinks=False)
    except OSError:
        return None
