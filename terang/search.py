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
from pathlib import Path

from .errors import Problem

BUNDLE = "pagefind"  # folder of the index and Pagefind's own UI files, under the site root
SIGNATURE = b"pagefind_dcd"  # every decompressed fragment starts with this marker


def command(site: Path) -> list[str]:
    """The Pagefind command for a folder: Indonesian stemming, quiet unless it fails."""
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
            "--force-language", "id", "--keep-index-url", "--silent"]


def index_site(staging: Path) -> list[Problem]:
    """Finisher: build the search index inside the staging folder."""
    try:
        done = subprocess.run(command(staging), capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Python tidak ditemukan untuk menjalankan Pagefind")]
    except subprocess.TimeoutExpired:
        return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind tidak selesai dalam 5 menit")]
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        if any("No module named pagefind" in line for line in detail):
            return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind belum terpasang; jalankan: python3 -m pip install 'pagefind[bin]'")]
        last = detail[-1] if detail else f"kode keluar {done.returncode}"
        return [Problem("pagefind", 0, f"pencarian tidak dapat dibuat: Pagefind gagal ({last})")]
    if not (staging / BUNDLE / "pagefind-entry.json").is_file():
        return [Problem("pagefind", 0, "pencarian tidak dapat dibuat: Pagefind tidak menulis indeks; apakah ada halaman dengan data-pagefind-body?")]
    return []


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
