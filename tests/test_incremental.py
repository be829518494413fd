"""Incremental builds: only what changed is rendered again, and the result equals a clean build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Project
from helpers import assert_same_as_clean_build, pdf, rendered

from terang.build.incremental import Stats


EDITS = {
    "article body": {"content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi yang sudah diperbaiki, [[angka:peserta]].\n"},
    "article title and date": {"content/berita/kabar-baik.md": "---\njudul: Kabar lebih baik\ntanggal: 2024-02-03\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi.\n"},
    "new article": {"content/berita/kabar-kedua.md": "---\njudul: Kabar kedua\ntanggal: 2024-03-01\nringkasan: Lagi.\ntopik: [uji]\n---\nLihat [tentang](/tentang/).\n"},
    "older article": {"content/berita/kabar-lama.md": "---\njudul: Kabar lama\ntanggal: 2023-01-01\nringkasan: Dulu.\ntopik: [uji]\n---\nIsi lama.\n"},
    "base template": {"templates/base.html": None},
    "macro template": {"templates/_makro.html": None},
    "data table": {"data/per-desa.csv": "desa,jumlah\nSatu,10\nDua,25\n"},
    "key figure": {"data/angka_kunci.yml": "- id: peserta\n  label: Nelayan yang dilindungi\n  nilai: 35\n  satuan: orang\n  tanggal: 2024-01-01\n  sumber: [Dinas Contoh]\n  rincian: per-desa\n"},
    "site config": {"situs.yml": None},
    "asset": {"content/berkas/panduan.pdf": pdf("uji")},
    "stylesheet": {"templates/aset/gaya.css": None},
}


def apply(project: Project, name: str) -> None:
    """Apply one named edit; None means 'change this file a little'."""
    for path, text in EDITS[name].items():
        if text is None:
            old = project.template(path.removeprefix("templates/")) if path.startswith("templates/") else (project.path / path).read_text(encoding="utf-8")
            text = old.replace("Diterbitkan oleh", "Disiarkan oleh").replace("Kabar baik", "Kabar sangat baik")
            text = text.replace("Transparansi Program Contoh", "Keterbukaan Program Contoh").replace("Sumber:", "Asal data:")
            text = text.replace("--aksen: #0b5394;", "--aksen: #0a4f8c;")
            assert text != old, path
        project.write({path: text})


def test_a_series_of_edits_gives_the_same_bytes_as_a_clean_build(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert_same_as_clean_build(project, capsys)
    for name in EDITS:
        apply(project, name)
        assert_same_as_clean_build(project, capsys)


def test_deletions_and_renames_give_the_same_bytes_as_a_clean_build(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"content/berita/kabar-kedua.md": "---\njudul: Kabar kedua\ntanggal: 2024-03-01\nringkasan: Lagi.\ntopik: [uji]\n---\nIsi.\n",
                   "content/berkas/lama.pdf": pdf("lama")})
    assert_same_as_clean_build(project, capsys)
    project.remove("content/berita/kabar-kedua.md")
    project.remove("content/berkas/lama.pdf")
    assert_same_as_clean_build(project, capsys)
    (project.path / "content/halaman/tentang.md").rename(project.path / "content/halaman/profil.md")
    assert_same_as_clean_build(project, capsys)
    assert not (project.path / "site/tentang/index.html").exists()
    assert (project.path / "site/profil/index.html").is_file()


def test_verbose_says_what_was_rendered_again_and_what_was_reused(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """The line an editor reads; the other tests read the same counts from the build's statistics."""
    project.build(capsys=capsys)
    code, out, _ = project.build("--verbose", capsys=capsys)  # nothing changed: --verbose builds all the same
    assert code == 0 and "Markdown: 0 dirender, 3 dari cache. Halaman: 0 dirender, 18 dipakai ulang." in out.splitlines()
    apply(project, "article body")
    code, out, _ = project.build("--verbose", capsys=capsys)
    assert code == 0 and "Markdown: 1 dirender, 2 dari cache. Halaman: 1 dirender, 17 dipakai ulang." in out.splitlines()


def test_after_editing_one_article_only_the_pages_showing_it_are_rendered_again(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    assert rendered(project.build_stats()) == Stats(markdown_rendered=0, markdown_reused=3, pages_rendered=0, pages_reused=18)
    apply(project, "article body")
    # only its own page: the lists that hold the article read its title and summary, not its body
    assert rendered(project.build_stats()) == Stats(markdown_rendered=1, markdown_reused=2, pages_rendered=1, pages_reused=17)
    assert "Isi yang sudah diperbaiki" in project.page("berita/kabar-baik/index.html")


def test_reused_pages_are_known_by_their_identity_without_reading_them(project: Project, capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Removing the previous site changes the ctime of the pages it shared with the new one: identities are taken after."""
    from terang.build import incremental

    project.build(capsys=capsys)
    apply(project, "article body")
    project.build(capsys=capsys)
    read = []
    real = incremental.file_digest
    monkeypatch.setattr(incremental, "file_digest", lambda path: read.append(str(path)) or real(path))
    project.write({"content/berita/kabar-baik.md": (project.path / "content/berita/kabar-baik.md").read_text(encoding="utf-8") + "\nLagi.\n"})
    assert rendered(project.build_stats()) == Stats(markdown_rendered=1, markdown_reused=2, pages_rendered=1, pages_reused=17)
    assert [path for path in read if "/site/" in path] == []


def test_a_title_change_renders_the_pages_that_list_the_article(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    apply(project, "article title and date")
    # the article and the lists that show its title or date: home, news, year, topic, search
    assert rendered(project.build_stats()) == Stats(markdown_rendered=1, markdown_reused=2, pages_rendered=6, pages_reused=12)


def test_clean_renders_everything_again(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    assert rendered(project.build_stats("--clean")) == Stats(markdown_rendered=3, markdown_reused=0, pages_rendered=18, pages_reused=0)


def test_unchanged_files_are_linked_not_rewritten(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    before = {p: os.stat(project.path / "site" / p).st_ino for p in ("index.html", "tentang/index.html", "aset/gaya.css")}
    apply(project, "article body")
    project.build(capsys=capsys)
    after = {p: os.stat(project.path / "site" / p).st_ino for p in before}
    assert after == before


def test_a_page_changed_by_hand_in_site_is_rendered_again(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    page = project.path / "site/tentang/index.html"
    original = page.read_bytes()
    page.write_bytes(b"diubah tangan")
    assert rendered(project.build_stats()) == Stats(markdown_rendered=0, markdown_reused=3, pages_rendered=1, pages_reused=17)
    assert page.read_bytes() == original


def test_a_failed_build_keeps_the_records_of_the_last_good_site(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    good = project.page("berita/kabar-baik/index.html")
    project.write({"content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-13-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi.\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert "content/berita/kabar-baik.md:3: 'tanggal' bukan tanggal yang sah" in err
    assert project.page("berita/kabar-baik/index.html") == good
    apply(project, "article body")
    assert_same_as_clean_build(project, capsys)


def test_digests_see_the_whole_value_and_ignore_set_order() -> None:
    import pandas as pd

    from terang.digest import digest

    table = pd.DataFrame({"jumlah": range(1000)})
    changed = table.copy()
    changed.loc[500, "jumlah"] = -1  # hidden in the middle of pandas' shortened repr
    assert repr(table) == repr(changed)
    assert digest(table) != digest(changed)
    assert digest({"b": 1, "a": frozenset({"x", "y"})}) == digest({"a": frozenset({"y", "x"}), "b": 1})
    assert digest((1, "1")) != digest(("1", 1))


def test_the_build_date_from_the_environment_is_an_input_too(project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 1 June 2024
    assert_same_as_clean_build(project, capsys)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719792000")  # 1 July 2024
    assert_same_as_clean_build(project, capsys)
    assert "Diperbarui 1 Juli 2024." in project.page("tentang/index.html")


def test_a_template_that_appears_later_is_an_input_too(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    base = project.template("base.html")
    project.write({"templates/base.html": base.replace("</footer>", '{% include "_pengumuman.html" ignore missing %}</footer>')})
    assert_same_as_clean_build(project, capsys)
    project.write({"templates/_pengumuman.html": "<p>Pengumuman uji.</p>\n"})
    assert_same_as_clean_build(project, capsys)
    assert "<p>Pengumuman uji.</p>" in project.page("tentang/index.html")


def test_the_recorder_reads_like_the_model_and_remembers_each_path() -> None:
    import datetime as dt

    from terang.build.incremental import Recorder, read_value
    from terang.model import Config, Figure, MenuItem
    from terang.site.assemble import Site

    config = Config(title="Situs", description="Uji.", publisher="Kabupaten Contoh", menu=(MenuItem("Beranda", "/"),))
    figure = Figure(id="a", path="data/x.yml", label="A", value=5, unit="orang", date=dt.date(2024, 1, 1))
    site = Site(config=config, news=(), regulations=(), pages=(), figures=(figure,), datasets=(), audits=())
    reads: set[str] = set()
    view = Recorder(site, reads, "")
    assert isinstance(view, Site) and isinstance(view.config.menu[0], MenuItem)
    assert view.figure("a").value == 5  # a method runs on the recorder: its reads count too
    assert sorted(reads) == ["config.menu#len", "figures#len", "figures[0].id", "figures[0].value"]
    assert view.config.menu[0] == MenuItem("Beranda", "/")  # comparing depends on all of the item
    assert "config.menu[0]" in reads
    assert read_value(site, "figures[0].value") == 5 and read_value(site, "config.menu#len") == 1


def test_the_default_site_stays_byte_identical_after_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from conftest import ROOT

    project = Project(tmp_path / "serang")  # copies the real templates
    shutil.copytree(ROOT / "content", project.path / "content")
    shutil.copytree(ROOT / "data", project.path / "data")
    shutil.copyfile(ROOT / "situs.yml", project.path / "situs.yml")
    assert_same_as_clean_build(project, capsys)
    news = project.path / "content/berita/penandatanganan-nota-kesepakatan-bpjs-ketenagakerjaan.md"
    news.write_text(news.read_text(encoding="utf-8") + "\nParagraf tambahan untuk uji.\n", encoding="utf-8")
    assert_same_as_clean_build(project, capsys)
    figures = project.path / "data/angka_kunci.yml"
    text = figures.read_text(encoding="utf-8")
    assert "nilai: 21234" in text
    figures.write_text(text.replace("nilai: 21234", "nilai: 21235", 1), encoding="utf-8")
    assert_same_as_clean_build(project, capsys)
    assert "21.235" in project.page("index.html")


def test_the_recorder_keeps_truth_order_and_iteration_of_the_model() -> None:
    from terang.errors import Problem
    from terang.build.incremental import record

    reads: set[str] = set()
    problems = record((Problem("b.md", 1, "x"), Problem("a.md", 2, "y")), reads, "@problems")
    assert [str(p) for p in sorted(problems)] == ["a.md:2: y", "b.md:1: x"]
    assert all(problems) and reads == {"@problems#len", "@problems[0]", "@problems[1]"}
