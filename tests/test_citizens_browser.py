"""A citizen on a cheap phone (360×740, no JavaScript), on paper and on a village notice board."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from browser import ARTIFACTS, DESKTOP, PHONE, serve, validate_html
from conftest import TINY_CONFIG, Project

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
QUESTIONS = ["Apakah saya termasuk?", "Apa yang saya dapat?", "Bagaimana cara klaim?", "Ke mana bertanya?"]
SHOTS = ARTIFACTS / "screenshots"
MENU_BUTTON = ".menu-ponsel > summary"
PHONE_MENU = ".menu-ponsel nav"


def new_page(chromium: Any, viewport: dict[str, int]) -> tuple[Any, Any]:
    context = chromium.new_context(viewport=viewport, java_script_enabled=False)
    return context, context.new_page()


def test_the_four_answers_are_on_the_first_screen_of_a_phone(site_url: str, chromium: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = new_page(chromium, PHONE)
    try:
        page.goto(site_url)
        links = page.query_selector_all("nav[aria-label='Pertanyaan warga'] a")
        shown = [(link.inner_text(), link.bounding_box()) for link in links]
        page.screenshot(path=str(SHOTS / "beranda-layar-pertama-360x740.png"))
    finally:
        context.close()
    assert [text for text, _ in shown] == QUESTIONS
    for text, box in shown:
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (text, box)
        assert box["height"] >= 44 and box["width"] >= 300, (text, box)  # large enough to tap


def test_the_menu_opens_and_closes_by_keyboard_without_javascript(site_url: str, chromium: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = new_page(chromium, PHONE)
    try:
        page.goto(site_url + "manfaat/")
        assert page.is_visible(MENU_BUTTON) and not page.is_visible(PHONE_MENU) and not page.is_visible(".menu-lebar")
        for _ in range(3):  # 'Langsung ke isi', the site's name, then Menu
            page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.matches('.menu-ponsel > summary')")
        assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"  # a visible focus
        page.keyboard.press("Enter")
        opened = page.is_visible(PHONE_MENU)
        page.screenshot(path=str(SHOTS / "menu-terbuka-360x740.png"))
        page.keyboard.press("Tab")  # into the menu: its first link
        first = page.evaluate("() => document.activeElement.textContent")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press(" ")  # Space closes it again
        closed = not page.is_visible(PHONE_MENU)
        page.screenshot(path=str(SHOTS / "menu-tertutup-360x740.png"))
        # a screen reader hears a button that says whether it is open
        role = page.evaluate("() => document.querySelector('.menu-ponsel > summary').closest('details') !== null")
    finally:
        context.close()
    assert (opened, first, closed, role) == (True, "Beranda", True, True)


def test_wide_screens_show_the_full_menu_and_title_without_the_menu_button(site_url: str, chromium: Any) -> None:
    context, page = new_page(chromium, DESKTOP)
    try:
        page.goto(site_url)
        shown = (page.is_visible(".menu-lebar nav"), page.is_visible(MENU_BUTTON), page.inner_text(".nama-situs"))
    finally:
        context.close()
    assert shown == (True, False, "Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Serang")


AFTER = "(el) => getComputedStyle(el, '::after').content"
SOURCE_URL = "https://contoh.go.id/berita/nelayan-terlindungi"


def test_printed_pages_hide_the_menu_and_show_link_addresses(project: Project, capsys: pytest.CaptureFixture[str], chromium: Any) -> None:
    project.write({
        "situs.yml": TINY_CONFIG + "kontak_resmi:\n  - nama: Kantor Contoh\n    telepon: ['(0254) 123-456']\n    sumber: [Surat Kantor Contoh]\n",
        "content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n"
                                        f"sumber:\n  - nama: Harian Contoh\n    url: {SOURCE_URL}\n---\nIsi.\n",
    })
    assert project.build("--base-url", "https://contoh.go.id/transparansi/", capsys=capsys)[0] == 0
    with serve(project.path / "site") as url:
        context, page = new_page(chromium, PHONE)
        try:
            page.emulate_media(media="print")
            page.goto(url + "berita/kabar-baik/")
            hidden = [not page.is_visible(s) for s in (".kepala", MENU_BUTTON, ".menu-lebar", ".lewati")]
            source = page.eval_on_selector(f"main a[href='{SOURCE_URL}']", AFTER)
            phone = page.eval_on_selector(".kaki a[href^='tel:']", AFTER)
            address = page.inner_text(".alamat-cetak")
            page.screenshot(path=str(SHOTS / "berita-dicetak.png"), full_page=True)
            page.emulate_media(media="screen")
            on_screen = (page.is_visible(".kepala"), page.is_visible(".alamat-cetak"),
                         page.eval_on_selector(f"main a[href='{SOURCE_URL}']", AFTER))
        finally:
            context.close()
    assert hidden == [True, True, True, True]
    assert source == f'" ({SOURCE_URL})"'
    assert phone == '" (tel:0254123456)"'
    assert address == "Alamat halaman ini: https://contoh.go.id/transparansi/berita/kabar-baik/"
    assert on_screen == (True, False, "none")


def test_each_notice_prints_on_one_a4_sheet(default_site: Path, site_url: str, chromium: Any) -> None:
    notices = sorted(p.relative_to(default_site).as_posix() for p in default_site.glob("**/pengumuman/index.html"))
    context, page = new_page(chromium, PHONE)
    sheets = {}
    try:
        for path in notices:
            page.goto(site_url + path)
            pdf = page.pdf(format="A4", print_background=True)
            sheets[path] = len(PdfReader(io.BytesIO(pdf)).pages)
            if path == "pengumuman/index.html":
                (ARTIFACTS / "pengumuman-beranda.pdf").write_bytes(pdf)
    finally:
        context.close()
    assert len(notices) == 13
    assert sheets == {path: 1 for path in notices}


def test_a_notice_with_its_qr_code_is_valid_html_and_accessible(project: Project, capsys: pytest.CaptureFixture[str], chromium: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\npertanyaan: Apa ini?\npengumuman: ['Ada [[angka:peserta]] peserta.']\n---\nIsi.\n"})
    assert project.build("--base-url", "https://contoh.go.id/", capsys=capsys)[0] == 0
    site = project.path / "site"
    pages = ["tentang/pengumuman/index.html", "pengumuman/index.html", "angka/peserta/index.html", "tentang/index.html"]
    assert validate_html(site, pages) == []
    violations = {}
    with serve(site) as url:
        for path in pages:
            context = chromium.new_context(viewport=PHONE)
            page = context.new_page()
            page.goto(url + path)
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
            context.close()
            if result.response["violations"]:
                violations[path] = [v["id"] for v in result.response["violations"]]
    assert violations == {}
