"""News: pages of ten, topics, a yearly archive, reading time, related items, drafts and future dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Project

from terang.content import news as berita
from terang.urls import slugify
from terang.model import Body, NewsItem

TODAY_EPOCH = "1735689600"  # SOURCE_DATE_EPOCH of 1 January 2025, 00:00 UTC


def news(slug: str, date: str, topics: str = "[uji]", extra: str = "", body: str = "Isi berita.") -> dict[str, str]:
    return {f"content/berita/{slug}.md": f"---\njudul: Berita {slug}\ntanggal: {date}\nringkasan: Ringkasan {slug}.\ntopik: {topics}\n{extra}---\n{body}\n"}


def titles(html: str) -> list[str]:
    return re.findall(r'<h[23] class="judul-kecil"><a href="[^"]+">Berita ([^<]+)</a></h[23]>', html)


@pytest.fixture
def many(project: Project) -> Project:
    """22 news items, one a day in March 2024, after the tiny site's own item of January 2024."""
    files: dict[str, str] = {}
    for day in range(1, 23):
        files.update(news(f"b{day:02d}", f"2024-03-{day:02d}"))
    return project.write(files)


def test_the_news_list_has_pages_of_ten_linked_both_ways(many: Project, capsys) -> None:
    assert many.build(capsys=capsys)[0] == 0
    first = many.page("berita/index.html")
    assert titles(first) == [f"b{d:02d}" for d in range(22, 12, -1)]
    assert "<p>Halaman 1 dari 3</p>" in first
    assert '<li><a href="halaman/2/index.html" rel="next">Berita yang lebih lama</a></li>' in first
    assert 'rel="prev"' not in first
    second = many.page("berita/halaman/2/index.html")
    assert titles(second) == [f"b{d:02d}" for d in range(12, 2, -1)]
    assert '<a href="../../index.html" rel="prev">Berita yang lebih baru</a>' in second
    assert '<a href="../3/index.html" rel="next">Berita yang lebih lama</a>' in second
    third = many.page("berita/halaman/3/index.html")
    assert titles(third) == ["b02", "b01"] and ">Kabar baik</a></h2>" in third
    assert not (many.path / "site/berita/halaman/4").exists()


def test_the_page_size_comes_from_situs_yml(many: Project, capsys) -> None:
    many.write({"situs.yml": (many.path / "situs.yml").read_text(encoding="utf-8") + "berita_per_halaman: 20\n"})
    assert many.build(capsys=capsys)[0] == 0
    assert "<p>Halaman 1 dari 2</p>" in many.page("berita/index.html")


def test_each_topic_has_a_page_and_spellings_are_merged(project: Project, capsys) -> None:
    project.write({**news("satu", "2024-02-01", "[Jaminan Sosial, nelayan]"), **news("dua", "2024-03-01", "[jaminan sosial]")})
    assert project.build(capsys=capsys)[0] == 0
    assert titles(project.page("topik/jaminan-sosial/index.html")) == ["dua", "satu"]
    assert "<h1>Topik: jaminan sosial</h1>" in project.page("topik/jaminan-sosial/index.html")  # the newest spelling
    index = project.page("topik/index.html")
    assert '<li><a href="jaminan-sosial/index.html">jaminan sosial</a> <span class="meta">(2 berita)</span></li>' in index
    article = project.page("berita/satu/index.html")
    assert 'Topik: <a href="../../topik/jaminan-sosial/index.html">Jaminan Sosial</a>, <a href="../../topik/nelayan/index.html">nelayan</a>' in article


def test_the_archive_has_one_page_per_year(project: Project, capsys) -> None:
    project.write({**news("lama", "2023-05-06"), **news("baru", "2024-07-08")})
    assert project.build(capsys=capsys)[0] == 0
    assert titles(project.page("berita/tahun/2023/index.html")) == ["lama"]
    year = project.page("berita/tahun/2024/index.html")
    assert titles(year) == ["baru"] and ">Kabar baik</a></h2>" in year
    listing = project.page("berita/index.html")
    assert '<li><a href="tahun/2024/index.html">2024</a></li>\n<li><a href="tahun/2023/index.html">2023</a></li>' in listing


def test_reading_time_is_rounded_up_from_two_hundred_words(project: Project, capsys) -> None:
    project.write(news("panjang", "2024-02-01", body=" ".join(["kata"] * 401)))
    assert project.build(capsys=capsys)[0] == 0
    assert "· 3 menit membaca" in project.page("berita/panjang/index.html")
    assert "· 1 menit membaca" in project.page("berita/kabar-baik/index.html")


def test_related_news_share_a_topic_most_shared_first(project: Project, capsys) -> None:
    project.write({**news("a", "2024-02-01", "[nelayan, iuran]"), **news("b", "2024-02-02", "[nelayan]"),
                   **news("c", "2024-02-03", "[nelayan, iuran]"), **news("d", "2024-02-04", "[lain]")})
    assert project.build(capsys=capsys)[0] == 0
    related = project.page("berita/a/index.html").split('<h2 id="berita-terkait">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<a href="[^"]+">Berita (\w)</a>', related) == ["c", "b"]
    assert 'id="berita-terkait"' not in project.page("berita/d/index.html")


def test_drafts_are_left_out_unless_asked_for(project: Project, capsys) -> None:
    project.write(news("draf", "2024-02-01", extra="draf: true\n"))
    assert project.build(capsys=capsys)[0] == 0
    assert not (project.path / "site/berita/draf").exists()
    assert "draf" not in titles(project.page("berita/index.html"))
    assert project.build("--drafts", capsys=capsys)[0] == 0
    assert "<strong>DRAF</strong>" in project.page("berita/draf/index.html")


def test_news_dated_after_today_waits_unless_future_is_asked_for(project: Project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    project.write({**news("hari-ini", "2025-01-01"), **news("besok", "2025-01-02", "[kelak]")})
    assert project.build(capsys=capsys)[0] == 0
    assert (project.path / "site/berita/hari-ini/index.html").is_file()
    assert not (project.path / "site/berita/besok").exists()
    assert not (project.path / "site/topik/kelak").exists()
    assert project.build("--future", capsys=capsys)[0] == 0
    assert titles(project.page("berita/index.html"))[:2] == ["besok", "hari-ini"]


@given(st.lists(st.tuples(st.integers(0, 40), st.lists(st.sampled_from(["Data", "data", "Iuran", "Klaim", "JKK", "JKM"]), max_size=3)), max_size=40),
       st.integers(1, 5))
def test_related_news_are_those_sharing_most_topics_newest_first(entries: list[tuple[int, list[str]]], limit: int) -> None:
    items = tuple(NewsItem(f"berita-{n:02d}", f"content/berita/berita-{n:02d}.md", "Judul", dt.date(2025, 1, 1) + dt.timedelta(days=day),
                           "", tuple(topics), Body("x.md", 1, "")) for n, (day, topics) in enumerate(entries))
    index = berita.NewsIndex.of(items)
    each = berita.related_to_each(index, limit)
    for item in items:
        mine = {slugify(t, fallback="lainnya") for t in item.topics}
        expected = sorted((n for n in items if n.slug != item.slug and mine & {slugify(t, fallback="lainnya") for t in n.topics}),
                          key=lambda n: (-len(mine & {slugify(t, fallback="lainnya") for t in n.topics}), -n.date.toordinal(), n.slug))[:limit]
        assert berita.related(index, item, limit) == each[item.slug] == tuple(expected)
