"""The finishing steps on the complete staging folder, before it replaces the old site.

They run as one explicit sequence so that the search indexer (a separate process) works while
this process scans the pages:

1. Pagefind starts on the staging folder, in the background;
2. meanwhile every file already there is scanned: the CSP scan of the pages, the privacy scan of all;
3. Pagefind is waited for; a failure cancels the swap;
4. the files Pagefind wrote are scanned the same way;
5. personal data, then anything the CSP would block, cancels the swap;
6. `_headers` is written (it allows WebAssembly only when Pagefind shipped some), and always
   last SHA256SUMS over every file.

A problem in any step raises BuildFailed, which keeps the old site.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from . import search, shards
from .errors import Problem, raise_if
from .headers import csp_problems, scan_pages, write_policy
from .integrity import write_manifest
from .peserta import raw_files
from .firewall import report, scan_output, site_files
from .privasi import official_keys
from .scanmemo import NO_MEMO, ScanMemo


def finish_site(staging: Path, root: Path, official_phones: Iterable[str], memo: ScanMemo = NO_MEMO,
                indexer: shards.Indexer | None = None, digests: Path | None = None) -> list[Problem]:
    """Finisher: index, scan, write `_headers` and SHA256SUMS; raises BuildFailed on the first failing step.

    `indexer` is the search indexer the build started before it wrote the pages (see terang.shards);
    `digests` keeps the files' SHA-256 between builds (integrity.digests_beside).
    """
    official = official_keys(official_phones)
    # Pagefind writes only inside its own folder and only reads the rest: scan the rest while it works.
    present = [path for entry in staging.iterdir() if entry.name != search.BUNDLE for path in _files(entry)]
    html = [p.relative_to(staging).as_posix() for p in _pages(present)]
    indexing = (indexer or shards.Indexer(staging, None, ())).finish(html)
    try:
        pages = scan_pages(staging, _pages(present), memo)
        names = bool(raw_files(root, "*"))  # participant files: their names are looked for in every text
        privacy = [scan_output(site_files(staging, present), official, memo, keep_texts=names)]
        raise_if(search.finish_index(indexing))
    finally:
        indexing.cancel()  # stops it only when this build ends early (an interrupt, an error)
    added = _files(staging / search.BUNDLE)
    privacy.append(scan_output(site_files(staging, added), official, memo, keep_texts=names))
    raise_if(report(root, privacy, memo))
    pages += scan_pages(staging, _pages(added), memo)
    raise_if(csp_problems(pages))
    write_policy(staging, pages, present + added)
    memo.save()  # every scan is done: keep their clean results for the next build
    return write_manifest(staging, digests)


def _files(entry: Path) -> list[Path]:
    """The files of one entry of the staging folder: itself, or everything under it (the build writes no links)."""
    if entry.is_dir() and not entry.is_symlink():
        return [Path(folder, name) for folder, _, names in os.walk(entry) for name in names]
    return [entry] if entry.is_file() else []


def _pages(files: list[Path]) -> list[Path]:
    """The HTML pages among files (what the CSP scan reads)."""
    return [p for p in files if p.name.endswith(".html")]
