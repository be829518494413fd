"""Which inputs changed, and when a burst of saves has settled enough to rebuild once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # project-relative path -> (mtime in ns, size)
WATCHED = ("content", "data", "templates")
CONFIG = "situs.yml"


def snapshot(root: Path) -> Snapshot:
    """Every input file's modification time and size; hidden files and editor backups are skipped."""
    files: Snapshot = {}
    try:
        config = (root / CONFIG).stat()
        files[CONFIG] = (config.st_mtime_ns, config.st_size)
    except OSError:
        pass
    for folder in WATCHED:
        _scan(root / folder, folder + "/", files)
    return dict(sorted(files.items()))


def _scan(folder: Path, prefix: str, files: Snapshot) -> None:
    """os.scandir() all the way down: one stat per file, none for names it can skip (a poll of 5,000 files stays cheap)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # missing, or deleted while we looked
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(Path(entry.path), prefix + entry.name + "/", files)
            elif entry.is_file():
                info = entry.stat()
                files[prefix + entry.name] = (info.st_mtime_ns, info.st_size)
        except OSError:  # deleted between listing and stat
            continue


def changed(old: Snapshot, new: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


@dataclass
class Debouncer:
    """Waits until the inputs stop changing for `quiet` seconds, then asks for one rebuild."""

    built: Snapshot  # what the last build read
    quiet: float = 0.08  # settled after two looks in a row (serve looks every 0.1 s); a save is one write
    pending: Snapshot | None = None
    since: float = 0.0

    def update(self, current: Snapshot, now: float) -> bool:
        """Feed the latest snapshot; True means: rebuild now (and `built` becomes `current`)."""
        if current == self.built:
            self.pending = None
            return False
        if current != self.pending:  # still changing: restart the quiet period
            self.pending, self.since = current, now
            return False
        if now - self.since < self.quiet:
            return False
        self.built, self.pending = current, None
        return True
