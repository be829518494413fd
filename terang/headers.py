"""Security headers for the published site: `_headers` (Netlify, Cloudflare Pages and alike).

The Content-Security-Policy allows only the site's own files. Inline scripts are allowed
only by their SHA-256 hash, computed from the final pages; inline styles not at all.
docs/keamanan.md shows the same headers for nginx and Apache.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import Problem
from .listing import Listing, by_path, listing, pages
from .scanmemo import NO_MEMO, ScanMemo
from .outscan import runnable, scan

HEADERS_FILE = "_headers"

POLICY = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Pagefind's stylesheet draws its icons as data: images
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("manifest-src", "'self'"),
    ("form-action", "'self'"),
    ("base-uri", "'none'"),
    ("object-src", "'none'"),
    ("frame-ancestors", "'none'"),
)

OTHER_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def script_hash(text: str) -> str:
    """The CSP source that allows one inline script: 'sha256-<base64>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(hashes: list[str], wasm: bool = False) -> str:
    """The policy, with the hashes of inline scripts (and WebAssembly when the site ships it)."""
    extra = sorted(set(hashes)) + (["'wasm-unsafe-eval'"] if wasm else [])
    parts = [f"{name} {value}" + (" " + " ".join(extra) if name == "script-src" and extra else "") for name, value in POLICY]
    return "; ".join(parts)


def headers(policy: str) -> list[tuple[str, str]]:
    """Every header the site should be served with."""
    return [("Content-Security-Policy", policy), *OTHER_HEADERS]


def headers_file(policy: str) -> str:
    """The `_headers` file: the same headers for every path of the site."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers(policy))


def parse_headers_file(text: str) -> dict[str, str]:
    """The headers of the `/*` rule in a `_headers` file (for tests and local servers)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith((" ", "\t")) and ":" in line:
            name, _, value = line.strip().partition(":")
            found[name.strip()] = value.strip()
    return found


@dataclass(frozen=True)
class PageScan:
    """What the CSP scan found in one built page: its inline scripts' hashes and its findings."""

    name: str  # POSIX path in the site
    hashes: tuple[str, ...]
    problems: tuple[Problem, ...]


def scan_pages(staging: Path, pages: Listing, memo: ScanMemo = NO_MEMO) -> list[PageScan]:
    """Scan built pages (by name, with their stat: terang.listing) for what the CSP would block, and hash their inline scripts.

    A page that scanned clean in an earlier build and was hard-linked unchanged is not parsed again.
    """
    scanned = []
    for name in by_path(pages):
        known = memo.get("csp", name, pages[name])
        if known is not None:
            scanned.append(PageScan(name, tuple(known), ()))
            continue
        page = staging / name
        scripts, findings = scan(page.read_text(encoding="utf-8", errors="replace"))
        hashes = [script_hash(s.text) for s in runnable(scripts)]
        problems = [Problem(name, 0, f"halaman hasil build: {finding}; ini dilarang oleh kebijakan keamanan (CSP) situs, perbaiki templatnya") for finding in findings]
        if not findings:
            memo.put("csp", name, pages[name], hashes)
        scanned.append(PageScan(name, tuple(hashes), tuple(problems)))
    return scanned


def csp_problems(scanned: Iterable[PageScan]) -> list[Problem]:
    """The findings of scanned pages, in page order."""
    return [problem for page in sorted(scanned, key=lambda p: p.name.split("/")) for problem in page.problems]


def write_policy(staging: Path, scanned: Iterable[PageScan], files: Iterable[str]) -> None:
    """Write `_headers` with the hashes of every scanned page (and WebAssembly when `files`, the site's names, include some)."""
    hashes = [h for page in scanned for h in page.hashes]
    wasm = any(name.endswith(".wasm") or name.rpartition("/")[2].startswith("wasm.") for name in files)
    (staging / HEADERS_FILE).write_text(headers_file(content_security_policy(hashes, wasm)), encoding="utf-8", newline="\n")


def write_headers(staging: Path, memo: ScanMemo = NO_MEMO) -> list[Problem]:
    """Finisher: scan every page, refuse what the CSP would block, then write `_headers`."""
    files = listing(staging)
    scanned = scan_pages(staging, pages(files), memo)
    write_policy(staging, scanned, files)
    return csp_problems(scanned)
