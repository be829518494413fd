"""Markdown on every core: a cold build renders its bodies in a pool of forked workers.

The workers inherit the link targets from the parent (fork), so only a body goes out and
only its HTML comes back. The result is the same as a serial render, in the same order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from typing import Sequence

from terang.content.markdown import Rendered, Targets, render_markdown
from terang.errors import Problem
from terang.model import Body

MIN_JOBS = 64  # below this, starting workers costs more than it saves
_TARGETS: Targets | None = None  # set in the parent just before forking


def workers() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _render(job: tuple[Body, str]) -> tuple[Rendered, list[Problem]]:
    assert _TARGETS is not None
    return render_markdown(job[0], job[1], _TARGETS)


def render_all(jobs: Sequence[tuple[Body, str]], targets: Targets) -> list[tuple[Rendered, list[Problem]]]:
    """render_markdown() for every (body, page URL), on all cores when it pays and is safe."""
    global _TARGETS
    count = workers()
    # fork copies only the calling thread: with other threads running (serve) stay serial.
    if len(jobs) < MIN_JOBS or count < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [render_markdown(body, url, targets) for body, url in jobs]
    _TARGETS = targets
    gc.collect()  # every worker starts as a copy of this process: leave the garbage of reading behind
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return pool.map(_render, jobs, chunksize=max(1, len(jobs) // (count * 8)))
    finally:
        _TARGETS = None
