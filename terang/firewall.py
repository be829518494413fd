"""The firewall over the finished site: every output file is scanned for personal data before the swap.

HTML, CSV, JSON, feeds and the search index are read as text (Pagefind's gzip fragments opened,
HTML entities decoded) and scanned with the rules of terang.privasi.
"""

from __future__ import annotations

import gzip
import html
import os
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable

from .errors import Problem
from .listing import Listing, by_path, listing
from .peserta import raw_files
from .privasi import Hit, describe, limited, name_hits, official_keys, origins, scan_text, source_texts
from .scanmemo import NO_MEMO, ScanMemo

GZIP_MAGIC = b"\x1f\x8b"
# Pictures, fonts and pagefind's WebAssembly hold no text a person could read; everything else is scanned.
BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".wasm", ".pagefind"}
PAGEFIND_PREFIX = b"pagefind_dcd"


def output_text(path: Path) -> str:
    """A site file as text: pagefind's gzip fragments are opened, HTML entities decoded."""
    data = path.read_bytes()
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            pass
    data = data.removeprefix(PAGEFIND_PREFIX)
    text = data.decode("utf-8", errors="replace")
    return html.unescape(text) if path.suffix in (".html", ".xml", ".htm") else text


@dataclass(frozen=True)
class OutputScan:
    """Site files read and scanned for numbers; participant names and origins are looked up in report()."""

    files: dict[str, Path]  # shown name -> file, only those not known clean from an earlier build
    texts: dict[str, str]
    hits: tuple[tuple[str, Hit], ...]


def site_files(folder: Path, files: Listing, shown_as: str = "site") -> dict[str, tuple[str, os.stat_result]]:
    """The files a privacy scan reads (`files`: terang.listing of `folder`), by the name they will have in site/,
    with their path and stat; pictures and fonts are skipped."""
    base = os.fspath(folder)
    return {f"{shown_as}/{name}": (f"{base}/{name}", files[name]) for name in by_path(files)
            if os.path.splitext(name)[1].lower() not in BINARY_SUFFIXES}


def scan_output(files: dict[str, tuple[str, os.stat_result]], official: frozenset[str], memo: ScanMemo = NO_MEMO, keep_texts: bool = True) -> OutputScan:
    """Read and scan site files (site_files()) for NIK and phone numbers; a file that scanned clean before is not read again.

    The texts are kept for the search of participant names (report()); without participant
    files there are no names to look for, and `keep_texts=False` reads one file at a time.
    """
    files = {key: Path(path) for key, (path, info) in files.items() if memo.get("privasi", key, info) is None}
    texts: dict[str, str] = {}
    hits: list[tuple[str, Hit]] = []
    for key, path in files.items():
        text = output_text(path)
        hits += [(key, hit) for hit in scan_text(text, official)]
        if keep_texts:
            texts[key] = text
    return OutputScan(files, texts, tuple(hits))


def report(root: Path, scans: Iterable[OutputScan], memo: ScanMemo = NO_MEMO) -> list[Problem]:
    """The problems of site files scanned in parts, as if scanned together: numbers with their origins, then names."""
    parts = list(scans)
    files = dict(sorted(((k, v) for scan in parts for k, v in scan.files.items()), key=lambda item: item[1]))
    texts = {key: text for scan in parts for key, text in scan.texts.items()}
    texts = {key: texts[key] for key in files if key in texts}
    by_file: dict[str, list[Hit]] = {}
    for scan in parts:
        for key, hit in scan.hits:
            by_file.setdefault(key, []).append(hit)
    hits = [(key, hit) for key in files for hit in by_file.get(key, [])]
    sources = source_texts(root) if hits else {}
    where = origins({hit.value for _, hit in hits}, sources, root)
    problems = [Problem(key, hit.line, describe(hit, where.get(hit.value, ""))) for key, hit in hits]
    named = name_hits(root, texts)
    problems += [Problem(key, hit.line, describe(hit, f" (nama ini ada di {origin})")) for key, hit, origin in named]
    dirty = {key for key, _ in hits} | {key for key, _, _ in named}
    for key in files.keys() - dirty:
        memo.put("privasi", key, files[key], True)
    return limited(problems)


def scan_site(root: Path, folder: Path, official_phones: Iterable[str], shown_as: str = "site", memo: ScanMemo = NO_MEMO) -> list[Problem]:
    """Every file of the finished site folder scanned; messages name the file as it will be in site/.

    A file that scanned clean in an earlier build and was hard-linked unchanged is not read again.
    """
    scanned = scan_output(site_files(folder, listing(folder), shown_as), official_keys(official_phones), memo)
    return report(root, [scanned], memo)


def rules(root: Path, official_phones: Iterable[str]) -> tuple[object, ...]:
    """What decides a scan's result besides the file: official phones and the participant files."""
    raw = [(p.name, info.st_size, info.st_mtime_ns) for p in raw_files(root, "*") for info in (p.stat(),)]
    return ("privasi", sorted(official_phones), raw)
