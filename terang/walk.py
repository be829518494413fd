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
JUNK = r"^(\.DS_Store|\._.*|Thumbs\.db|desktop\.ini|\.gitkeep|\.gitignore|\.#.*|#.*#|.*~|\..*\.sw[a-p]|\.~lock\..*#|~\$.*)$"
JUNK_STARTS = frozenset(".#~")
JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})
JUNK_LENGTHS = frozenset(map(len, JUNK_NAMES))
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
    # Every junk name starts with '.', '#' or '~', ends with '~', or is one of two Windows names:
    # the regular expression is asked only then (the no-change check passes thousands of names).
    if name[:1] not in JUNK_STARTS and name[-1:] != "~" and name.lower() not in JUNK_NAMES:
        return False
    return bool(re.match(JUNK, name, re.IGNORECASE))  # compiled once, on the first name that may be junk (re's cache)


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
            entries.close()
            yield from _input_files(path, f"{name}/")


def _input_files(top: str, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
    """os.scandir() all the way down: one stat per file, none for a name it skips (a poll of 5,000 files stays cheap).

    Folders wait on a stack rather than in nested generators: each file passes one generator, not one per level.
    """
    folders = [(top, prefix)]
    while folders:
        path, prefix = folders.pop()
        try:
            entries = os.scandir(path)
        except OSError:  # deleted, or not readable: what is left of it is no file
            continue
        with entries:
            for entry in entries:
                try:
                    folder = entry.is_dir(follow_symlinks=False)
                except OSError:  # deleted while we looked
                    continue
                name = entry.name
                if folder:
                    if name != BYTECODE:
                        folders.append((entry.path, f"{prefix}{name}/"))
                    continue
                if (name[:1] in JUNK_STARTS or name[-1:] == "~" or len(name) in JUNK_LENGTHS) and is_junk(name):
                    continue
                try:
                    info = entry.stat()
                except OSError:  # a dangling link, or gone
                    info = _identity(entry)
                    if info is None:
                        continue
                yield prefix + name, info


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
