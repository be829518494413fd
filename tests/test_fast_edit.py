"""The caches that make a rebuild after one edit fast: each must see a changed input."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from conftest import Project
from helpers import assert_same_as_clean_build, pdf, rendered

from terang.build.incremental import Stats
from terang.site.theme import THEME


def test_anchors_are_the_value_a_path_starts_from_and_each_member_of_a_list() -> None:
    from terang.build.value_digests import anchor

    assert anchor("@item.title") == "@item"
    assert anchor("@related[2].title") == "@related[2]"
    assert anchor("@related#len") == "@related"
    assert anchor("news[12].date") == "news[12]"
    assert anchor("config.menu[0].url") == "config"
    assert anchor("") == ""


def test_a_whole_value_digest_sees_every_field_and_every_member() -> None:
    from terang.model import Body, NewsItem, Source
    from terang.build.value_digests import MISSING, Wholes

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
    assert rendered(project.build_stats()) == Stats(markdown_rendered=0, markdown_reused=3, pages_rendered=1, pages_reused=17)
    assert page.read_bytes() == original


def test_a_list_page_sees_a_changed_summary_of_an_article_it_lists(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    text = (project.path / "content/berita/kabar-baik.md").read_text(encoding="utf-8")
    project.write({"content/berita/kabar-baik.md": text.replace("ringkasan: Ringkas.", "ringkasan: Ringkasan baru.")})
    assert_same_as_clean_build(project, capsys)
    assert "Ringkasan baru." in project.page("berita/index.html")


def test_unreadable_page_records_are_ignored(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    for record in (project.path / ".cache/terang/keluaran").glob("*/halaman.jsonl"):
        record.write_bytes(b"rusak")
    stats = project.build_stats()
    assert (stats.pages_rendered, stats.pages_reused) == (18, 0)


def test_the_text_memo_answers_again_only_for_the_same_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from terang.build.answers import KeptAnswers
    from terang.build.store import Store
    from terang.inputs.yamlsafe import Located

    store, clean = Store(tmp_path, tmp_path / "site"), Store(tmp_path, tmp_path / "site", clean=True)
    memo = KeptAnswers.open(store)
    assert memo.get("menit", "satu dua", lambda: 1) == 1
    memo.save(store)
    again = KeptAnswers.open(store)
    assert again.get("menit", "satu dua", lambda: 99) == 1  # from the earlier build
    assert again.get("menit", "satu dua tiga", lambda: 2) == 2  # another text is asked again
    assert again.get("kata", "satu dua", lambda: 3) == 3  # another question too
    assert KeptAnswers.open(clean).get("menit", "satu dua", lambda: 4) == 4
    again.get("yaml", "a: 1", lambda: Located({"a": 1}, {"a": 1}))
    again.save(store)
    third = KeptAnswers.open(store)
    shared = third.get("yaml", "a: 1", lambda: Located({}, {}))
    assert shared == Located({"a": 1}, {"a": 1})  # from the earlier build
    shared.value["a"] = 2  # a caller that changes its answer does not change the next caller's
    assert third.get("yaml", "a: 1", lambda: Located({}, {})) == Located({"a": 1}, {"a": 1})


def test_a_memo_keeps_no_personal_data_and_scans_a_changed_source(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    text = (project.path / "content/halaman/tentang.md").read_text(encoding="utf-8")
    project.write({"content/halaman/tentang.md": text + "\nHubungi 0812-3456-7890.\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1 and "content/halaman/tentang.md:6" in err
    memo = (project.path / ".cache/terang/teks.jsonl").read_bytes()
    memo = re.sub(rb"\b[0-9a-f]{64}\b", b"<sha256>", memo)  # a digest may hold '0812' by chance
    assert b"0812" not in memo and b"3456" not in memo
    code, _, err = project.build(capsys=capsys)  # found again: a finding is never remembered as clean
    assert code == 1 and "content/halaman/tentang.md:6" in err


def test_front_matter_and_reading_time_follow_an_edit(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    words = " ".join(["kata"] * 450)
    project.write({"content/berita/kabar-baik.md": f"---\njudul: Kabar yang lain\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\n{words}\n"})
    assert_same_as_clean_build(project, capsys)
    page = project.page("berita/kabar-baik/index.html")
    assert "Kabar yang lain" in page and "3 menit" in page


def test_a_model_holding_many_articles_sees_a_change_in_any_of_them() -> None:
    from terang.model import Body, NewsItem
    from terang.content.news import Topic
    from terang.build.value_digests import Wholes

    items = tuple(NewsItem(f"a{i}", f"content/berita/a{i}.md", "A", dt.date(2024, 1, 2), "R.", ("uji",), Body("x", 6, "Isi.")) for i in range(20))
    edited = items[:7] + (NewsItem(**{**vars(items[7]), "body": Body("x", 6, "Isi lain.")}),) + items[8:]
    assert Wholes().digest(Topic("uji", "Uji", items)) == Wholes().digest(Topic("uji", "Uji", tuple(NewsItem(**vars(i)) for i in items)))
    assert Wholes().digest(Topic("uji", "Uji", items)) != Wholes().digest(Topic("uji", "Uji", edited))
    assert Wholes().digest(Topic("uji", "Uji", items)) != Wholes().digest(Topic("uji", "Uji lain", items))


def test_the_manifest_follows_a_file_changed_by_hand_between_builds(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    from terang.publish.manifest import verify

    project.write({"content/berkas/panduan.pdf": pdf("satu", compress=False)})
    project.build(capsys=capsys)
    assert list((project.path / ".cache/terang/keluaran").glob("*/sha256.jsonl"))
    project.write({"content/berkas/panduan.pdf": pdf("dua!", compress=False)})  # same size
    project.build(capsys=capsys)
    assert verify(project.path / "site") == []
    css = project.path / "site/aset/gaya.css"
    before = os.stat(css)
    css.write_bytes(css.read_bytes().replace(b"a", b"b", 1))  # in the site itself, time kept
    os.utime(css, ns=(before.st_atime_ns, before.st_mtime_ns))
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nDiubah.\n"})  # so that a build runs
    project.build(capsys=capsys)  # the build puts the right bytes back, and lists them
    assert css.read_bytes() == (THEME / "aset/gaya.css").read_bytes()
    assert verify(project.path / "site") == []


def test_a_reused_page_that_became_a_link_is_written_as_a_file_again(project: Project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    page = project.path / "site/tentang/index.html"
    elsewhere = project.path / "salinan.html"
    elsewhere.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(elsewhere)  # same bytes, but a link would leak whatever it points to into the upload
    project.write({"content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi lain.\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert not page.is_symlink() and page.read_bytes() == elsewhere.read_bytes()
