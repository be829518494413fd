"""Search: Pagefind indexes only main content, in Indonesian; cari/ works with and without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import pytest

from browser import serve
from conftest import Project
from terang.publish import search

PROTECTION = {"content/halaman/hak.md": "---\njudul: Hak peserta\n---\nProgram ini memberi perlindungan bagi nelayan saat bekerja di laut.\n"}


def test_the_index_is_built_in_indonesian_inside_the_site(project: Project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    entry = json.loads((project.path / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    assert (project.path / "site/pagefind/pagefind-ui.js").is_file()


def test_only_the_main_content_of_content_pages_is_indexed(project: Project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    pages = {p["url"]: p for p in search.fragments(project.path / "site")}
    assert sorted(pages) == ["/berita/kabar-baik/index.html", "/data/per-desa/index.html", "/regulasi/perbup-1-2024/index.html",
                             "/tentang/index.html"]
    text = search.indexed_text(project.path / "site")
    assert "Isi berita dengan 30 orang." in text
    assert "Diterbitkan oleh" not in text  # footer
    assert "Langsung ke isi" not in text and "Beranda" not in text  # skip link and menu
    assert "Kembali ke daftar" not in text and "Berita terkait" not in text


def test_the_search_page_lists_every_page_by_type_without_javascript(project: Project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    page = project.page("cari/index.html")
    main = page.split('<main id="isi" class="lebar">', 1)[1].split("</main>", 1)[0]
    assert re.findall(r"<h3>([^<]+)</h3>", main) == ["Informasi untuk warga", "Berita", "Regulasi", "Data"]
    for href in ("../tentang/index.html", "../berita/kabar-baik/index.html", "../regulasi/perbup-1-2024/index.html",
                 "../data/per-desa/index.html"):
        assert f'<a href="{href}">' in main
    assert 'id="kotak-cari"' in main and "<form" not in main  # the box is added by the script only
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert "../pagefind/pagefind-ui.js" in sources and "../aset/cari.js" in sources
    assert not [s for s in sources if re.match(r"https?:|//", s)]


def test_the_default_site_index_holds_no_personal_numbers(default_site: Path) -> None:
    text = search.indexed_text(default_site)
    assert "perlindungan" in text.lower()
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", text.replace(".", ""))


def test_a_missing_indexer_program_is_named_with_how_to_install_it(project: Project, capsys, monkeypatch) -> None:
    assert project.build(capsys=capsys)[0] == 0
    monkeypatch.setattr(search, "executable", lambda: ("/tidak/ada/pagefind",))
    assert project.failing_rebuild(capsys) == ("pagefind: pencarian tidak dapat dibuat: program Pagefind tidak ditemukan atau tidak dapat dijalankan "
                                               "(/tidak/ada/pagefind); pasang dengan: python3 -m pip install 'pagefind[bin]'")


def test_a_failing_indexer_stops_the_build_and_keeps_the_old_site(project: Project, capsys, monkeypatch) -> None:
    assert project.build(capsys=capsys)[0] == 0
    monkeypatch.setattr(search, "command", lambda site, output: ["python3", "-c", "import sys; sys.exit('indeks rusak')"])
    assert project.failing_rebuild(capsys) == "pagefind: pencarian tidak dapat dibuat: Pagefind gagal (indeks rusak)"


@pytest.fixture
def served(project: Project, capsys) -> Iterator[str]:
    """The tiny site plus a page about 'perlindungan', served on 127.0.0.1."""
    assert project.write(PROTECTION).build(capsys=capsys)[0] == 0
    with serve(project.path / "site") as url:
        yield url


def _luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_stemmed_indonesian_word_finds_the_page_in_a_browser(served: str, chromium) -> None:
    # The shared Chromium of tests/browser.py: Playwright's sync API runs one instance at a time.
    browser = chromium.new_context()
    try:
        page = browser.new_page()
        hosts: set[str] = set()
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
        page.goto(served + "cari/index.html")
        box = page.locator(".pagefind-ui__search-input")
        assert box.get_attribute("placeholder") == "Ketik kata yang dicari"
        box.fill("dilindungi")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        assert page.inner_text(".pagefind-ui__message") == "1 hasil untuk dilindungi"
        link = page.locator(".pagefind-ui__result-link").first
        assert link.get_attribute("href") == "/hak/index.html"
        assert link.inner_text() == "Hak peserta"
        border = page.eval_on_selector(".pagefind-ui__search-input", "e => getComputedStyle(e).borderTopColor")
        text = page.eval_on_selector(".pagefind-ui__result-excerpt", "e => getComputedStyle(e).color")
        assert contrast(border, "rgb(255, 255, 255)") >= 3.0  # WCAG 1.4.11: the input's edge is visible
        assert contrast(text, "rgb(255, 255, 255)") >= 4.5  # WCAG 1.4.3
        page.goto(served + "hak/index.html")
        body = page.inner_text("main").lower()
        assert "perlindungan" in body and "dilindungi" not in body
        assert hosts == {served.split("/")[2]}
    finally:
        browser.close()


def test_without_javascript_the_search_page_offers_every_page(served: str, chromium) -> None:
    # The shared Chromium of tests/browser.py: Playwright's sync API runs one instance at a time.
    browser = chromium.new_context(java_script_enabled=False)
    try:
        page = browser.new_page()
        page.goto(served + "cari/index.html")
        assert page.locator(".pagefind-ui__search-input").count() == 0
        assert page.locator("#semua-halaman").inner_text() == "Semua halaman"
        page.get_by_role("link", name="Hak peserta").click()
        assert page.url == served + "hak/index.html"
    finally:
        browser.close()
