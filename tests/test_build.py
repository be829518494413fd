"""The build: a second site from its own content, safe HTML, relative links, reproducible output."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import ROOT, Project
from helpers import differing, tree
from terang.cli.main import main


def test_a_second_regency_is_just_other_content_and_config(project: Project, capsys) -> None:
    code, out, _ = project.build(capsys=capsys)
    assert code == 0
    written = [p for p in (project.path / "site").rglob("*") if p.is_file() and p.name != ".terang"]
    pages = [p for p in written if p.suffix == ".html"]
    summary = re.fullmatch(r"Selesai: (\d+) halaman \((\d+) berkas\) ditulis ke .+/ dalam \d+,\d\d detik\.", out.splitlines()[0])
    assert summary and int(summary[1]) == len(pages) >= 9
    assert int(summary[2]) <= len(written)
    home = project.page("index.html")
    assert "<title>Transparansi Program Contoh</title>" in home
    assert "Kabupaten Contoh membayar iuran untuk 30 nelayan." in home
    assert '<p class="nilai">30 orang</p>' in home
    assert "Catatan data" not in home  # 10 + 20 = 30: the audit matches
    assert "Serang" not in "".join(p.read_text(encoding="utf-8") for p in (project.path / "site").rglob("*.html"))
    news = project.page("berita/kabar-baik/index.html")
    assert '<p>Isi berita dengan <a href="../../data/index.html#peserta">30 orang</a>.</p>' in news
    assert '<time datetime="2024-01-02">Selasa, 2 Januari 2024</time>' in news


def test_raw_html_is_sanitised(project: Project, capsys) -> None:
    project.write({"content/halaman/tentang.md": (
        '---\njudul: Tentang\n---\n<script>alert(1)</script>\n\n'
        '<p onclick="alert(2)">Teks <a href="javascript:alert(3)">tautan</a> <img src="x.png" onerror="alert(4)" alt="x"></p>\n\n'
        '[klik](javascript:alert(5)) <iframe src="https://contoh.com"></iframe>\n'
    )})
    assert project.build(capsys=capsys)[0] == 0
    page = project.page("tentang/index.html")
    body = page.split('<main id="isi"')[1]
    assert "<script" not in page and "alert" not in body and "onclick" not in body and "onerror" not in body
    assert "javascript:" not in page and "<iframe" not in page
    assert '<p>Teks <a>tautan</a> <img src="x.png" alt="x"></p>' in body


def test_a_long_page_gets_a_table_of_contents_also_when_its_body_comes_from_the_cache(project: Project, capsys) -> None:
    sections = "".join(f"## Bagian *{n}*\n\nTeks {n}.\n\n### Rincian {n}\n\nLagi.\n\n" for n in range(1, 5))
    project.write({"content/halaman/panduan.md": f"---\njudul: Panduan\n---\n{sections}"})
    contents = ('<nav class="daftar-isi" aria-labelledby="daftar-isi-judul">\n'
                '<h2 id="daftar-isi-judul" class="judul-kecil">Daftar isi</h2>\n<ul>'
                + "".join(f'<li><a href="#bagian-{n}">Bagian {n}</a></li>' for n in range(1, 5)) + "</ul>\n</nav>")
    assert project.build(capsys=capsys)[0] == 0
    assert contents in project.page("panduan/index.html")
    (project.path / "site" / "panduan" / "index.html").unlink()  # rendered again, from the cached body
    assert project.build(capsys=capsys)[0] == 0
    assert contents in project.page("panduan/index.html")


def test_images_from_other_hosts_are_refused(project: Project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\n![Logo](https://cdn.contoh.com/logo.png)\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert "content/halaman/tentang.md:4: gambar 'https://cdn.contoh.com/logo.png' diambil dari situs lain; simpan gambarnya di content/ dan tautkan dengan /nama-berkas" in err


def test_drafts_are_published_only_when_asked(project: Project, capsys) -> None:
    project.write({"content/berita/rencana.md": "---\njudul: Rencana\ntanggal: 2024-02-01\nringkasan: R\ntopik: [uji]\ndraf: true\n---\nIsi.\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert not (project.path / "site/berita/rencana").exists()
    assert project.build("--drafts", capsys=capsys)[0] == 0
    assert "<strong>DRAF</strong>" in project.page("berita/rencana/index.html")


def test_base_url_gives_canonical_links_only(project: Project, capsys) -> None:
    assert project.build("--base-url", "https://contoh.go.id/transparansi", capsys=capsys)[0] == 0
    page = project.page("berita/kabar-baik/index.html")
    assert '<link rel="canonical" href="https://contoh.go.id/transparansi/berita/kabar-baik/">' in page
    assert 'href="../../aset/gaya.css"' in page
    not_found = project.page("404.html")
    assert 'href="/transparansi/aset/gaya.css"' in not_found and 'href="/transparansi/index.html"' in not_found


def test_bad_base_url_is_an_error(project: Project, capsys) -> None:
    code, _, err = project.build("--base-url", "contoh.go.id", capsys=capsys)
    assert code == 1
    assert "--base-url: base_url 'contoh.go.id' harus alamat lengkap, misalnya https://contoh.go.id/transparansi/" in err


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765238400")
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["--proyek", str(ROOT), "--out", str(first), "-q"]) == 0
    assert main(["--proyek", str(ROOT), "--out", str(second), "-q"]) == 0
    assert differing(tree(first), tree(second)) == []
    assert "Diperbarui 9 Desember 2025." in (first / "index.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) and not (tag == "link" and a.get("rel") == "canonical"):
                self.links.append(a[name])


def crawl(base: str) -> dict[str, int]:
    """Follow every internal link from the home page over HTTP; return the status of each URL."""
    seen: dict[str, int] = {}
    queue = [base]
    anchors: list[tuple[str, str]] = []
    ids: dict[str, set[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        try:
            with urllib.request.urlopen(url) as response:
                seen[url] = response.status
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            seen[url] = exc.code
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        ids[url] = parser.ids
        for link in parser.links:
            target = urljoin(url, link)
            if not target.startswith(base):
                assert urlparse(link).scheme in ("http", "https", "mailto"), f"{url}: {link} leaves the site"
                continue
            page, _, fragment = target.partition("#")
            if fragment:
                anchors.append((page, fragment))
            queue.append(page)
    for page, fragment in anchors:
        assert fragment in ids.get(page, set()), f"anchor #{fragment} missing on {page}"
    return seen


@pytest.mark.parametrize("prefix", ["", "transparansi/"])
def test_every_link_works_at_the_root_and_under_a_sub_path(default_site: Path, tmp_path: Path, prefix: str) -> None:
    served = tmp_path / "www"
    (served / prefix).parent.mkdir(parents=True, exist_ok=True)
    (served / prefix.rstrip("/") if prefix else served).symlink_to(default_site) if prefix else None
    root = served if prefix else default_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        seen = crawl(f"http://127.0.0.1:{server.server_port}/{prefix}")
    finally:
        server.shutdown()
    assert {url: code for url, code in seen.items() if code != 200} == {}
    html = [u for u in seen if u.endswith(".html") or u.endswith("/")]
    assert len(html) >= 19
    assert any(u.endswith("peserta-per-segmen.csv") for u in seen)


def test_every_link_works_when_opened_from_disk(default_site: Path) -> None:
    for page in default_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if re.match(r"^[a-z]+:", link) or link.startswith("#"):
                continue
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(default_site)}: {link}"
