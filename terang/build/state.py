"""One build's state: everything kept from earlier builds, opened together and saved together.

The pipeline opens it before reading and saves it once the new site is in place; the parts
are handed to the stages as plain values and small protocols (terang.reuse), never the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from terang.build.answers import KeptAnswers
from terang.build.incremental import Incremental, Stats
from terang.build.markdown_cache import MarkdownCache
from terang.build.scans import KeptScans
from terang.build.store import DIGESTS, SEARCH, Store, dumps, loads


@dataclass
class State:
    """The parts of the build state one build uses; see terang.build.store for where each is kept."""

    store: Store
    answers: KeptAnswers  # front matter, reading times, clean source scans
    pages: Incremental  # rendered Markdown and what each page read
    digests: dict[str, Any]  # the files' SHA-256, by identity (terang.publish.manifest)
    search: dict[str, Any]  # what each part of the search index was made from (terang.publish.indexer)
    scans: KeptScans | None = None  # clean output-scan results, once the scans' rules are known (scans_under())
    search_made: Callable[[], dict[str, Any]] = field(default=lambda: {})  # this build's search records, when asked

    @classmethod
    def open(cls, root: Path, out: Path, clean: bool) -> "State":
        """The state of the builds of `root` into `out`; with `clean`, nothing kept is trusted (all is written again)."""
        store = Store(root, out, clean)
        return cls(store, KeptAnswers.open(store), Incremental.open(store, MarkdownCache.open(store)),
                   _object(store, DIGESTS), _object(store, SEARCH))

    def scans_under(self, *rules: object) -> KeptScans:
        """The clean scan results of earlier builds under these rules (official phones, participant files)."""
        self.scans = KeptScans.open(self.store, *rules)
        return self.scans

    @property
    def stats(self) -> Stats:
        """What this build made again and what it reused."""
        scans = self.scans
        return replace(self.pages.stats, files_scanned=scans.scanned if scans else 0, scans_reused=scans.reused if scans else 0)

    def save(self, settled: Callable[[], None] = lambda: None) -> None:
        """Keep what this build made and used, for the next; the rest is dropped.

        `settled` waits until nothing else changes the site's files (the previous site is being
        removed): the pages' identities are taken after it.
        """
        store = self.store
        if self.scans is not None:
            self.scans.save(store)
        store.write(DIGESTS, [dumps(self.digests).encode(), b"\n"])
        store.write(SEARCH, [dumps(self.search_made()).encode(), b"\n"])
        if self.scans is not None:  # written: not held while the rest is (its counts stay for the statistics)
            self.scans.old, self.scans.new = {}, {}
        self.digests, self.search_made = {}, lambda: {}
        self.answers.save(store)
        self.pages.markdown.save(store)
        settled()
        self.pages.save(store)
        store.tidy()


def _object(store: Store, name: str) -> dict[str, Any]:
    """A state file holding one JSON object ({} when unusable; each entry is checked where it is used)."""
    header, body = store.read(name)
    value = loads(body) if header else None
    return value if isinstance(value, dict) else {}
