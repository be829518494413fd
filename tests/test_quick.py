"""serve shows an edited article at once: its page is rendered from the last good build, in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project
from helpers import call
from terang.build.pipeline import Options, build
from terang.preview.quick import Baseline, QuickPages

NEWS = "---\njudul: {title}\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\n{body}\n"
NEWS_FILE = "content/berita/kabar-baik.md"
NEWS_PAGE = "berita/kabar-baik/index.html"


def baseline(project: Project) -> Baseline:
    result = build(Options(root=project.path, out=project.path / "site"))
    assert result.targets is not None
    return Baseline(result.site, result.targets, drafts=False, future=False)


def test_the_quick_page_is_the_page_the_full_build_writes(project: Project) -> None:
    before = baseline(project)
    project.write({NEWS_FILE: NEWS.format(title="Kabar yang lebih baik", body="Isi baru dengan [[angka:peserta]] dan [tautan](/tentang/).")})
    pages = QuickPages(project.path).render(before, [NEWS_FILE])
    assert list(pages) == [NEWS_PAGE]
    build(Options(root=project.path, out=project.path / "site"))
    assert pages[NEWS_PAGE] == (project.path / "site" / NEWS_PAGE).read_bytes()
    assert "<h1>Kabar yang lebih baik</h1>" in pages[NEWS_PAGE].decode("utf-8")


@pytest.mark.parametrize("name, files", [
    ("an invalid date waits for the build's message", {NEWS_FILE: NEWS.replace("2024-01-02", "2024-02-30").format(title="Kabar", body="Isi.")}),
    ("a broken link", {NEWS_FILE: NEWS.format(title="Kabar", body="Lihat [ini](/tidak-ada/).")}),
    ("an unknown figure", {NEWS_FILE: NEWS.format(title="Kabar", body="[[angka:tidak-ada]]")}),
    ("a NIK in the body", {NEWS_FILE: NEWS.format(title="Kabar", body="NIK 3604051203850001.")}),
    ("a phone number in the front matter", {NEWS_FILE: NEWS.format(title="Hubungi 081234567890", body="Isi.")}),
    ("a new file", {"content/berita/baru.md": NEWS.format(title="Baru", body="Isi.")}),
    ("a draft", {NEWS_FILE: NEWS.replace("topik: [uji]", "topik: [uji]\ndraf: true").format(title="Kabar", body="Isi.")}),
    ("a template", {"templates/berita.html": "{% extends 'base.html' %}"}),
    ("data", {"data/per-desa.csv": "desa,jumlah\nSatu,11\nDua,20\n"}),
])
def test_no_quick_page_when_only_the_full_build_can_tell(project: Project, name: str, files: dict[str, str]) -> None:
    before = baseline(project)
    project.write(files)
    assert QuickPages(project.path).render(before, sorted(files)) == {}


def test_the_preview_serves_the_quick_page_until_a_full_build_replaces_it(project: Project) -> None:
    from terang.preview.server import Preview

    preview = Preview(Options(root=project.path, out=project.path / "site"), quiet=True)
    preview.build()
    project.write({NEWS_FILE: NEWS.format(title="Kabar", body="Disunting barusan.")})

    assert preview.show_edit([NEWS_FILE]) is True
    assert "Disunting barusan." in call(preview, "/berita/kabar-baik/")[1]
    assert "Disunting barusan." not in (project.path / "site" / NEWS_PAGE).read_text(encoding="utf-8")  # nothing written to site/
    assert "Disunting barusan." not in call(preview, "/berita/kabar-baik/", "terakhir=1")[1]  # the last good build, as it is

    preview.build()
    assert preview.fresh == {}
    assert "Disunting barusan." in (project.path / "site" / NEWS_PAGE).read_text(encoding="utf-8")
    assert "Disunting barusan." in call(preview, "/berita/kabar-baik/")[1]


def test_no_quick_page_while_the_last_build_failed(project: Project, tmp_path: Path) -> None:
    from terang.errors import Problem
    from terang.preview.server import Preview, State

    preview = Preview(Options(root=project.path, out=project.path / "site"), quiet=True)
    preview.build()
    preview.state = State((Problem("data/per-desa.csv", 2, "rusak"),))
    project.write({NEWS_FILE: NEWS.format(title="Kabar", body="Disunting.")})
    assert preview.show_edit([NEWS_FILE]) is False
