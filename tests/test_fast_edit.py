"""The caches that make a rebuild after one edit fast: each must see a changed input."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from conftest import Project
from test_incremental import assert_same_as_clean_build, counts


def test_anchors_are_the_value_a_path_starts_from_and_each_member_of_a_list() -> None:
    from terang.wholes import anchor

    assert anchor("@item.title") == "@item"
    assert anchor("@related[2].title") == "@related[2]"
    assert anchor("@related#len") == "@related"
    assert anchor("news[12].date") == "news[12]"
    assert anchor("config.menu[0].url") == "config"
    assert anchor("") == ""


def test_a_whole_value_digest_sees_every_field_and_every_member() -> None:
    from terang.model import Body, NewsItem, Source
    from terang.wholes import MISSING, Wholes

    item = NewsItem("a", "content/berita/a.md", "A", dt.date(2024, 1, 2), "Ringkas.", ("uji",), Body("content/berita/a.md", 6, "Isi."))
    deep = NewsItem("a", "content/berita/a.md", "A", dt.date(2024, 1, 2), "Ringkas.", ("uji",), Body("content/berita/a.md", 6, "Isi."),
                    sources=(Source("Dinas", date=dt.date(2024, 1, 3)),))
    wholes = Wholes()
    assert wholes.digest(item) == Wholes().digest(NewsItem(**vars(item)))  # equal values, equal digests
    assert wholes.digest(item) != wholes.digest(NewsItem(**{**vars(item), "body": Body("content/berita/a.md", 6, "Isi lain.")}))
    assert wholes.digest(deep) != wholes.digest(NewsItem(**{**vars(deep), "sources": (Source("Dinas", date=dt.date(2024, 1, 4)),)}))
    assert wholes.digest((item, deep)) != wholes.digest((deep, item))
    assert wholes.digest((item,)) != wholes.digest([item])
    assert wholes.digest(MISSING) == ""


def test_a_page_changed_by_hand_with_its_size_and_time_kept_is_rendered_again(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    page = project.path / "site/tentang/index.html"
    original = page.read_bytes()
    before = os.stat(page)
    page.write_bytes(original.replace(b"Tentang", b"Tantang"))  # same size, same inode
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    code, out, _ = project.build("--verbose", capsys=capsys)
    assert counts(out) == "Markdown: 0 dirender, 3 dari cache. Halaman: 1 dirender, 14 dipakai ulang."
    assert page.read_bytes() == original


def test_a_list_page_sees_a_changed_summary_of_an_article_it_lists(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    text = (project.path / "content/berita/kabar-baik.md").read_text(encoding="utf-8")
    project.write({"content/berita/kabar-baik.md": text.replace("ringkasan: Ringkas.", "ringkasan: Ringkasan baru.")})
    assert_same_as_clean_build(project, capsys)
    assert "Ringkasan baru." in project.page("berita/index.html")


def test_unreadable_page_records_are_ignored(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    for record in (project.path / ".cache/terang/keluaran").glob("*.pickle"):
        record.write_bytes(b"rusak")
    code, out, _ = project.build("--verbose", capsys=capsys)
    assert code == 0 and counts(out).endswith("Halaman: 15 dirender, 0 dipakai ulang.")
