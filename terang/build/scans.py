"""Clean results of the output scans, kept in the build state (terang.reuse.ScanResults).

A page that did not change is hard-linked from the published site into the staging folder,
so it keeps its inode, size and modification time. A file that scanned clean under the same
rules last time is clean now: only new or changed files are read again. Only clean results
are kept, never what a scan found. The file's header names the rules (official phones, the
participant files) besides the code key; a result is `true` or a list of texts, and anything
else read back is ignored (the file is scanned again).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from terang.build.store import SCANS, Store, dumps, loads
from terang.digest import digest
from terang.walk import identity

CONTENT_NAMED = {".pf_fragment", ".pf_index"}  # Pagefind: new bytes, new name


class KeptScans:
    """Per-file clean results of the scans of one output folder, keyed by file identity and the scans' rules."""

    def __init__(self, rules: str, old: dict[str, Any] | None = None) -> None:
        self.rules = rules
        self.old: dict[str, Any] = old or {}
        self.new: dict[str, Any] = {}
        self.scanned = 0  # files asked about that must be scanned
        self.reused = 0  # files whose clean result is kept

    @classmethod
    def open(cls, store: Store, *rules: object) -> "KeptScans":
        """The results of the builds into the store's output folder under the same rules ({} otherwise)."""
        key = digest(json.dumps(rules, default=str, sort_keys=True))
        header, body = store.read(SCANS)
        entries = loads(body) if header.get("aturan") == key else None
        return cls(key, entries if isinstance(entries, dict) else None)  # each result is checked when it is used (get())

    @staticmethod
    def key(kind: str, name: str, file: Path | os.stat_result) -> str:
        """A file's identity under a scan: `file` is its path, or its stat when the caller has it already."""
        info = file if isinstance(file, os.stat_result) else os.stat(file)
        if os.path.splitext(name)[1] in CONTENT_NAMED:  # the search index names these files by a hash of their content
            return f"{kind}\0{name}\0{info.st_size}"
        return f"{kind}\0{name}\0" + "\0".join(map(str, identity(info)))

    def get(self, kind: str, name: str, file: Path | os.stat_result) -> Any:
        """The clean result recorded for this very file, or None."""
        key = self.key(kind, name, file)
        value = self.old.get(key)
        if value is not None and _result(value):
            self.new[key] = value
            self.reused += 1
            return value
        self.scanned += 1
        return None

    def put(self, kind: str, name: str, file: Path | os.stat_result, value: Any) -> None:
        """Record a clean result: `True`, or a list of texts (what a scan of this file needs again)."""
        if _result(value):
            self.new[self.key(kind, name, file)] = value

    def save(self, store: Store) -> None:
        """Keep what this build saw; entries of files that are gone are dropped."""
        store.write(SCANS, [dumps(self.new).encode(), b"\n"], aturan=self.rules)


def _result(value: Any) -> bool:
    """Whether a value is a result this memo keeps: true, or a list of texts."""
    return value is True or (type(value) is list and set(map(type, value)) <= {str})
