"""Security headers for the published site: `_headers` (Netlify, Cloudflare Pages and alike).

The Content-Security-Policy allows only the site's own files. Inline scripts are allowed
only by their SHA-256 hash, and only scripts the templates write as they are: an inline
script in a built page that no template holds (from a sanitiser's slip or a tampered cache)
fails the build, naming the Markdown file it came from. Inline styles are not allowed at all.
docs/keamanan.md shows the same headers for nginx and Apache.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from terang.errors import Problem
from terang.publish.htmlscan import Script, runnable, scan, template_scripts
from terang.reuse import NO_RESULTS, ScanResults
from terang.site import theme
from terang.urls import item_url, output_path
from terang.walk import Listing, by_path, listing, pages

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


@dataclass(frozen=True)
class Allowed:
    """The inline scripts the CSP may allow: those the templates write as they are, by hash.

    `changing` holds the runnable inline scripts whose text Jinja fills in (never allowed), as problems.
    """

    hashes: frozenset[str] = frozenset()
    changing: tuple[Problem, ...] = ()


def allowed_scripts(templates: Path) -> Allowed:
    """The hashes of the runnable inline scripts written literally in the templates a build uses (the project's
    templates/ and the theme's; a script with Jinja syntax is not one)."""
    hashes, changing = set(), []
    for name, path in theme.html_files(templates).items():
        source = path.read_text(encoding="utf-8", errors="replace")
        if "<script" not in source.lower():
            continue
        for found in template_scripts(source):
            if not found.runnable:
                continue
            if found.static:
                hashes.add(script_hash(found.script.text))
            else:
                changing.append(Problem(theme.shown_name(templates, str(path)) or f"templates/{name}", found.line, CHANGING))
    return Allowed(frozenset(hashes), tuple(changing))


CHANGING = ("skrip sebaris di templat ini memakai sintaks Jinja ({{ }}, {% %} atau {# #}), jadi isinya berubah per halaman "
            "dan tidak dapat diizinkan oleh kebijakan keamanan (CSP) situs; tulis skripnya apa adanya atau pindahkan ke berkas .js di templates/aset/")


@dataclass
class _Origins:
    """Which Markdown file made a page, looked up only when a page holds a script no template wrote."""

    root: Path | None
    pages: dict[str, str] | None = field(default=None)

    def source(self, page: str) -> str | None:
        if self.root is None:
            return None
        if self.pages is None:
            from terang.content.read import KINDS  # the content kinds; imported here, only on this rare path

            self.pages = {output_path(item_url(kind, md.stem)): f"content/{kind}/{md.name}"
                          for kind in KINDS for md in sorted((self.root / "content" / kind).glob("*.md"))}
        return self.pages.get(page)


def scan_pages(staging: Path, pages: Listing, memo: ScanResults = NO_RESULTS, root: Path | None = None) -> list[PageScan]:
    """Scan built pages (by name, with their stat: terang.walk) for what the CSP would block, and hash their inline scripts.

    Only the runnable inline scripts that the templates of `root` write as they are (allowed_scripts())
    are hashed; any other fails the build. Without `root` no inline script is allowed. A page that
    scanned clean in an earlier build and was hard-linked unchanged is not parsed again.
    """
    allowed = allowed_scripts(root / "templates") if root is not None else Allowed()
    origins = _Origins(root)
    scanned = [PageScan("", (), allowed.changing)] if allowed.changing else []  # no page: reported first, and once (csp_problems())
    for name in by_path(pages):
        known = memo.get("csp", name, pages[name])
        if type(known) is list and all(h in allowed.hashes for h in known):  # a memo is data: a hash no template gives is rescanned
            scanned.append(PageScan(name, tuple(known), ()))
            continue
        page = staging / name
        scripts, findings = scan(page.read_text(encoding="utf-8", errors="replace"))
        problems = [Problem(name, 0, f"halaman hasil build: {finding}; ini dilarang oleh kebijakan keamanan (CSP) situs, perbaiki templatnya") for finding in findings]
        hashes, unknown = [], []
        for script in runnable(scripts):
            digest = script_hash(script.text)
            if digest in allowed.hashes:
                hashes.append(digest)
            else:
                unknown.append(script)
        if not allowed.changing:  # else the template's own problem says it all, once
            problems += [unknown_script(name, script, origins) for script in unknown]
        if not problems and not unknown:
            memo.put("csp", name, pages[name], hashes)
        scanned.append(PageScan(name, tuple(hashes), tuple(problems)))
    return scanned


def unknown_script(page: str, script: Script, origins: _Origins) -> Problem:
    """An inline script no template writes: named by the Markdown file (and line) of the page, or by the page."""
    source = origins.source(page)
    line = _line(origins.root / source, script.text) if source and origins.root else 0
    if source is None:
        return Problem(page, 0, "halaman hasil build: skrip sebaris yang tidak tertulis apa adanya di templates/; "
                                "ini dilarang oleh kebijakan keamanan (CSP) situs, perbaiki templatnya")
    return Problem(source, line, f"halaman hasil build {page} memuat skrip sebaris yang bukan dari templat; ini dilarang oleh "
                                 "kebijakan keamanan (CSP) situs. Hapus skrip dari berkas ini; jika berkas ini tidak memuat skrip, "
                                 "jalankan build dengan --clean (cache build mungkin diubah)")


def _line(path: Path, text: str) -> int:
    """The line of `path` where `text` (without its surrounding blanks) starts; 0 when it is not there."""
    try:
        source = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    except OSError:
        return 0
    needle = text.strip()
    index = source.find(needle) if needle else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 0


def csp_problems(scanned: Iterable[PageScan]) -> list[Problem]:
    """The findings of scanned pages, in page order, each once (a template's problem comes with every scan)."""
    return list(dict.fromkeys(problem for page in sorted(scanned, key=lambda p: p.name.split("/")) for problem in page.problems))


def write_policy(staging: Path, scanned: Iterable[PageScan], files: Iterable[str]) -> None:
    """Write `_headers` with the hashes of every scanned page (and WebAssembly when `files`, the site's names, include some)."""
    hashes = [h for page in scanned for h in page.hashes]
    wasm = any(name.endswith(".wasm") or name.rpartition("/")[2].startswith("wasm.") for name in files)
    (staging / HEADERS_FILE).write_text(headers_file(content_security_policy(hashes, wasm)), encoding="utf-8", newline="\n")


def write_headers(staging: Path, memo: ScanResults = NO_RESULTS, root: Path | None = None) -> list[Problem]:
    """Finisher: scan every page, refuse what the CSP would block, then write `_headers` (see scan_pages())."""
    files = listing(staging)
    scanned = scan_pages(staging, pages(files), memo, root)
    write_policy(staging, scanned, files)
    return csp_problems(scanned)
