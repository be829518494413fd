"""The names of what a build keeps beside its output folder: all start with `.<out>.` (for site/: `.site.`).

    .site.kunci          the lock: one build at a time writes into site/ (terang.publish.lock)
    .site.baru-XXXXXXXX/ the new site while it is being built, until the swap (terang.publish.write)
    .site.lama-XXXXXXXX/ the previous site after the swap, while it is being removed

A staging folder (baru- or lama-) that an interrupted build left is removed by the next build,
and the no-change fast path is not taken while one is there (terang.build.stamp). This module
imports nothing heavy: the fast path reads these names too.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK = "kunci"
NEW = "baru-"  # + a random part (tempfile.mkdtemp)
OLD = "lama-"


def prefix(out: Path) -> str:
    """The start of every name kept beside `out`: `.site.`."""
    return f".{out.name}."


def kept_beside(name: str, out: Path) -> bool:
    """Whether a name in the folder that holds `out` is one the build keeps beside it."""
    return name.startswith(prefix(out))


def lock_file(out: Path) -> Path:
    """The lock file of an output folder: `.site.kunci` beside `site/`."""
    return out.parent / f"{prefix(out)}{LOCK}"


def new_prefix(out: Path) -> str:
    """The start of the name of a staging folder holding a new site: `.site.baru-`."""
    return f"{prefix(out)}{NEW}"


def old_prefix(out: Path) -> str:
    """The start of the name of a folder holding the previous site after the swap: `.site.lama-`."""
    return f"{prefix(out)}{OLD}"


def staging_folders(out: Path) -> list[Path]:
    """The staging folders (new or previous site) beside `out`, such as an interrupted build leaves."""
    starts = (new_prefix(out), old_prefix(out))
    try:
        with os.scandir(out.parent) as entries:
            return sorted(out.parent / entry.name for entry in entries if entry.name.startswith(starts))
    except OSError:  # no folder yet, or not readable: nothing to find
        return []
