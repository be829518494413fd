"""An editor who never opens a text editor: the form editor at /_admin/ of the preview, in Chromium.

Decap CMS (npm decap-cms, served by the preview itself) talks to the preview's Python API; a save runs the
build's own checks, and a valid save shows in the preview like any edit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import ARTIFACTS, require
from conftest import Project
from helpers import Server

DECAP = Path(__file__).resolve().parent.parent / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
EDITOR_LINE = re.compile(r"Editor: (http://127\.0\.0\.1:\d+/_admin/\?token=[\w-]+)")
SHOTS = ARTIFACTS / "editor"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# What `python build.py new berita "Kabar dari editor"` writes, with the form's values in place
SAVED = """\
---
# Berita baru. Baris yang diawali # hanya petunjuk; hapus # di depan kunci untuk memakainya.
judul: "Kabar dari editor"  # judul berita: singkat, jelas, tanpa singkatan yang asing bagi warga
tanggal: 2025-12-10  # tanggal terbit, TTTT-BB-HH
ringkasan: "Berita ini ditulis lewat editor formulir."  # satu atau dua kalimat untuk daftar berita dan pratinjau tautan
topik: [uji, editor]  # satu atau beberapa topik dalam kurung siku, dipisah koma
# gambar: ""  # berkas gambar di dalam content/, misalnya berkas/penandatanganan.jpg
# gambar_alt: ""  # wajib bila ada gambar: tulis apa yang tampak, untuk pembaca tunanetra
draf: false  # true = belum terbit (lihat dengan: python build.py serve --drafts); ganti false saat siap terbit
# sumber: []  # asal informasi, misalnya [{nama: nama media atau dinas, judul: judul berita, url: https://..., tanggal: 2025-12-09, diakses: 2025-12-10}]; tanpa url jika tidak ada alamat daringnya
# regulasi: []  # nama berkas (tanpa .md) regulasi di content/regulasi/ yang disebut, misalnya [perbup-1-2024]
---
<!-- Tulis isinya di bawah baris ini dengan Markdown. Petunjuk: docs/panduan.md. Komentar ini tidak ikut terbit. -->
Isi berita yang diketik di editor.
"""


@dataclass
class Editor:
    """The preview serving a project, and the editor open in Chromium (requests to other hosts blocked, listed in `foreign`)."""

    server: Server
    page: Any
    foreign: list[str]


@pytest.fixture
def editor(project: Project, tmp_path: Path, chromium: Any) -> Iterator[Editor]:
    require(DECAP, "Decap CMS (decap-cms)", "npm ci")
    SHOTS.mkdir(parents=True, exist_ok=True)
    server = Server(project, tmp_path)
    try:
        server.wait_for("", lambda body: "Kabar baik" in body)
        found = EDITOR_LINE.search(server.output())
        assert found, server.output()
        foreign: list[str] = []
        context, page = open_editor(chromium, found.group(1), foreign)
        try:
            yield Editor(server, page, foreign)
        finally:
            context.close()
    finally:
        server.stop()


def open_editor(chromium: Any, url: str, foreign: list[str]) -> tuple[Any, Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    local = urlsplit(url).netloc

    def route(request_route: Any) -> None:
        target = request_route.request.url
        if urlsplit(target).netloc == local or target.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            foreign.append(target)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Collections").wait_for()
    return context, page


def new_entry(page: Any, values: dict[str, str], topics: tuple[str, ...] = ()) -> None:
    """A new news item in the form: text fields by their label, then each topic as an item of the list."""
    page.goto(page.url.split("#")[0] + "#/collections/berita/new")
    page.get_by_label("Judul", exact=True).wait_for()
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)
    for topic in topics:
        page.get_by_role("button", name=re.compile(r"^Add Topik", re.I)).click()
        page.locator("[id^='topik-field'] input, input[id^='topik-field']").last.fill(topic)


def publish(page: Any) -> None:
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()


def test_a_news_item_written_in_the_form_is_saved_as_new_berita_writes_it_and_shown(editor: Editor, project: Project) -> None:
    page = editor.page
    page.screenshot(path=str(SHOTS / "koleksi.png"))
    new_entry(page, {"Judul": "Kabar dari editor", "Tanggal terbit": "2025-12-10", "Ringkasan": "Berita ini ditulis lewat editor formulir."},
              topics=("uji", "editor"))
    page.locator(".cms-editor-raw [contenteditable='true']").first.click()  # the body: Decap's raw Markdown editor
    page.keyboard.type("Isi berita yang diketik di editor.")
    page.screenshot(path=str(SHOTS / "berita-baru.png"), full_page=True)
    publish(page)
    page.wait_for_function("() => !document.body.innerText.includes('Publishing')", timeout=20000)
    editor.server.wait_for("berita/kabar-dari-editor/", lambda body: "Kabar dari editor" in body)
    text = (project.path / "content/berita/kabar-dari-editor.md").read_text(encoding="utf-8")
    (SHOTS / "tersimpan.md").write_text(text, encoding="utf-8")
    assert text == SAVED
    assert editor.foreign == []


def test_an_impossible_date_is_refused_with_the_builds_message_and_nothing_is_written(editor: Editor, project: Project) -> None:
    page = editor.page
    new_entry(page, {"Judul": "Tanggal salah", "Tanggal terbit": "2025-02-30", "Ringkasan": "Ringkas."}, topics=("uji",))
    publish(page)
    message = page.get_by_text(re.compile("2025-02-30"))
    message.first.wait_for(timeout=20000)
    shown = message.first.inner_text()
    page.screenshot(path=str(SHOTS / "tanggal-ditolak.png"))
    assert ("Tidak disimpan: content/berita/tanggal-salah.md:4: 'tanggal' bukan tanggal yang sah: '2025-02-30' tidak ada "
            "di kalender (contoh: 2025-12-09)") in " ".join(shown.split()), shown  # the build's own message
    assert not (project.path / "content/berita/tanggal-salah.md").exists()
    assert editor.foreign == []


def test_axe_results_on_the_editor_are_recorded(editor: Editor) -> None:
    page = editor.page
    results = {"koleksi": Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]}
    new_entry(page, {})
    results["berita-baru"] = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]
    lang = page.evaluate("() => document.documentElement.lang")
    title = page.title()
    summary = {name: [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                       "nodes": [(n["target"][0], n.get("failureSummary", "").splitlines()[-1:]) for n in v["nodes"]]} for v in found]
               for name, found in results.items()}
    (SHOTS / "axe.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    assert (lang, title) == ("id", "Editor Terang")
    # Decap's grey text and cyan Publish button failed 1.4.3; terang/preview/admin.py darkens them. What is left is
    # Decap's own: its raw Markdown editor is a textbox without an accessible name (recorded in axe.json).
    assert {name: sorted(v["id"] for v in found) for name, found in results.items()} == {"koleksi": [], "berita-baru": ["aria-input-field-name"]}
    assert editor.foreign == []
