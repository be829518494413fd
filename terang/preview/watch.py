"""Which inputs changed, and when a burst of saves has settled enough to rebuild once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from terang.inputs.paths import INPUTS
from terang.walk import input_files

Snapshot = dict[str, tuple[int, int]]  # project-relative path -> (mtime in ns, size)


def snapshot(root: Path) -> Snapshot:
    """Every input file's modification time and size, walked as the no-change stamp walks them
    (terang.walk.input_files: editor junk such as swap files and backups~ is skipped)."""
    return dict(sorted((name, (info.st_mtime_ns, info.st_size)) for name, info in input_files(root, INPUTS) if info is not None))


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
