"""Search: Pagefind indexes the finished site, in Indonesian, from the site's own files.

Only elements marked `data-pagefind-body` (the main content of news, regulations, pages
and tables) are indexed, so menus and footers never reach the index. The index is built in
the staging folder, before the privacy scan reads it, and `indexed_text()` gives that scan
(and the tests) the indexed words in plain text.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable

from terang import urls
from terang.errors import Problem

BUNDLE = urls.SEARCH_BUNDLE
TIMEOUT = 300.0  # seconds
FLAGS = ("--force-language", "id", "--keep-index-url", "--silent")  # Indonesian stemming, quiet unless it fails
SIGNATURE = b"pagefind_dcd"  # every decompressed fragment starts with this marker


def command(site: Path, output: Path) -> list[str]:
    """The Pagefind command: every page under `site` indexed into `output`, Indonesian stemming, quiet unless it fails.

    `site` is a folder of links to the pages of one part of the index (see terang.publish.indexer).
    """
    return [*executable(), "--site", str(site), "--output-path", str(output), *FLAGS]


@functools.lru_cache(maxsize=1)
def executable() -> tuple[str, ...]:
    """Pagefind's own program, as pip installed it (`pagefind[bin]`); else through Python (`python -m pagefind`).

    Starting the program directly spares a Python interpreter per run (about 45 ms).
    """
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured:
        return (configured,)
    try:
        import pagefind_bin

        return (str(pagefind_bin.get_executable()),)
    except (ImportError, FileNotFoundError):
        return (sys.executable, "-m", "pagefind")


@dataclass(frozen=True)
class Run:
    """One Pagefind process to run: its command and the folder it must write."""

    argv: tuple[str, ...]
    bundle: Path  # where pagefind-entry.json must appear
    scratch: Path | None = None  # a folder the run reads and nobody needs afterwards


@dataclass
class Indexing:
    """Pagefind runs in the background, one after another, as they are added: the build works meanwhile."""

    started: float
    pending: queue.Queue = field(default_factory=queue.Queue)  # Run, or None once no more will come
    problems: list[Problem] = field(default_factory=list)
    process: subprocess.Popen | None = None  # the run in progress
    thread: threading.Thread | None = None
    stopped: threading.Event = field(default_factory=threading.Event)
    on_done: Callable[[], None] = lambda: None  # after every run succeeded (records what can be reused)

    def add(self, run: Run) -> None:
        self.pending.put(run)
        self.start()

    def close(self) -> None:
        """No more runs will be added."""
        self.pending.put(None)
        if not self.stopped.is_set():
            self.start()  # on_done runs even when there was nothing to index

    def start(self) -> None:
        """Start the worker thread, once: not before the first run, so that the build may fork workers until then
        (terang.content.parallel forks only while this process has one thread)."""
        if self.thread is None:
            self.thread = threading.Thread(target=self.work, name="pagefind", daemon=True)
            self.thread.start()

    def cancel(self) -> None:
        """Stop the indexer if it still runs (the build is ending early)."""
        self.stopped.set()
        self.close()
        process = self.process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join()

    def work(self) -> None:
        """Run each Pagefind in turn until the queue is closed; after the first failure the rest are skipped."""
        scratch = []
        try:
            while (run := self.pending.get()) is not None:
                if run.scratch is not None:
                    scratch.append(run.scratch)
                if not (self.stopped.is_set() or self.problems):
                    self.problems.extend(self._run(run))
        finally:
            # Removed at the end, when the build mostly waits: while it renders, each of the thousands of
            # small steps of a removal would wait for the interpreter lock (tenths of a second per part).
            for folder in scratch:
                shutil.rmtree(folder, ignore_errors=True)
        if not self.stopped.is_set() and not self.problems:
            self.on_done()

    def _run(self, run: Run) -> list[Problem]:
        # Output goes to files, not pipes: a chatty indexer must never block while nobody reads.
        with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
            try:
                self.process = subprocess.Popen(run.argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
                if self.stopped.is_set():  # cancelled while it was starting
                    self.process.kill()
            except (FileNotFoundError, PermissionError):
                return [Problem("pagefind", 0, f"pencarian tidak dapat dibuat: program Pagefind tidak ditemukan atau tidak dapat dijalankan "
                                               f"({run.argv[0]}); pasang dengan: python3 -m pip install 'pagefind[bin]'")]
            try:
                code = self.process.wait(timeout=max(0.0, TIMEOUT - (time.monotonic() - self.started)))
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind tidak selesai dalam 5 menit")]
            if self.stopped.is_set():
                return []
            if code != 0:
                detail = (_read(stderr) or _read(stdout)).strip().splitlines()
                if any("No module named pagefind" in line for line in detail):
                    return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind belum terpasang; jalankan: python3 -m pip install 'pagefind[bin]'")]
                last = detail[-1] if detail else f"kode keluar {code}"
                return [Problem("pagefind", 0, f"pencarian tidak dapat dibuat: Pagefind gagal ({last})")]
        if not (run.bundle / "pagefind-entry.json").is_file():
            return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind tidak menulis indeks; apakah ada halaman dengan data-pagefind-body?")]
        return []


def start_index(on_done: Callable[[], None] = lambda: None) -> Indexing:
    """An indexer for Pagefind runs in the background: Indexing.add() each run, close() after the last;
    finish_index() waits for them. `on_done` runs once all of them succeeded."""
    return Indexing(time.monotonic(), on_done=on_done)


def finish_index(indexing: Indexing) -> list[Problem]:
    """Wait for every Pagefind run and report what went wrong, if anything."""
    indexing.close()
    if indexing.thread is not None:
        indexing.thread.join()
    return list(indexing.problems)


def _read(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode("utf-8", errors="replace")


def fragments(site: Path) -> list[dict]:
    """Every indexed page as Pagefind stores it (all parts of a sharded index): url, content, meta (title)."""
    pages = []
    bundle = site / BUNDLE
    for path in sorted([*bundle.glob("fragment/*.pf_fragment"), *bundle.glob("*/fragment/*.pf_fragment")]):
        raw = gzip.decompress(path.read_bytes())
        pages.append(json.loads(raw[len(SIGNATURE):] if raw.startswith(SIGNATURE) else raw))
    return pages


def indexed_text(site: Path) -> str:
    """All text the search index can show, one page per block, for scans and tests."""
    return "\n\n".join(f"{p['url']}\n{p['meta'].get('title', '')}\n{p['content']}" for p in fragments(site))
