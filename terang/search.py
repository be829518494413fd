"""Search: Pagefind indexes the finished site, in Indonesian, from the site's own files.

Only elements marked `data-pagefind-body` (the main content of news, regulations, pages
and tables) are indexed, so menus and footers never reach the index. The index is built in
the staging folder, before the privacy scan reads it, and `indexed_text()` gives that scan
(and the tests) the indexed words in plain text.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import Problem

BUNDLE = "pagefind"  # folder of the index and Pagefind's own UI files, under the site root
TIMEOUT = 300.0  # seconds
SIGNATURE = b"pagefind_dcd"  # every decompressed fragment starts with this marker


def command(site: Path) -> list[str]:
    """The Pagefind command for a folder: Indonesian stemming, quiet unless it fails."""
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
            "--force-language", "id", "--keep-index-url", "--silent"]


@dataclass(frozen=True)
class Indexing:
    """A Pagefind run started in the background: other finishers work while it indexes."""

    staging: Path
    process: subprocess.Popen | None
    outputs: tuple[IO[bytes], ...]  # stdout and stderr
    started: float
    failed: tuple[Problem, ...] = ()

    def cancel(self) -> None:
        """Stop the indexer if it still runs (the build is ending early) and close its output files."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for output in self.outputs:
            output.close()


def start_index(staging: Path) -> Indexing:
    """Start Pagefind on the staging folder; finish_index() waits for it and reports."""
    # Output goes to files, not pipes: a chatty indexer must never block while nobody reads.
    stdout, stderr = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(command(staging), stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        stdout.close()
        stderr.close()
        return Indexing(staging, None, (), time.monotonic(),
                        (Problem("pagefind", 0, "pencarian tidak dapat dibuat: Python tidak ditemukan untuk menjalankan Pagefind"),))
    return Indexing(staging, process, (stdout, stderr), time.monotonic())


def finish_index(indexing: Indexing) -> list[Problem]:
    """Wait for Pagefind (5 minutes from its start at most) and report what went wrong, if anything."""
    if indexing.process is None:
        return list(indexing.failed)
    try:
        code = indexing.process.wait(timeout=max(0.0, TIMEOUT - (time.monotonic() - indexing.started)))
    except subprocess.TimeoutExpired:
        indexing.cancel()
        return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind tidak selesai dalam 5 menit")]
    stdout, stderr = (_read(output) for output in indexing.outputs)
    indexing.cancel()
    if code != 0:
        detail = (stderr or stdout).strip().splitlines()
        if any("No module named pagefind" in line for line in detail):
            return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind belum terpasang; jalankan: python3 -m pip install 'pagefind[bin]'")]
        last = detail[-1] if detail else f"kode keluar {code}"
        return [Problem("pagefind", 0, f"pencarian tidak dapat dibuat: Pagefind gagal ({last})")]
    if not (indexing.staging / BUNDLE / "pagefind-entry.json").is_file():
        return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind tidak menulis indeks; apakah ada halaman dengan data-pagefind-body?")]
    return []


def _read(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode("utf-8", errors="replace")


def index_site(staging: Path) -> list[Problem]:
    """Finisher: build the search index inside the staging folder, and wait for it."""
    return finish_index(start_index(staging))


def fragments(site: Path) -> list[dict]:
    """Every indexed page as Pagefind stores it: url, content, meta (title)."""
    pages = []
    for path in sorted((site / BUNDLE / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        pages.append(json.loads(raw[len(SIGNATURE):] if raw.startswith(SIGNATURE) else raw))
    return pages


def indexed_text(site: Path) -> str:
    """All text the search index can show, one page per block, for scans and tests."""
    return "\n\n".join(f"{p['url']}\n{p['meta'].get('title', '')}\n{p['content']}" for p in fragments(site))
