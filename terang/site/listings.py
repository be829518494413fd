"""List pages beyond the section pages: news pages 2..n, years, topics, regulation filters, search."""

from __future__ import annotations

from terang import urls
from terang.content import news, regulations
from terang.site.assemble import Site
from terang.site.plan import PageSpec


def plan_listings(site: Site) -> list[PageSpec]:
    """Every extra list page, all plain HTML with relative links (no JavaScript needed)."""
    per_page, index = site.config.news_per_page, site.news_index
    specs = [
        PageSpec(urls.news_page_url(n), "berita_daftar.html", f"Berita, halaman {n}", "content/berita",
                 news.listing(site.news, per_page, n, index, "Berita"))
        for n in range(2, news.page_count(site.news, per_page) + 1)
    ]
    for year in index.years:
        items = tuple(n for n in site.news if n.date.year == year)
        url = urls.news_year_url(year)
        specs.append(PageSpec(url, "berita_daftar.html", f"Berita tahun {year}", "content/berita",
                              news.listing(items, len(items), 1, index, f"Berita tahun {year}", url)))
    specs.append(PageSpec(urls.topic_url(""), "topik_daftar.html", "Topik berita", "content/berita", {"topics": index.topics}))
    for topic in index.topics:
        specs.append(PageSpec(topic.url, "berita_daftar.html", f"Topik: {topic.name}", "content/berita",
                              news.listing(topic.items, len(topic.items), 1, index, f"Topik: {topic.name}", topic.url)))
    regs = site.regulations
    for slug, jenis in regulations.jenis_list(regs):
        url = urls.regulation_filter_url("jenis", slug)
        shown = tuple(r for r in regs if regulations.jenis_slug(r.jenis) == slug)
        specs.append(PageSpec(url, "regulasi_daftar.html", f"Regulasi: {jenis}", "content/regulasi", regulations.listing(regs, shown, jenis, url)))
    for year in regulations.years(regs):
        url = urls.regulation_filter_url("tahun", year)
        shown = tuple(r for r in regs if r.tahun == year)
        specs.append(PageSpec(url, "regulasi_daftar.html", f"Regulasi tahun {year}", "content/regulasi", regulations.listing(regs, shown, f"Regulasi tahun {year}", url)))
    specs.append(PageSpec(urls.SEARCH, "cari.html", "Cari", "templates/cari.html", {}))
    return specs


def listing_urls(site: Site) -> set[str]:
    """URLs of the list pages, so Markdown bodies may link to them."""
    return {s.url for s in plan_listings(site)}
