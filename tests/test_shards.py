"""A large site's search index comes in parts, news by year; an edit re-indexes only its part."""

from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

import pytest

from browser import serve
from conftest import Project
from terang.publish import search
from terang.site import search_parts as shards

NEWS = "---\njudul: {title}\ntanggal: {date}\nringkasan: Ringkas.\ntopik: [uji]\n---\n{body}\n"
OLD = {"content/berita/kabar-lama.md": NEWS.format(title="Kabar lama", date="2023-03-04", body="Para nelayan menerima santunan.")}


@pytest.fixture
def large(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The tiny site with news in two years, counted as large (more than two indexed pages)."""
    monkeypatch.setattr(shards, "SHARD_FROM", 2)
    return project.write(OLD)


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_a_large_site_indexes_news_by_year_and_the_search_page_merges_the_parts(large: Project, capsys) -> None:
    assert large.build(capsys=capsys)[0] == 0
    bundle = large.path / "site/pagefind"
    assert sorted(p.name for p in bundle.iterdir() if p.is_dir() and p.name.startswith("berita-")) == ["berita-2023", "berita-2024"]
    for part in ("berita-2023", "berita-2024"):
        entry = json.loads((bundle / part / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["id"]["page_count"] == 1
    assert json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["id"]["page_count"] == 3
    assert sorted(p["url"] for p in search.fragments(large.path / "site")) == [
        "/berita/kabar-baik/index.html", "/berita/kabar-lama/index.html", "/data/per-desa/index.html",
        "/regulasi/perbup-1-2024/index.html", "/tentang/index.html"]
    assert '<div id="kotak-cari" class="kotak-cari" data-label="Cari di situs ini" data-gabung="berita-2023 berita-2024"></div>' in large.page("cari/index.html")


def test_a_small_site_keeps_one_index(project: Project, capsys) -> None:
    assert project.write(OLD).build(capsys=capsys)[0] == 0
    assert not [p for p in (project.path / "site/pagefind").iterdir() if p.name.startswith("berita-")]
    assert 'data-gabung' not in project.page("cari/index.html")


def test_a_year_with_many_news_is_split_in_halves(large: Project, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards, "SHARD_MOST", 1)
    large.write({"content/berita/kabar-agustus.md": NEWS.format(title="Kabar Agustus", date="2024-08-01", body="Isi.")})
    assert large.build(capsys=capsys)[0] == 0
    assert 'data-gabung="berita-2023 berita-2024-1 berita-2024-2"' in large.page("cari/index.html")


def test_an_edit_reindexes_only_its_year_and_the_result_is_a_clean_build(large: Project, capsys) -> None:
    assert large.build(capsys=capsys)[0] == 0
    site = large.path / "site"
    before = {part: inodes(site / "pagefind" / part) for part in ("berita-2023", "berita-2024")}
    large.write({"content/berita/kabar-baik.md": NEWS.format(title="Kabar baik", date="2024-01-02", body="Isi yang disunting.")})
    assert large.build(capsys=capsys)[0] == 0
    assert inodes(site / "pagefind/berita-2023") == before["berita-2023"]  # linked from the previous site
    assert inodes(site / "pagefind/berita-2024") != before["berita-2024"]
    assert "Isi yang disunting." in search.indexed_text(site)
    assert [p.name for p in large.path.iterdir() if p.name.startswith(".site.baru-")] == []  # nor the parts' link folders
    clean = large.path / "bersih"
    assert large.build("--clean", "--out", str(clean), capsys=capsys)[0] == 0
    comparison = filecmp.dircmp(site, clean)
    assert _differences(comparison) == []


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files, *comparison.funny_files]
    for name, sub in comparison.subdirs.items():
        found += [f"{name}/{d}" for d in _differences(sub)]
    return found


def test_a_part_whose_files_were_touched_is_indexed_again(large: Project, capsys) -> None:
    assert large.build(capsys=capsys)[0] == 0
    entry = large.path / "site/pagefind/berita-2023/pagefind-entry.json"
    os.utime(entry, ns=(1, 1))  # changed behind the build's back
    old = inodes(large.path / "site/pagefind/berita-2023")
    large.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
    assert large.build(capsys=capsys)[0] == 0
    assert inodes(large.path / "site/pagefind/berita-2023") != old
    assert entry.stat().st_mtime_ns != 1


def test_a_search_finds_news_of_every_year_in_a_browser(large: Project, capsys, chromium) -> None:
    assert large.build(capsys=capsys)[0] == 0
    with serve(large.path / "site") as url:
        browser = chromium.new_context()
        try:
            page = browser.new_page()
            page.goto(url + "cari/index.html")
            page.locator(".pagefind-ui__search-input").fill("santunan")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
            assert page.inner_text(".pagefind-ui__message") == "1 hasil untuk santunan"
            assert page.locator(".pagefind-ui__result-link").first.get_attribute("href") == "/berita/kabar-lama/index.html"
        finally:
            browser.close()
