"""The finishing steps on the complete staging folder, before it replaces the old site.

They run as one explicit sequence so that the search indexer (a separate process) works while
this process scans the pages:

1. Pagefind starts on the pages of the main index (the news parts may be indexed already; terang.publish.indexer), in the background;
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
from typing import Any, Iterable

from terang.data.participants import raw_files
from terang.errors import Problem, raise_if
from terang.privacy.output import report, scan_output, site_files
from terang.privacy.rules import name_problems, official_keys
from terang.publish import search
from terang.publish.headers import HEADERS_FILE, csp_problems, scan_pages, write_policy
from terang.publish.indexer import Indexer
from terang.publish.manifest import write_manifest
from terang.reuse import NO_RESULTS, ScanResults
from terang.walk import listing, pages


def finish_site(staging: Path, root: Path, official_phones: Iterable[str], memo: ScanResults = NO_RESULTS,
                indexer: Indexer | None = None, digests: dict[str, Any] | None = None) -> list[Problem]:
    """Finisher: index, scan, write `_headers` and SHA256SUMS; raises BuildFailed on the first failing step.

    `memo` holds the clean scan results of earlier builds and takes this build's; `indexer` is the
    search indexer the build started before it wrote the pages (see terang.publish.indexer);
    `digests` are the files' SHA-256 of earlier builds, updated to this site's (manifest.write_manifest).
    """
    official = official_keys(official_phones)
    # Pagefind writes only inside its own folder and only reads the rest: scan the rest while it works.
    present = listing(staging, skip=search.BUNDLE)  # one walk and one stat per file serve every step
    html = pages(present)
    indexing = (indexer or Indexer(staging, None, ())).finish(list(html))
    try:
        scanned = scan_pages(staging, html, memo, root)  # inline scripts: only the templates' own
        names = bool(raw_files(root, "*"))  # participant files: their names are looked for in every text
        privacy = [scan_output(site_files(staging, present), official, memo, keep_texts=names)]
        raise_if(search.finish_index(indexing))
    finally:
        indexing.cancel()  # stops it only when this build ends early (an interrupt, an error)
    bundle = staging / search.BUNDLE
    added = listing(bundle, f"{search.BUNDLE}/") if bundle.is_dir() else {}
    privacy.append(scan_output(site_files(staging, added), official, memo, keep_texts=names))
    raise_if(report(root, privacy, memo) + name_problems([f"site/{name}" for name in [*present, *added]], official))
    scanned += scan_pages(staging, pages(added), memo, root)
    raise_if(csp_problems(scanned))
    write_policy(staging, scanned, [*present, *added])
    policy = {HEADERS_FILE: os.stat(staging / HEADERS_FILE)} if (staging / HEADERS_FILE).is_file() else {}
    return write_manifest(staging, digests, {**present, **added, **policy})

