"""Quality-gate helpers: the built site's pages and page types, a local server, Chromium, the npm tools."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
NODE_BIN = ROOT / "node_modules" / ".bin"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Debian's Chromium in a container: no sandbox, no GPU, and no traffic of its own to other hosts.
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
)

# The page types the site must have, by template (the `data-jenis` on <body>), named as the issue names them.
REQUIRED_TYPES = {
    "beranda": "home",
    "berita_daftar": "news list",
    "berita": "news item",
    "regulasi_daftar": "regulation list",
    "regulasi": "regulation item",
    "halaman": "plain page",
    "data_daftar": "data overview",
    "data": "data page",
    "riwayat_angka": "figure history",
    "angka": "key figure",
    "pengumuman": "notice-board page",
    "404": "404",
}
SEARCH_PAGE = "cari/index.html"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

_JENIS = re.compile(r'<body[^>]*\bdata-jenis="([^"]+)"')


def html_pages(site: Path) -> list[str]:
    """Every HTML file of the built site, as sorted site-relative paths."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def page_type(html: str) -> str:
    """The template a page was rendered from, read from <body data-jenis="...">, or '' if none."""
    match = _JENIS.search(html)
    return match.group(1) if match else ""


def pages_by_type(site: Path) -> dict[str, list[str]]:
    """Site-relative HTML paths grouped by page type."""
    groups: dict[str, list[str]] = {}
    for path in html_pages(site):
        groups.setdefault(page_type((site / path).read_text(encoding="utf-8")), []).append(path)
    return groups


def one_per_type(site: Path) -> dict[str, str]:
    """One page of each type (the first by path), so every template is checked once."""
    return {kind: paths[0] for kind, paths in sorted(pages_by_type(site).items())}


def require(path: Path | str | None, what: str, install: str) -> str:
    """The path of a tool the checks need: skipped on a developer's machine without it, a failure in CI."""
    if path and Path(path).exists():
        return str(path)
    message = f"{what} is not installed; run {install} (or .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def chromium_path() -> str:
    return require(shutil.which("chromium"), "Debian's chromium", "apt-get install -y chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing path with the site's 404.html, as static hosts do."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-download is not the site's fault
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a thread; yields the base URL ending in '/'.

    `headers` are added to every response, as a host that reads site/_headers would.
    """
    base = _QuietHandler
    if headers:
        def end_headers(self: http.server.SimpleHTTPRequestHandler) -> None:
            for name, value in headers.items():
                self.send_header(name, value)
            _QuietHandler.end_headers(self)
        base = type("HeaderHandler", (_QuietHandler,), {"end_headers": end_headers})
    handler = functools.partial(base, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass(frozen=True)
class Finding:
    """One validator message, placed in the built site."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def validate_html(site: Path, files: list[str]) -> list[Finding]:
    """Every error the Nu HTML Checker finds in `files`: one JVM run for HTML, one for CSS and SVG."""
    java = require(shutil.which("java"), "Java", "apt-get install -y default-jre-headless")
    jar = require(VNU_JAR, "vnu-jar", "npm ci")
    html = [f for f in files if f.endswith(".html")]
    other = [f for f in files if not f.endswith(".html")]
    # Separate runs, because --also-check-css shifts the line numbers of HTML errors by one.
    runs = [(html, []), (other, ["--also-check-css", "--also-check-svg"])]
    findings = []
    for names, flags in runs:
        if names:
            done = subprocess.run([java, "-jar", jar, "--format", "json", "--exit-zero-always", *flags, *(str(site / n) for n in names)],
                                  capture_output=True, text=True, timeout=300, check=True)
            findings += [
                Finding(Path(m["url"].removeprefix("file:")).resolve().relative_to(site.resolve()).as_posix(), m.get("lastLine", 0), m["message"])
                for m in json.loads(done.stderr or done.stdout)["messages"] if m["type"] == "error" or m.get("subType") == "fatal"
            ]
    return findings


LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str, report: Path) -> dict[str, int]:
    """Run Lighthouse (npm) on `url` with Debian's Chromium; the four category scores, 0 to 100."""
    binary = require(NODE_BIN / "lighthouse", "lighthouse", "npm ci")
    flags = " ".join(("--headless=new", *CHROMIUM_ARGS))
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    report.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [binary, url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
         "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES), "--form-factor=mobile"],
        env=env, capture_output=True, text=True, timeout=240, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url} (exit {done.returncode}): {done.stderr[-2000:]}")
    result = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(result["categories"][name]["score"] * 100) for name in LIGHTHOUSE_CATEGORIES}


def failed_audits(report: Path, category: str) -> list[str]:
    """The audits that cost a category points, as 'id: title', for a readable assertion message."""
    result = json.loads(report.read_text(encoding="utf-8"))
    refs = result["categories"][category]["auditRefs"]
    audits = result["audits"]
    return [f"{r['id']}: {audits[r['id']]['title']}" for r in refs
            if r["weight"] > 0 and audits[r["id"]]["score"] is not None and audits[r["id"]]["score"] < 1]


@pytest.fixture(scope="session")
def site_url(default_site: Path) -> Iterator[str]:
    """The default site served on 127.0.0.1 for the whole session."""
    with serve(default_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless Debian Chromium per test module, driven by Playwright.

    Per module, not per session: Playwright's sync API allows one running instance, so a module
    that still starts its own `sync_playwright()` works as long as it does not also use this fixture.
    """
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()
