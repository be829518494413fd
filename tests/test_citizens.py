"""Citizens find their answer first: the questions on the home page come from content, a page per segment
shows its announced count, official contacts are shown only with a source, every key page has a notice
for the village board, and each key figure has its own page to share."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import TINY_CONFIG, Project
from helpers import build_errors

QUESTIONS = ["Apakah saya termasuk?", "Apa yang saya dapat?", "Bagaimana cara klaim?", "Ke mana bertanya?"]
SEGMENTS = {  # slug: (row in data/peserta-per-segmen.csv, announced count as shown)
    "nelayan": ("Nelayan", "200"), "guru-ngaji": ("Guru ngaji", "770"), "anggota-bpd": ("Anggota BPD", "2.428"),
    "pelaku-usaha-ekonomi-produktif": ("Pelaku usaha ekonomi produktif", "1.110"), "balawista": ("Balawista", "83"),
    "kader-posyandu": ("Kader Posyandu", "7.690"), "kelompok-tani": ("Poktan (kelompok tani)", "2.016"),
    "perangkat-rt-rw": ("Perangkat RT/RW", "7.137"),
}
NO_CONTACT = ("Situs ini belum mencantumkan alamat atau nomor telepon, karena belum ada kontak resmi yang sudah kami "
              "periksa kebenarannya.")
QUESTION_NAV = re.compile(r'<nav class="tugas" aria-label="Pertanyaan warga">\s*<ul>(.*?)</ul>', re.S)
LINK = re.compile(r'<li><a href="([^"]+)">([^<]+)</a></li>')


def questions_on(home: str) -> list[tuple[str, str]]:
    found = QUESTION_NAV.search(home)
    assert found, "the home page has no question list"
    return LINK.findall(found.group(1))


# --- the home page: four questions, from content ---------------------------------------------------------

def test_the_default_home_page_opens_with_the_four_questions_in_order(default_site: Path) -> None:
    home = (default_site / "index.html").read_text(encoding="utf-8")
    assert questions_on(home) == [
        ("siapa-yang-dilindungi/index.html", "Apakah saya termasuk?"), ("manfaat/index.html", "Apa yang saya dapat?"),
        ("cara-klaim/index.html", "Bagaimana cara klaim?"), ("tempat-bertanya/index.html", "Ke mana bertanya?"),
    ]
    # the questions come before the programme summary and the figures
    assert home.index("Apakah saya termasuk?") < home.index('class="pembuka"') < home.index('id="angka-utama"')


def test_questions_come_from_the_pages_pertanyaan_not_from_the_template(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({
        "content/halaman/tentang.md": "---\njudul: Tentang\nurutan: 2\npertanyaan: Siapa yang membayar?\n---\nIsi.\n",
        "content/halaman/daftar.md": "---\njudul: Daftar\nurutan: 1\npertanyaan: Bagaimana mendaftar?\n---\nIsi.\n",
        "content/halaman/lain.md": "---\njudul: Lain\n---\nTanpa pertanyaan.\n",
    })
    assert project.build(capsys=capsys)[0] == 0
    assert questions_on(project.page("index.html")) == [("daftar/index.html", "Bagaimana mendaftar?"), ("tentang/index.html", "Siapa yang membayar?")]
    assert not any(q in project.page("index.html") for q in QUESTIONS)


def test_a_site_without_questions_has_no_question_list(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert project.build(capsys=capsys)[0] == 0
    assert 'class="tugas"' not in project.page("index.html")


# --- the phone header ------------------------------------------------------------------------------------

def test_the_header_has_a_menu_disclosure_and_the_full_menu_and_the_short_name(default_site: Path) -> None:
    page = (default_site / "manfaat/index.html").read_text(encoding="utf-8")
    header = page[page.index('<header class="kepala">'):page.index("</header>")]
    assert ('<a class="nama-situs" href="../index.html"><span class="nama-pendek">Jaminan Sosial Pekerja Rentan Serang</span>'
            '<span class="nama-penuh">Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Serang</span></a>') in header
    assert '<details class="menu-ponsel">\n<summary>Menu</summary>\n<nav aria-label="Menu utama">' in header
    assert '<div class="menu-lebar">\n<nav aria-label="Menu utama">' in header
    # both menus name the current page
    assert header.count('<li><a href="index.html" aria-current="page">Manfaat</a></li>') == 2


def test_without_a_short_name_the_header_shows_the_title(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert project.build(capsys=capsys)[0] == 0
    assert '<a class="nama-situs" href="index.html">Transparansi Program Contoh</a>' in project.page("index.html")


# --- a page per segment ----------------------------------------------------------------------------------

def test_each_segment_has_a_page_with_its_announced_count_and_source(default_site: Path) -> None:
    for slug, (row, count) in SEGMENTS.items():
        page = (default_site / slug / "index.html").read_text(encoding="utf-8")
        assert f'<p class="nilai">{count}</p>\n<p class="label">Jumlah pekerja: {row}</p>' in page, slug
        assert "Data per 9 Desember 2025. Sumber: " in page and "publisia.id" in page
        assert '<p class="induk"><a href="../siapa-yang-dilindungi/index.html">Apakah saya termasuk?</a></p>' in page
        for heading in ("Siapa yang termasuk", "Apa yang didapat", "Apa yang perlu dilakukan", "Yang belum terverifikasi"):
            assert f">{heading}</h2>" in page, (slug, heading)
        # the segments do not add up to the announced total: every segment page says so
        assert "Jumlah semua baris tabel ini tidak sama dengan angka yang diumumkan" in page
        assert "<script" not in page


def test_the_parent_page_lists_its_segments_with_their_counts(default_site: Path) -> None:
    page = (default_site / "siapa-yang-dilindungi/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li><a href="\.\./([^/]+)/index.html">([^<]+)</a> <span class="meta">\(([\d.]+) jumlah pekerja\)</span></li>', page)
    assert [(slug, count) for slug, _, count in listed] == [(slug, count) for slug, (_, count) in SEGMENTS.items()]
    home = (default_site / "index.html").read_text(encoding="utf-8")
    info = home[home.index('id="info-warga"'):home.index('id="berita-terbaru"')]
    assert "nelayan/index.html" not in info  # pages under another page are listed there, not on the home page


def test_page_relations_are_checked_with_file_line_and_fix(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({
        "content/halaman/satu.md": "---\njudul: Satu\ninduk: tentan\n---\nIsi.\n",
        "content/halaman/dua.md": "---\njudul: Dua\ninduk: tentang\ntabel: per-desa\nbaris: Tiga\n---\nIsi.\n",
        "content/halaman/tiga.md": "---\njudul: Tiga\ninduk: dua\n---\nIsi.\n",
        "content/halaman/empat.md": "---\njudul: Empat\ntabel: per-desa\n---\nIsi.\n",
        "content/halaman/lima.md": "---\njudul: Lima\ntabel: per-dea\nbaris: Satu\n---\nIsi.\n",
    })
    assert sorted(build_errors(project, capsys)) == sorted([
        "content/halaman/satu.md:3: induk 'tentan' tidak ada di content/halaman/; apakah maksud Anda 'tentang'?",
        "content/halaman/dua.md:5: tidak ada baris 'Tiga' di kolom pertama tabel 'per-desa'; baris yang ada: Dua, Satu",
        "content/halaman/tiga.md:3: induk 'dua' sendiri punya induk; halaman hanya boleh satu tingkat di bawah halaman lain",
        "content/halaman/empat.md:3: 'tabel' perlu 'baris': tulis tabel dan baris yang jumlahnya ditampilkan halaman ini",
        "content/halaman/lima.md:3: tabel 'per-dea' tidak ada di data/; apakah maksud Anda 'per-desa'?",
    ])


# --- contacts --------------------------------------------------------------------------------------------

def test_the_default_site_says_plainly_that_it_has_no_verified_contact(default_site: Path) -> None:
    for name in ("index.html", "manfaat/index.html", "tempat-bertanya/index.html", "berita/index.html"):
        page = (default_site / name).read_text(encoding="utf-8")
        footer = page[page.index('<footer class="kaki">'):]
        assert NO_CONTACT in footer, name
        assert "tel:" not in page and "mailto:" not in page
    home = (default_site / "index.html").read_text(encoding="utf-8")
    main = home[home.index("<main"):home.index("</main>")]
    assert f'{NO_CONTACT} <a href="tempat-bertanya/index.html">Ke mana bertanya?</a>' in main


CONTACT_CONFIG = TINY_CONFIG + """\
kontak_resmi:
  - nama: Kantor Cabang Contoh
    telepon: ["(0254) 123-456"]
    surel: layanan@contoh.go.id
    jam: Senin–Jumat, 08.00–16.00
    sumber:
      - nama: Surat Kantor Cabang Contoh Nomor 1/2024
        tanggal: 2024-01-05
  - "0254 999 888"
"""


def test_a_filled_contact_is_a_card_on_home_and_in_every_footer(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"situs.yml": CONTACT_CONFIG,
                   "content/halaman/tentang.md": "---\njudul: Tentang\n---\nHubungi (0254) 123-456 atau 0254 999 888.\n"})
    assert project.build(capsys=capsys)[0] == 0  # both numbers are official: the privacy scan lets them through
    card = ('<div class="kartu-kontak">\n<p><strong>Kantor Cabang Contoh</strong></p>\n<ul>\n'
            '<li>Telepon: <a href="tel:0254123456">(0254) 123-456</a></li>\n'
            '<li>Surel: <a href="mailto:layanan@contoh.go.id">layanan@contoh.go.id</a></li>\n'
            '<li>Jam layanan: Senin–Jumat, 08.00–16.00</li>\n</ul>\n'
            '<p class="meta">Sumber: Surat Kantor Cabang Contoh Nomor 1/2024')
    home = project.page("index.html")
    assert home.count(card) == 2  # on the home page and in its footer
    for name in ("tentang/index.html", "berita/index.html", "data/index.html"):
        assert project.page(name).count(card) == 1, name
    assert NO_CONTACT not in home
    assert "999" not in home  # a plain number is only allowed, not shown


def test_a_contact_needs_a_source_and_a_way_to_reach_it(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"situs.yml": TINY_CONFIG + "kontak_resmi:\n  - nama: Kantor A\n    telepon: ['0254 1']\n  - nama: Kantor B\n    sumber: [Surat]\n"})
    assert build_errors(project, capsys) == [
        "situs.yml:13: kunci wajib 'sumber' tidak ada; tambahkan (contoh: sumber: [Surat Dinas ... Nomor ...])",
        "situs.yml:15: kontak 'Kantor B' perlu paling sedikit satu cara menghubungi: telepon, surel, alamat atau situs",
    ]


def test_halaman_kontak_must_name_a_page(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"situs.yml": TINY_CONFIG + "halaman_kontak: tanya\n"})
    assert build_errors(project, capsys) == ["situs.yml: halaman_kontak 'tanya' tidak ada di content/halaman/; halaman yang ada: tentang"]


# --- notices for the village board -----------------------------------------------------------------------

def test_every_key_page_has_a_notice_and_links_to_it(default_site: Path) -> None:
    notices = sorted(p.parent.parent.relative_to(default_site).as_posix() for p in default_site.glob("**/pengumuman/index.html"))
    assert notices == sorted([".", "siapa-yang-dilindungi", "manfaat", "cara-klaim", "tempat-bertanya", *SEGMENTS])
    page = (default_site / "manfaat/index.html").read_text(encoding="utf-8")
    assert '<p class="cetak-tautan"><a href="pengumuman/index.html">Versi cetak untuk papan pengumuman</a></p>' in page
    assert "pengumuman/" not in (default_site / "tanya-jawab/index.html").read_text(encoding="utf-8")


def test_a_notice_shows_the_question_points_with_figures_contact_and_address(default_site: Path) -> None:
    notice = (default_site / "siapa-yang-dilindungi/pengumuman/index.html").read_text(encoding="utf-8")
    assert '<body data-jenis="pengumuman">' in notice
    assert "<h1>Apakah saya termasuk?</h1>" in notice
    assert ("<li>Pada tahun anggaran 2025, iuran BPJS Ketenagakerjaan (JKK dan JKM) untuk 21.234 orang pekerja rentan "
            "dibayar APBD Kabupaten Serang.</li>") in notice
    assert NO_CONTACT in notice
    assert "Baca selengkapnya di situs Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Serang</p>" in notice
    assert "<svg" not in notice  # no QR code without the site's address


def test_with_a_base_url_the_notice_prints_the_full_address_and_its_qr_code(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\npertanyaan: Apa ini?\npengumuman: ['Ada [[angka:peserta]] peserta.']\n---\nIsi.\n"})
    assert project.build("--base-url", "https://contoh.go.id/", capsys=capsys)[0] == 0
    notice = project.page("tentang/pengumuman/index.html")
    assert "<li>Ada 30 orang peserta.</li>" in notice
    assert 'Baca selengkapnya di <strong class="alamat">https://contoh.go.id/tentang/</strong>' in notice
    assert '<svg role="img" aria-label="Kode QR menuju https://contoh.go.id/tentang/" viewBox=' in notice
    home = project.page("pengumuman/index.html")
    assert '<svg role="img" aria-label="Kode QR menuju https://contoh.go.id/"' in home


def test_notice_points_are_short_and_their_figures_exist(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    long_point = "x" * 201
    project.write({
        "content/halaman/tentang.md": f"---\njudul: Tentang\npengumuman: ['{long_point}']\n---\nIsi.\n",
        "content/halaman/lain.md": "---\njudul: Lain\npengumuman: [a, b, c, d, e, f, g]\n---\nIsi.\n",
        "content/halaman/baru.md": "---\njudul: Baru\npengumuman: [Satu., 'Ada [[angka:pesert]].']\n---\nIsi.\n",
    })
    assert sorted(build_errors(project, capsys)) == sorted([
        "content/halaman/tentang.md:3: butir ke-1 'pengumuman' panjangnya 201 karakter; paling banyak 200, "
        "tulis lebih singkat dan letakkan rinciannya di isi halaman",
        "content/halaman/baru.md:3: butir ke-2 'pengumuman' menyebut [[angka:pesert]] yang tidak ada; apakah maksud Anda 'angka:peserta'?",
        "content/halaman/lain.md:3: 'pengumuman' berisi 7 butir; paling banyak 6 agar muat di satu halaman A4",
    ])


# --- key figures' own pages and share images -------------------------------------------------------------

def test_each_key_figure_has_its_own_page_with_source_and_citation(default_site: Path) -> None:
    page = (default_site / "angka/peserta-dijamin/index.html").read_text(encoding="utf-8")
    assert '<body data-jenis="angka">' in page
    assert '<h1 id="peserta-dijamin-judul">Pekerja rentan yang iurannya dibayar APBD Kabupaten Serang (tahun anggaran 2025)</h1>' in page
    assert '<p class="nilai">21.234 orang</p>' in page
    assert '<h2 id="peserta-dijamin-kutip">Kutip angka ini</h2>' in page
    data = (default_site / "data/index.html").read_text(encoding="utf-8")
    assert '<p><a href="../angka/peserta-dijamin/index.html">Halaman angka ini, untuk dibagikan</a></p>' in data


def test_news_figure_and_row_pages_share_their_own_image_with_alt_text(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"content/halaman/desa-dua.md": "---\njudul: Desa Dua\ninduk: tentang\ntabel: per-desa\nbaris: Dua\n---\nIsi.\n"})
    assert project.build("--base-url", "https://contoh.go.id/", capsys=capsys)[0] == 0
    row = project.page("desa-dua/index.html")
    assert '<meta property="og:image" content="https://contoh.go.id/bagikan/halaman/desa-dua.png">' in row
    assert '<meta property="og:image:alt" content="Gambar berisi angka 20: Jumlah Dua. Situs Transparansi Program Contoh.">' in row
    assert '<meta property="og:image" content="https://contoh.go.id/gambar' not in project.page("tentang/index.html")
    news = project.page("berita/kabar-baik/index.html")
    assert '<meta property="og:image" content="https://contoh.go.id/bagikan/berita/kabar-baik.png">' in news
    assert ('<meta property="og:image:alt" content="Gambar berisi angka 30 orang: Nelayan yang dijamin. Kabar baik. '
            'Situs Transparansi Program Contoh.">') in news
    figure = project.page("angka/peserta/index.html")
    assert '<meta property="og:image" content="https://contoh.go.id/bagikan/angka/peserta.png">' in figure
    assert '<meta property="og:image:width" content="1200">' in figure
    assert (project.path / "site/bagikan/angka/peserta.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_share_images_are_made_only_for_a_site_with_an_address(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert project.build(capsys=capsys)[0] == 0
    assert not (project.path / "site/bagikan").exists()
    assert "og:image" not in project.page("berita/kabar-baik/index.html")


def test_an_unchanged_share_image_is_copied_not_drawn_again(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"situs.yml": TINY_CONFIG + "base_url: https://contoh.go.id/\n"})
    project.build_stats()
    first = (project.path / "site/bagikan/berita/kabar-baik.png").read_bytes()
    from terang.site import share_images

    drawn: list[object] = []
    original = share_images.card_png
    share_images.card_png = lambda card: drawn.append(card) or original(card)  # type: ignore[assignment]
    try:
        project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nIsi baru.\n"})
        project.build_stats()
        assert drawn == []
        project.write({"content/berita/kabar-baik.md": "---\njudul: Kabar lain\ntanggal: 2024-01-02\nringkasan: R.\ntopik: [uji]\n---\nIsi.\n"})
        project.build_stats()
        assert [c.headline for c in drawn] == ["Kabar lain"]  # type: ignore[attr-defined]
    finally:
        share_images.card_png = original  # type: ignore[assignment]
    assert (project.path / "site/bagikan/berita/kabar-baik.png").read_bytes() != first


def test_a_new_page_does_not_change_every_footer(project: Project) -> None:
    """Every footer links to halaman_kontak: it depends on that one page, not on the list of all pages."""
    project.write({"situs.yml": TINY_CONFIG + "halaman_kontak: tentang\n"})
    project.build_stats()
    site = project.path / "site"
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}
    project.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
    stats = project.build_stats()
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}
    assert sorted(name for name in after if before.get(name) != after[name]) == ["baru/index.html", "cari/index.html", "index.html"]
    assert (stats.pages_rendered + stats.pages_reused, stats.pages_reused) == (len(after), len(after) - 4)  # 15 of 19 reused
