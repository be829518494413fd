"""Every page of the default site works in Chromium under the CSP from site/_headers.

A tiny local server adds the headers exactly as a Netlify-style host would. Each page must load
with no CSP violation, no console error, no request to another host, its stylesheet applied and
its heading shown. A control page with an inline style and script proves violations are caught.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import serve
from terang.publish.headers import parse_headers_file

LISTEN = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


def served(folder: Path):  # type: ignore[no-untyped-def]
    """The folder served with the headers of its own `_headers` file."""
    return serve(folder, parse_headers_file((folder / "_headers").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def site_copy(default_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default site plus one control page that breaks the CSP on purpose."""
    copy = tmp_path_factory.mktemp("csp") / "site"
    shutil.copytree(default_site, copy)
    (copy / "kontrol.html").write_text(
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>kontrol</title></head>'
        '<body><h1 style="color:red">kontrol</h1><script>document.title = "dijalankan"</script></body></html>', encoding="utf-8")
    return copy


def visit(browser, base: str, path: str) -> dict:
    """Load one page; report CSP violations, console errors, other hosts and what rendered."""
    page = browser.new_page()
    console, hosts = [], []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {urlsplit(r.url).path}") if r.status >= 400 else None)
    page.on("request", lambda r: hosts.append(urlsplit(r.url).netloc) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    page.add_init_script(LISTEN)
    response = page.goto(base + path, wait_until="load")
    result = {
        "status": response.status,
        "csp_header": response.headers.get("content-security-policy", ""),
        "violations": page.evaluate("window.__csp"),
        "console": [line for line in console if not line.startswith("Failed to load resource")],
        "failed": failed,
        "other_hosts": hosts,
        "h1": page.evaluate("document.querySelector('h1') ? document.querySelector('h1').textContent.trim() : ''"),
        "css_rules": page.evaluate("Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)"),
        "title": page.title(),
    }
    page.close()
    return result


def test_every_page_works_under_the_content_security_policy(chromium, site_copy: Path) -> None:
    pages = sorted(p.relative_to(site_copy).as_posix() for p in site_copy.rglob("*.html") if p.name != "kontrol.html")
    assert len(pages) >= 19
    with served(site_copy) as base:
        for path in pages:
            result = visit(chromium, base, path)
            assert result["status"] == 200, path
            assert result["csp_header"].startswith("default-src 'none'; script-src 'self'"), path
            assert "unsafe-inline" not in result["csp_header"], path
            assert result["violations"] == [], (path, result["violations"])
            assert result["console"] == [], (path, result["console"])
            assert result["failed"] == [], (path, result["failed"])
            assert result["other_hosts"] == [], (path, result["other_hosts"])
            assert result["h1"], path
            assert result["css_rules"] > 20, (path, "gaya.css must load under the CSP")


def test_the_browser_check_catches_an_inline_style_and_script(chromium, site_copy: Path) -> None:
    with served(site_copy) as base:
        result = visit(chromium, base, "kontrol.html")
    assert sorted(v.split()[0] for v in result["violations"]) == ["script-src-elem", "style-src-attr"]
    assert result["title"] == "kontrol", "the inline script must not have run"
    assert any("Content Security Policy" in line for line in result["console"])
