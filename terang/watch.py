"""Which inputs changed, and when a burst of saves has settled enough to rebuild once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # project-relative path -> (mtime in ns, size)
WATCHED = ("content", "data", "templates")
CONFIG = "situs.yml"


def snapshot(root: Path) -> Snapshot:
    """Every input file's modification time and size; hidden files and editor backups are skipped."""
    files: Snapshot = {}
    paths = [root / CONFIG] + [p for folder in WATCHED for p in sorted((root / folder).rglob("*"))]
    for path in paths:
        name = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in Path(name).parts) or name.endswith("~"):
            continue
        try:
            stat = path.stat()
        except OSError:  # deleted between listing and stat
            continue
        if path.is_file():
            files[name] = (stat.st_mtime_ns, stat.st_size)
    return files


def changed(old: Snapshot, new: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


@dataclass
class Debouncer:
    """Waits until the inputs stop changing for `quiet` seconds, then asks for one rebuild."""

    built: Snapshot  # what the last build read
    quiet: float = 0.3
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
