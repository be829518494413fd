"""One build at a time per output folder: a lock file beside it, held with flock."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from terang.errors import BuildFailed, Problem
from terang.publish.beside import lock_file

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; builds there are not locked
    fcntl = None  # type: ignore[assignment]


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: `.site.kunci` beside `site/`."""
    return lock_file(out.resolve())


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the output folder's lock for the whole build, or fail at once if another build holds it.

    The lock file is never deleted: deleting it would let two builds lock two different files.
    The kernel releases the lock when the process ends, even after SIGKILL.
    """
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                raise BuildFailed([Problem(str(path), 0, (
                    f"build lain (proses {holder}) sedang menulis ke folder {out.resolve().name}/; "
                    "tunggu sampai build itu selesai lalu jalankan lagi"))]) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
