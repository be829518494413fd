"""One walk of a built folder: every regular file by its POSIX name, with its stat; and a sorted walk of sources.

The finishers (CSP scan, privacy scan, `_headers`) all need the same list of files and the
same identities; at 11,000 files, walking and stat-ing once instead of once per finisher,
and keeping names as strings rather than Path objects, saves a large part of a rebuild.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

Listing = dict[str, os.stat_result]  # POSIX name under the folder -> stat (links followed)


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
