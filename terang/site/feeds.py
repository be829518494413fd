"""Files for machines: Atom feeds, the JDIHN feed, sitemap.xml and robots.txt.

Feeds and sitemaps must carry absolute URLs, so they are only written when the site has a
base_url (situs.yml or --base-url); robots.txt is always written. `skipped_note()` is the
line the command prints when they were left out.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Iterable

from terang import fmt, urls
from terang.content import regulations
from terang.model import OutputFile, Regulation
from terang.site import catalog
from terang.site.assemble import Site
from terang.site.plan import versions

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
TIMEZONE = dt.timezone(dt.timedelta(hours=7))  # WIB: a date-only item is dated at local midnight
# Characters XML 1.0 does not allow: ElementTree writes them as they are, and the feed no longer parses.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_bytes(root: ET.Element) -> bytes:
    """A whole XML document, with every character XML 1.0 forbids removed from its texts and attributes.

    Front matter with control characters is refused earlier (terang.inputs.schema); this keeps a feed
    well-formed whatever reaches it.
    """
    for element in root.iter():
        for name in ("text", "tail"):
            if getattr(element, name):
                setattr(element, name, NOT_XML.sub("", getattr(element, name)))
        for key, value in element.attrib.items():
            element.set(key, NOT_XML.sub("", value))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def stamp(day: dt.date) -> str:
    """RFC 3339 timestamp of a day's start in WIB, as Atom requires."""
    return dt.datetime.combine(day, dt.time(), TIMEZONE).isoformat()


def regulation_date(reg: Regulation) -> dt.date:
    """The best known date of a regulation; 1 January of its year when no date is known."""
    return reg.tanggal_pengundangan or reg.tanggal_penetapan or dt.date(reg.tahun, 1, 1)


def _entry(feed: ET.Element, base: str, title: str, url: str, day: dt.date, summary: str, categories: Iterable[str]) -> None:
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "title").text = title
    ET.SubElement(entry, "link", href=urls.absolute(base, url), rel="alternate", type="text/html")
    ET.SubElement(entry, "id").text = urls.absolute(base, url)
    ET.SubElement(entry, "updated").text = stamp(day)
    ET.SubElement(entry, "published").text = stamp(day)
    if summary:
        ET.SubElement(entry, "summary").text = summary
    for term in categories:
        ET.SubElement(entry, "category", term=term)


def atom(site: Site, title: str, feed_url: str, page_url: str, entries: list[tuple[str, str, dt.date, str, tuple[str, ...]]],
         empty: dt.date | None = None) -> bytes:
    """An Atom 1.0 feed; entries are (title, url, date, summary, categories); `empty`: its date when there is no entry."""
    base = site.config.base_url
    feed = ET.Element("feed", xmlns=ATOM)
    feed.set("xml:lang", site.config.language)
    ET.SubElement(feed, "title").text = f"{title} · {site.config.title}"
    ET.SubElement(feed, "subtitle").text = site.config.description
    ET.SubElement(feed, "link", href=urls.absolute(base, feed_url), rel="self", type="application/atom+xml")
    ET.SubElement(feed, "link", href=urls.absolute(base, page_url), rel="alternate", type="text/html")
    ET.SubElement(feed, "id").text = urls.absolute(base, feed_url)
    newest = max((e[2] for e in entries), default=empty or site.config.build_date or dt.date(1970, 1, 1))
    ET.SubElement(feed, "updated").text = stamp(newest)
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = site.config.publisher
    if site.config.licence:
        ET.SubElement(feed, "rights").text = site.config.licence
    for entry in entries:
        _entry(feed, base, *entry)
    return xml_bytes(feed)


def news_feed(site: Site) -> bytes:
    entries = [(n.title, urls.item_url("berita", n.slug), n.date, n.summary, n.topics) for n in site.news]
    return atom(site, "Berita", urls.NEWS_FEED, urls.section_url("berita"), entries)


def regulation_feed(site: Site) -> bytes:
    regs = sorted(site.regulations, key=regulation_date, reverse=True)
    entries = [(f"{r.title} tentang {r.tentang}", urls.item_url("regulasi", r.slug), regulation_date(r),
                f"Status: {r.status}. {r.summary}".strip(), (r.jenis,)) for r in regs]
    return atom(site, "Regulasi", urls.REGULATION_FEED, urls.section_url("regulasi"), entries)


def figure_history_feed(site: Site) -> bytes:
    """Every change of a key figure (the Riwayat angka page), newest first; each entry links to its version."""
    entries = [(f"{v['figure'].label}: {v['old']} menjadi {v['new']}", urls.version_url(v["anchor"]), v["change"].date,
                f"Angka ini per {fmt.date(v['change'].date)}. Alasan: {v['change'].reason}", (v["figure"].id,)) for v in versions(site)]
    # no change yet: the feed is as new as the newest figure it watches
    return atom(site, "Riwayat angka", urls.FIGURE_HISTORY_FEED, urls.FIGURE_HISTORY, entries, max((f.date for f in site.figures), default=None))


def sitemap(base_url: str, page_urls: Iterable[str]) -> bytes:
    """sitemap.xml listing every HTML page (never the 404 page)."""
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url in page_urls:
        if url != "404.html":
            ET.SubElement(ET.SubElement(root, "url"), "loc").text = urls.absolute(base_url, url)
    return xml_bytes(root)


def robots(base_url: str) -> bytes:
    """Crawlers may read everything; the sitemap line needs an absolute URL."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {urls.absolute(base_url, urls.SITEMAP)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def machine_files(site: Site, page_urls: list[str]) -> list[OutputFile]:
    """robots.txt and .nojekyll always; the feeds, the sitemap and the data catalogue (data.json) only when base_url is known.

    .nojekyll tells GitHub Pages to serve the folder as it is: without it Jekyll would hide every
    name that starts with '_' (such as _headers) and take time over a site that needs no processing.
    """
    base = site.config.base_url
    files = [OutputFile(urls.ROBOTS, "situs.yml", robots(base)), OutputFile(urls.NO_JEKYLL, "situs.yml", b"")]
    if base:
        files += [
            OutputFile(urls.NEWS_FEED, "content/berita", news_feed(site)),
            OutputFile(urls.REGULATION_FEED, "content/regulasi", regulation_feed(site)),
            OutputFile(urls.JDIHN_FEED, "content/regulasi", regulations.jdihn_feed(site.regulations, base)),
            OutputFile(urls.FIGURE_HISTORY_FEED, "data/riwayat.yml", figure_history_feed(site)),
            OutputFile(urls.SITEMAP, "situs.yml", sitemap(base, page_urls)),
            OutputFile(urls.DATA_JSON, "data", catalog.data_json(site)),
        ]
    return files


def skipped_note(base_url: str) -> str:
    """The command's note when feeds and the sitemap were left out, or ''."""
    if base_url:
        return ""
    return ("Catatan: base_url belum diisi, jadi feed Atom (berita/atom.xml, regulasi/atom.xml, riwayat-angka/atom.xml), feed JDIHN "
            "(regulasi/jdihn.json), sitemap.xml, katalog data (data.json) dan tautan kanonis tidak dibuat. Isi base_url di situs.yml "
            "atau jalankan dengan --base-url https://alamat-situs/ sebelum dipublikasikan.")
