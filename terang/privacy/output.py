"""The firewall over the finished site: every output file is scanned for personal data before the swap.

HTML, CSV, JSON, feeds and the search index are read as text (Pagefind's gzip fragments opened,
HTML entities decoded) and scanned with the rules of terang.privacy.rules. A page is read as a reader sees
it (readable_markup): table cells and other blocks apart, attribute values (alt, title) scanned,
emphasis joined. A hit in the search index is reported on the page the index entry came from:
the index joins a page's cells into one text, and a number that only exists joined is not there.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable

from terang.data.participants import raw_files
from terang.errors import Problem
from terang.privacy.media import pdf_text
from terang.privacy.rules import Hit, describe, limited, masked, name_hits, official_keys, origins, scan_text, source_texts
from terang.reuse import NO_RESULTS, ScanResults
from terang.urls import SEARCH_BUNDLE as BUNDLE
from terang.walk import Listing, by_path, listing

GZIP_MAGIC = b"\x1f\x8b"
# Pictures, fonts and pagefind's WebAssembly hold no text a person could read; everything else is scanned.
BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".wasm", ".pagefind"}
PAGEFIND_PREFIX = b"pagefind_dcd"
# Pagefind's word index: every word of it is a word of a page, which is scanned on its own, and Pagefind
# writes words joined across separators ('13/08/2025-14/09/2025' as one 16-digit word): not scanned.
# Its fragments (each page's text, what the search shows) are scanned and traced to their page.
INDEX_WORDS = {".pf_index", ".pf_filter"}
MARKUP_SUFFIXES = (".html", ".htm", ".xml", ".svg")
# Elements a reader sees inside the surrounding text ('<strong>0812</strong>-4334'): their bare tags are dropped.
INLINE = "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var wbr".split()
BARE_INLINE_RE = re.compile(r"</?(?:%s)>" % "|".join(sorted(INLINE, key=len, reverse=True)))


def output_text(path: Path) -> str:
    """A site file as text: pagefind's gzip fragments are opened, HTML entities decoded."""
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf":  # what a reader of the PDF sees: its pages' text and metadata (terang.privacy.media)
        return pdf_text(data)
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            pass
    data = data.removeprefix(PAGEFIND_PREFIX)
    text = data.decode("utf-8", errors="replace")
    if path.suffix == ".xml":  # a feed: its entries hold escaped HTML, read once more as a page
        text = readable_markup(text)
    return readable_markup(text) if path.suffix in MARKUP_SUFFIXES else text


def readable_markup(markup: str) -> str:
    """HTML or XML as the privacy rules read it: entities decoded, bare inline tags dropped, other tags kept.

    A kept tag is '<…>' in the text, and no number pattern crosses '<' or '>' (nor a quote): so two
    table cells, two paragraphs, or an attribute value and the text beside it are never one number,
    while '<strong>0812</strong>-4334-3251' reads as the reader sees it. Attribute values (alt,
    title) are in the text between their quotes and are scanned like any other text.
    """
    return html.unescape(BARE_INLINE_RE.sub("", markup))


@dataclass(frozen=True)
class OutputScan:
    """Site files read and scanned for numbers; participant names and origins are looked up in report()."""

    files: dict[str, Path]  # shown name -> file, only those not known clean from an earlier build
    texts: dict[str, str]
    hits: tuple[tuple[str, Hit], ...]


def site_files(folder: Path, files: Listing, shown_as: str = "site") -> dict[str, tuple[str, os.stat_result]]:
    """The files a privacy scan reads (`files`: terang.walk of `folder`), by the name they will have in site/,
    with their path and stat; pictures and fonts are skipped."""
    base = os.fspath(folder)
    return {f"{shown_as}/{name}": (f"{base}/{name}", files[name]) for name in by_path(files)
            if os.path.splitext(name)[1].lower() not in BINARY_SUFFIXES | INDEX_WORDS}


def scan_output(files: dict[str, tuple[str, os.stat_result]], official: frozenset[str], memo: ScanResults = NO_RESULTS, keep_texts: bool = True) -> OutputScan:
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


def report(root: Path, scans: Iterable[OutputScan], memo: ScanResults = NO_RESULTS) -> list[Problem]:
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
    named = name_hits(root, texts)
    dirty = {key for key, _ in hits} | {key for key, _, _ in named}
    indexed = {key for key in dirty if indexed_page(key, files[key])}
    hits = [(key, hit) for key, hit in hits if key not in indexed]
    sources = source_texts(root) if hits else {}
    where = origins({hit.value for _, hit in hits}, sources, root)
    # a path named after a NIK is shown cut, as in name_problems: the message must not publish what it refuses
    problems = [Problem(masked(key), hit.line, describe(hit, where.get(hit.value, ""))) for key, hit in hits]
    problems += [Problem(masked(key), hit.line, describe(hit, f" (nama ini ada di {origin})")) for key, hit, origin in named if key not in indexed]
    for key in files.keys() - dirty:
        memo.put("privasi", key, files[key], True)
    return limited(problems)


def indexed_page(key: str, path: Path) -> str:
    """The page a search index fragment was made from ('site/berita/x/index.html'), when it is in the site; else ''.

    Every word of a fragment comes from its page, which is scanned on its own, cell by cell; what
    the fragment holds beyond the page are texts joined across cells ('62.949. 54.276.'). So the
    page's own findings are reported, with their source lines, and not the fragment's.
    A fragment that names no page of the site keeps its findings.
    """
    name = path.as_posix()
    cut = name.rfind(f"/{BUNDLE}/")
    if cut < 0 or not name.endswith(".pf_fragment"):
        return ""
    try:
        url = json.loads(output_text(path)).get("url")
    except (ValueError, AttributeError):
        return ""
    page = url.split("#")[0].split("?")[0].lstrip("/") if isinstance(url, str) else ""
    if not page or ".." in page.split("/"):
        return ""
    page += "index.html" if page.endswith("/") else ""
    if not os.path.isfile(f"{name[:cut]}/{page}"):
        return ""
    return f"{key[:len(key) - (len(name) - cut)]}/{page}"


def scan_site(root: Path, folder: Path, official_phones: Iterable[str], shown_as: str = "site", memo: ScanResults = NO_RESULTS) -> list[Problem]:
    """Every file of the finished site folder scanned; messages name the file as it will be in site/.

    A file that scanned clean in an earlier build and was hard-linked unchanged is not read again.
    """
    scanned = scan_output(site_files(folder, listing(folder), shown_as), official_keys(official_phones), memo)
    return report(root, [scanned], memo)


def rules(root: Path, official_phones: Iterable[str]) -> tuple[object, ...]:
    """What decides a scan's result besides the file: official phones and the participant files."""
    raw = [(p.name, info.st_size, info.st_mtime_ns) for p in raw_files(root, "*") for info in (p.stat(),)]
    return ("privasi", sorted(official_phones), raw)
