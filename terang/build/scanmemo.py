"""Clean results of the output scans, kept between builds.

A page that did not change is hard-linked from the published site into the staging folder,
so it keeps its inode, size and modification time. A file that scanned clean under the same
rules last time is clean now: only new or changed files are read again. Only clean results
are kept, never what a scan found. The memo is JSON, {"salt": ..., "isi": {key: result}}; a
result is `true` or a list of texts, and anything else read back is ignored (the file is scanned again).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from terang.build.cache import read_json, remove_old, write_json

CODE = Path(__file__).resolve().parent
CONTENT_NAMED = {".pf_fragment", ".pf_index"}  # Pagefind: new bytes, new name


class ScanMemo:
    """Per-file clean results of one kind of scan, keyed by file identity and the scan's rules."""

    def __init__(self, path: Path | None, salt: str) -> None:
        self.path = path
        self.salt = salt
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        if path is not None:
            stored = read_json(path)
            entries = stored.get("isi") if stored.get("salt") == salt else None
            if isinstance(entries, dict):
                self.old = entries  # each result is checked when it is used (get())

    @classmethod
    def beside(cls, out: Path, *rules: object) -> "ScanMemo":
        """The memo of builds into `out`, kept beside it like the lock file."""
        remove_old([out.parent / f".{out.name}.pindai.pickle"])  # earlier versions' memo is never read
        return cls(out.parent / f".{out.name}.pindai.json", rules_digest(*rules))

    @staticmethod
    def key(kind: str, name: str, file: Path | os.stat_result) -> str:
        """A file's identity under a scan: `file` is its path, or its stat when the caller has it already."""
        info = file if isinstance(file, os.stat_result) else os.stat(file)
        if os.path.splitext(name)[1] in CONTENT_NAMED:  # the search index names these files by a hash of their content
            return f"{kind}\0{name}\0{info.st_size}"
        return f"{kind}\0{name}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}"

    def get(self, kind: str, name: str, file: Path | os.stat_result) -> Any:
        """The clean result recorded for this very file, or None."""
        key = self.key(kind, name, file)
        value = self.old.get(key)
        if value is not None and _result(value):
            self.new[key] = value
            return value
        return None

    def put(self, kind: str, name: str, file: Path | os.stat_result, value: Any) -> None:
        """Record a clean result: `True`, or a list of texts (what a scan of this file needs again)."""
        if _result(value):
            self.new[self.key(kind, name, file)] = value

    def save(self) -> None:
        """Keep what this build saw; entries of files that are gone are dropped."""
        if self.path is not None:
            write_json(self.path, {"salt": self.salt, "isi": self.new})  # atomic; on failure the next build scans again


def _result(value: Any) -> bool:
    """Whether a value is a result this memo keeps: true, or a list of texts."""
    return value is True or (type(value) is list and set(map(type, value)) <= {str})


def rules_digest(*rules: object) -> str:
    """The scan rules: given values plus the code of Terang itself (a new rule rescans everything)."""
    hasher = hashlib.sha256(json.dumps(rules, default=str, sort_keys=True).encode())
    for path in sorted(CODE.glob("*.py")):
        info = path.stat()
        hasher.update(f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return hasher.hexdigest()


NO_MEMO = ScanMemo(None, "")
