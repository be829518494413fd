"""Feeds, sitemap, robots.txt and link previews: absolute URLs come only from base_url."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from conftest import Project
from helpers import pdf, picture

BASE = "https://contoh.go.id/transparansi/"
A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOTE = ("Catatan: base_url belum diisi, jadi feed Atom (berita/atom.xml, regulasi/atom.xml, riwayat-angka/atom.xml), feed JDIHN "
        "(regulasi/jdihn.json), sitemap.xml, katalog data (data.json) dan tautan kanonis tidak dibuat. Isi base_url di situs.yml "
        "atau jalankan dengan --base-url https://alamat-situs/ sebelum dipublikasikan.")


def with_share_image(project: Project) -> Project:
    config = (project.path / "situs.yml").read_text(encoding="utf-8")
    return project.write({"content/gambar/bagikan.png": picture("PNG"),
                          "situs.yml": config + "gambar_bagikan: gambar/bagikan.png\ngambar_bagikan_alt: Logo Kabupaten Contoh\n"})


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_without_base_url_feeds_and_sitemap_are_left_out_with_a_note(project: Project, capsys) -> None:
    code, out, _ = with_share_image(project).build(capsys=capsys)
    assert code == 0
    assert NOTE in out.splitlines()
    site = project.path / "site"
    for name in ("berita/atom.xml", "regulasi/atom.xml", "regulasi/jdihn.json", "sitemap.xml"):
        assert not (site / name).exists(), name
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    home = project.page("index.html")
    assert 'rel="canonical"' not in home and "og:image" not in home and "application/atom+xml" not in home
    assert meta(home, "twitter:card") == "summary"


def test_with_base_url_no_note_is_printed(project: Project, capsys) -> None:
    code, out, _ = project.build("--base-url", BASE, capsys=capsys)
    assert code == 0 and "base_url belum diisi" not in out


def test_the_news_feed_is_valid_atom_with_absolute_links(project: Project, capsys) -> None:
    assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
    feed = ET.fromstring((project.path / "site/berita/atom.xml").read_bytes())
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}id") == BASE + "berita/atom.xml"
    assert feed.find(f"{A}link[@rel='self']").get("href") == BASE + "berita/atom.xml"
    assert feed.findtext(f"{A}updated") == "2024-01-02T00:00:00+07:00"
    assert feed.findtext(f"{A}author/{A}name") == "Pemerintah Kabupaten Contoh"
    [entry] = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}title") == "Kabar baik"
    assert entry.find(f"{A}link").get("href") == BASE + "berita/kabar-baik/"
    assert entry.findtext(f"{A}summary") == "Ringkas."
    assert [c.get("term") for c in entry.findall(f"{A}category")] == ["uji"]
    html = project.page("berita/index.html")
    assert '<link rel="alternate" type="application/atom+xml" title="Berita · Transparansi Program Contoh" href="atom.xml">' in html


def test_the_regulation_feed_is_valid_atom_with_the_status(project: Project, capsys) -> None:
    assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
    feed = ET.fromstring((project.path / "site/regulasi/atom.xml").read_bytes())
    [entry] = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}title") == "Peraturan Bupati Contoh Nomor 1 Tahun 2024 tentang Uji coba"
    assert entry.findtext(f"{A}id") == BASE + "regulasi/perbup-1-2024/"
    assert entry.findtext(f"{A}updated") == "2024-01-01T00:00:00+07:00"  # no date known: 1 January of its year
    assert entry.findtext(f"{A}summary") == "Status: berlaku."


def test_the_jdihn_feed_uses_jdihn_field_names(project: Project, capsys) -> None:
    project.write({"content/regulasi/perbup-1-2024.md": "---\njenis: Peraturan Bupati Contoh\nsingkatan: Perbup\nnomor: \"1\"\ntahun: 2024\n"
                   "tentang: Uji coba\nstatus: berlaku\ntanggal_pengundangan: 2024-03-04\nbidang_hukum: Hukum Administrasi Negara\n"
                   "teu_badan: Kabupaten Contoh\nsubjek: [nelayan]\nberkas: naskah.pdf\n---\nIsi.\n",
                   "content/naskah.pdf": pdf()})
    assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
    [record] = json.loads((project.path / "site/regulasi/jdihn.json").read_text(encoding="utf-8"))
    assert record == {
        "idData": "perbup-1-2024", "tahun_pengundangan": "2024", "tanggal_pengundangan": "2024-03-04", "tanggal_penetapan": "",
        "jenis": "Peraturan Bupati Contoh", "noPeraturan": "1", "judul": "Peraturan Bupati Contoh Nomor 1 Tahun 2024 tentang Uji coba",
        "singkatanJenis": "Perbup", "tempatTerbit": "", "sumber": "", "subjek": "nelayan", "status": "Berlaku",
        "bahasa": "Bahasa Indonesia", "bidangHukum": "Hukum Administrasi Negara", "teuBadan": "Kabupaten Contoh", "abstrak": "",
        "fileDownload": "naskah.pdf", "urlDownload": BASE + "naskah.pdf", "urlDetailPeraturan": BASE + "regulasi/perbup-1-2024/",
        "operasi": "4", "display": "1",
    }


def test_the_sitemap_lists_every_page_but_404(project: Project, capsys) -> None:
    assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
    site = project.path / "site"
    tree = ET.fromstring((site / "sitemap.xml").read_bytes())
    locs = [u.findtext(f"{SM}loc") for u in tree.findall(f"{SM}url")]
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    assert sorted(locs) == sorted(BASE + p.removesuffix("index.html") for p in pages)
    assert BASE + "topik/uji/" in locs and BASE + "cari/" in locs
    assert (site / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"


def test_shared_links_show_title_summary_and_image(project: Project, capsys) -> None:
    assert with_share_image(project).build("--base-url", BASE, capsys=capsys)[0] == 0
    page = project.page("berita/kabar-baik/index.html")
    assert f'<link rel="canonical" href="{BASE}berita/kabar-baik/">' in page
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:title") == "Kabar baik"
    assert meta(page, "og:description") == "Ringkas."
    assert meta(page, "og:url") == BASE + "berita/kabar-baik/"
    assert meta(page, "og:locale") == "id_ID"
    # a news item shares its own card (terang.site.share_images); other pages share the site's image
    assert meta(page, "og:image") == BASE + "bagikan/berita/kabar-baik.png"
    assert meta(page, "og:image:alt") == "Gambar berisi angka 30 orang: Nelayan yang dijamin. Kabar baik. Situs Transparansi Program Contoh."
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "article:published_time") == "2024-01-02"
    plain = project.page("tentang/index.html")
    assert meta(plain, "og:image") == BASE + "gambar/bagikan.png"
    assert meta(plain, "og:image:alt") == "Logo Kabupaten Contoh"


def test_a_news_image_is_preferred_to_the_default_share_image(project: Project, capsys) -> None:
    with_share_image(project).write({
        "content/gambar/nelayan.jpg": picture("JPEG"),
        "content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n"
                                        "gambar: gambar/nelayan.jpg\ngambar_alt: Nelayan menarik perahu\n---\nIsi.\n",
    })
    assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
    page = project.page("berita/kabar-baik/index.html")
    assert meta(page, "og:image") == BASE + "gambar/nelayan.jpg"
    assert meta(page, "og:image:alt") == "Nelayan menarik perahu"


def test_a_share_image_without_alt_text_is_an_error(project: Project, capsys) -> None:
    config = (project.path / "situs.yml").read_text(encoding="utf-8")
    project.write({"content/gambar/bagikan.png": picture("PNG"), "situs.yml": config + "gambar_bagikan: gambar/bagikan.png\n"})
    code, _, err = project.build(capsys=capsys)
    line = config.count("\n") + 1
    assert code == 1
    assert f"situs.yml:{line}: 'gambar_bagikan' perlu 'gambar_bagikan_alt': tulis apa yang tampak di gambar untuk pembaca tunanetra" in err.splitlines()
