"""A large site's search index in parts: news by year, so an edit re-indexes one part only.

Pagefind indexes a whole folder at once and keeps nothing between runs; at thousands of pages
that costs seconds and hundreds of MB on every build. A site with more than SHARD_FROM indexed
pages gets one index for everything but news (pagefind/) and one per year of news
(pagefind/berita-2024/), or per half year when a year holds more than SHARD_MOST items. The
search page merges them (Pagefind's mergeIndex, one WebAssembly module for all). A part whose
pages are the very files of the previous build (hard-linked, same inode, size and time) is
linked from the previous site instead of indexed again: its index would be the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from terang.publish import search
from terang.site.search_parts import Shard
from terang.walk import identity, listing

@dataclass(frozen=True)
class Part:
    """A part to index now (or link from the previous site) and the key of its inputs."""

    name: str  # "" for the main index in pagefind/
    pages: tuple[str, ...]  # site paths, sorted
    key: str


def _key(staging: Path, pages: list[str] | tuple[str, ...]) -> str:
    """The pages' identities and how Pagefind is run: equal keys give the same index."""
    hasher = hashlib.sha256(json.dumps([_version(), search.FLAGS]).encode())
    for page in pages:
        hasher.update(f"{page}\0{_identity(f'{staging}/{page}')}\n".encode())
    return hasher.hexdigest()


@functools.lru_cache(maxsize=1)
def _version() -> str:
    """Pagefind's version (part of every part's key), looked up once: reading package metadata is slow."""
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return ""


def mirror(staging: Path, part: Part) -> Path:
    """A folder beside staging with links to the part's pages only, made in sorted order, for Pagefind to index.

    Pagefind reads folders in directory order, and the order changes its index files; linked
    in sorted order, a part gives the same index however the build wrote its pages. Nothing
    else is in the folder, so Pagefind need not match thousands of files against a list.
    Its name starts with the staging folder's, so a killed build's copy is cleaned with it.
    """
    folder = f"{staging}.cermin-{part.name or search.BUNDLE}"
    os.mkdir(folder)
    made = {""}
    for page in part.pages:
        parent = page.rpartition("/")[0]
        if parent not in made:
            os.makedirs(f"{folder}/{parent}", exist_ok=True)
            made.add(parent)
        try:
            os.link(f"{staging}/{page}", f"{folder}/{page}")
        except FileNotFoundError:  # a page the build did not write (it failed): index what is there
            continue
        except OSError:  # a file system without hard links
            shutil.copyfile(f"{staging}/{page}", f"{folder}/{page}")
    return Path(folder)


def bundle(staging: Path, part: Part) -> Path:
    return staging / search.BUNDLE / part.name if part.name else staging / search.BUNDLE


class Records:
    """What each part of the previous build's index was made from (`old`, as the build state kept it), and of this one (`new`)."""

    def __init__(self, out: Path, old: dict[str, Any]) -> None:
        self.out = out
        self.old = old
        self.new: dict[str, Any] = {}

    def reuse(self, staging: Path, part: Part) -> bool:
        """Link the previous build's index of this part into staging, when its pages are the same files."""
        entry = self.old.get(part.name or "/")
        if not isinstance(entry, dict) or entry.get("kunci") != part.key:
            return False
        source, target = str(bundle(self.out, part)), bundle(staging, part)
        files = _files(entry.get("berkas"))  # read back from disk: data, checked before any link is made
        if files is None or any(_identity(f"{source}/{name}") != value for name, value in files.items()):
            return False
        for folder in sorted({name.rpartition("/")[0] for name in files}):
            (target / folder).mkdir(parents=True, exist_ok=True)
        for name in files:
            os.link(f"{source}/{name}", f"{target}/{name}")
        return True

    def save(self, staging: Path, done: list[Part]) -> None:
        """Remember every part's key and files (taken before the swap, checked file by file on use) in `new`."""
        record = {}
        for part in done:
            files = listing(bundle(staging, part))
            if not part.name:  # the main index does not own the news parts below it
                files = {name: info for name, info in files.items() if "/" not in name or name.split("/", 1)[0] in _MAIN_ENTRIES}
            record[part.name or "/"] = {"kunci": part.key, "berkas": {name: [*identity(info)] for name, info in files.items()}}
        self.new = record


_MAIN_ENTRIES = {"fragment", "index", "filter"}  # folders Pagefind writes in its bundle


def _files(files: object) -> dict[str, list[int]] | None:
    """A part's files as save() writes them ({relative name in the bundle: [inode, size, mtime]}), else None."""
    if not isinstance(files, dict) or not files:
        return None
    for name, value in files.items():
        if name.startswith("/") or "\\" in name or "\0" in name or any(step in ("", ".", "..") for step in name.split("/")):
            return None  # a name that leaves the search index's folder
        if type(value) is not list or len(value) != 3 or not all(type(n) is int for n in value):
            return None
    return files


def _identity(path: Path | str) -> list[int] | None:
    try:
        return [*identity(os.stat(path))]
    except OSError:
        return None


class Indexer:
    """Starts Pagefind on each news part as soon as its pages are in the staging folder.

    While the build renders the other pages on one core, Pagefind indexes on the other. The
    main index (everything but news) starts when the build calls finish(), once all is written.
    """

    def __init__(self, staging: Path, out: Path | None, shards: tuple[Shard, ...], kept: dict[str, Any] | None = None) -> None:
        """`kept`: what the previous build's parts were made from (Records.new of that build); none: everything is indexed."""
        self.staging = staging
        self.shards = shards
        self.records = Records(out, kept) if out is not None and kept is not None else None
        self.missing = {shard.name: set(shard.pages) for shard in shards}
        self.owner = {page: shard for shard in shards for page in shard.pages}
        self.parts: list[Part] = []
        self.indexing = search.start_index(on_done=self._remember)

    def written(self, path: str) -> None:
        """A page is in the staging folder now; a part whose pages all are can be indexed."""
        shard = self.owner.get(path)
        if shard is not None and path in self.missing[shard.name]:
            self.missing[shard.name].discard(path)
            if not self.missing[shard.name]:
                self._start(Part(shard.name, shard.pages, _key(self.staging, shard.pages)))

    def order(self, paths: list[str], changed: set[str]) -> list[int]:
        """The order to write pages in (indices of `paths`): each part's pages together, the parts holding a
        `changed` page first, then the pages of no part (the main index starts only at finish()).

        An edit then re-indexes its part while the build is still checking the other pages.
        """
        rank = {shard.name: number for number, shard in enumerate(self.shards)}
        hot = {self.owner[path].name for path in changed if path in self.owner}

        def key(index: int) -> tuple[int, int, int]:
            shard = self.owner.get(paths[index])
            if shard is None:
                return (2, 0, index)
            return (0 if shard.name in hot else 1, rank[shard.name], index)

        return sorted(range(len(paths)), key=key)

    def finish(self, html: list[str]) -> search.Indexing:
        """Everything is written (`html`: the site path of every page): start the main index; the runs to wait for."""
        main = tuple(sorted(p for p in html if p not in self.owner))
        self._start(Part("", main, _key(self.staging, main)))
        for shard in self.shards:
            if self.missing[shard.name]:  # a page that was not written: index what is there
                self.missing[shard.name] = set()
                self._start(Part(shard.name, shard.pages, _key(self.staging, shard.pages)))
        self.indexing.close()
        return self.indexing

    def cancel(self) -> None:
        self.indexing.cancel()

    def _start(self, part: Part) -> None:
        self.parts.append(part)
        if self.records is not None and self.records.reuse(self.staging, part):
            return
        pages = mirror(self.staging, part)
        self.indexing.add(search.Run(tuple(search.command(pages, bundle(self.staging, part))), bundle(self.staging, part), scratch=pages))

    def _remember(self) -> None:
        if self.records is not None:
            self.records.save(self.staging, self.parts)
