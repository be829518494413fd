"""The one place that maps a content item to its URL and its output path.

URLs here are site-relative ("berita/slug/"); the empty string is the home page.
Links in pages are made relative with `relative()`, and end in index.html so that
site/ works at a domain root, under a sub-path and opened straight from disk.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

HOME = ""
OTHERS = "lainnya"  # the slug of a topic or kind of regulation whose name has no letter or digit


@lru_cache(maxsize=8192)  # topics and kinds repeat across thousands of items
def slugify(text: str, limit: int | None = None, fallback: str = "") -> str:
    """'Kaderisasi Posyandu — Édisi 2' -> 'kaderisasi-posyandu-edisi-2'; `fallback` when no letter or digit is left.

    Accents are dropped (NFKD to ASCII) and every run of other characters becomes one '-'. With `limit`,
    a longer slug is cut at the last '-' within its first `limit` characters.
    """
    import unicodedata  # only here: the no-change check imports this module and never makes a slug

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if limit is not None and len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or fallback


def item_url(kind: str, slug: str) -> str:
    """URL of a content item: halaman live at the root, the others in their section."""
    if kind == "halaman":
        return f"{slug}/"
    return f"{kind}/{slug}/"


def section_url(kind: str) -> str:
    """URL of a section's list page (berita/, regulasi/, data/)."""
    return f"{kind}/"


def output_path(url: str) -> str:
    """The file that serves a URL: directories get index.html."""
    if url == HOME or url.endswith("/"):
        return url + "index.html"
    return url


@lru_cache(maxsize=4096)  # repeats come from the same page (menu, lists); thousands of pages need no more
def relative(from_url: str, to: str) -> str:
    """A link from the page at `from_url` to `to` (a URL or a file path, plus #fragment)."""
    target, _, fragment = to.partition("#")
    target = output_path(target)
    if fragment and target == output_path(from_url):
        return f"#{fragment}"
    here = [p for p in posixpath.dirname(output_path(from_url)).split("/") if p]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:])
    return f"{link}#{fragment}" if fragment else link


def absolute(base_url: str, url: str) -> str:
    """Absolute URL for canonical links and feeds; base_url ends with a slash."""
    return base_url.rstrip("/") + "/" + url


def address(base_url: str, url: str) -> str:
    """`url` as published: absolute with a base_url, else as it is (relative to the site root)."""
    return absolute(base_url, url) if base_url else url


def base_path(base_url: str) -> str:
    """The path part of base_url ("/transparansi/"), for pages served at any depth (404)."""
    rest = base_url.split("://", 1)[-1]
    path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
    return path if path.endswith("/") else path + "/"


def news_page_url(number: int) -> str:
    """Page `number` of the news list; page 1 is the section page itself."""
    return section_url("berita") if number <= 1 else f"berita/halaman/{number}/"


def news_year_url(year: int) -> str:
    return f"berita/tahun/{year}/"


def topic_url(slug: str) -> str:
    """A topic page; the empty slug is the list of all topics."""
    return f"topik/{slug}/" if slug else "topik/"


def regulation_filter_url(facet: str, value: str | int) -> str:
    """A pre-built filter of the regulation list: regulasi/jenis/<slug>/ or regulasi/tahun/<year>/."""
    return f"regulasi/{facet}/{value}/"


SEARCH = "cari/"
NEWS_FEED = "berita/atom.xml"
REGULATION_FEED = "regulasi/atom.xml"
JDIHN_FEED = "regulasi/jdihn.json"
SITEMAP = "sitemap.xml"
DATA_JSON = "data.json"  # the data catalogue portals harvest (Project Open Data v1.1, terang.site.catalog)
ROBOTS = "robots.txt"
NO_JEKYLL = ".nojekyll"  # GitHub Pages: serve site/ as it is
SEARCH_BUNDLE = "pagefind"  # folder of the search index and Pagefind's own UI files, under the site root


def figure_url(figure_id: str) -> str:
    """A key figure's anchor on the Data page ("data/#peserta-dijamin")."""
    return f"{section_url('data')}#{figure_id}"


FIGURE_HISTORY = "riwayat-angka/"  # every change of every key figure, one anchor per version (terang.data.history.anchor)
FIGURE_HISTORY_FEED = FIGURE_HISTORY + "atom.xml"


def version_url(anchor: str) -> str:
    """One version of a key figure on the Riwayat angka page ("riwayat-angka/#peserta-dijamin-2025-12-20")."""
    return f"{FIGURE_HISTORY}#{anchor}"


NOTICE = "pengumuman/"  # a key page's notice-board version, below the page (terang.site.notice)


def notice_url(page_url: str) -> str:
    """The printable notice of a page ("manfaat/pengumuman/"; the home page's is "pengumuman/")."""
    return page_url + NOTICE


def figure_page_url(figure_id: str) -> str:
    """A key figure's own page, the link to share ("angka/peserta-dijamin/")."""
    return f"angka/{figure_id}/"


def share_image_url(kind: str, slug: str) -> str:
    """The share image (og:image) of a news item or key figure ("bagikan/angka/peserta-dijamin.png")."""
    return f"bagikan/{kind}/{slug}.png"


KEY_FIGURES = "data/angka-kunci/"  # every key figure as data (terang.site.key_figures)
KEY_FIGURES_CSV = KEY_FIGURES + "angka-kunci.csv"
KEY_FIGURES_JSON = KEY_FIGURES + "angka-kunci.json"
KEY_FIGURES_PACKAGE = KEY_FIGURES + "datapackage.json"
