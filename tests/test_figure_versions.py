"""Figures have versions: dated news keep the value of their date, derived figures follow their inputs,
and every change is on the Riwayat angka page and in its Atom feed (issue 16, item 4)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from browser import validate_html
from conftest import Project
from helpers import assert_same_as_clean_build, build_errors

BASE = "https://contoh.go.id/transparansi/"
A = "{http://www.w3.org/2005/Atom}"

FIGURES = """\
- id: peserta
  label: Nelayan yang dijamin
  nilai: 30
  satuan: orang
  tanggal: 2024-01-01
  sumber: [Dinas Contoh]
  rincian: per-desa
- id: iuran
  label: Iuran per orang
  nilai: 1000
  satuan: rupiah per orang per bulan
  tanggal: 2024-01-01
  sumber: [Dinas Contoh]
- id: iuran-setahun
  label: Iuran setahun
  rumus: peserta * iuran * 12
  satuan: rupiah
  tanggal: 2024-01-01
  sumber: [Dinas Contoh]
  perkiraan: true
"""

CHANGE = """\
- angka: peserta
  tanggal: 2024-02-01
  nilai_lama: 28
  nilai_baru: 30
  alasan: Koreksi dari Dinas Contoh.
"""

OLD_NEWS = "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi berita dengan [[angka:peserta]] dan [[angka:iuran-setahun]] dan [[angka:iuran]].\n"
NEW_NEWS = "---\njudul: Kabar baru\ntanggal: 2024-03-01\nringkasan: Ringkas.\ntopik: [uji]\n---\nKini [[angka:peserta]] dan [[angka:iuran-setahun]].\n"

OLD_BODY = ('<p>Isi berita dengan <a href="../../data/index.html#peserta">28 orang</a> '
            '(<a href="../../riwayat-angka/index.html#peserta-2024-02-01">kini 30 orang, diperbarui 1 Februari 2024</a>) '
            'dan <a href="../../data/index.html#iuran-setahun">Rp336.000 (perkiraan)</a> '
            '(<a href="../../riwayat-angka/index.html#iuran-setahun-2024-02-01">kini Rp360.000, diperbarui 1 Februari 2024</a>) '
            'dan <a href="../../data/index.html#iuran">Rp1.000 per orang per bulan</a>.</p>')
NEW_BODY = '<p>Kini <a href="../../data/index.html#peserta">30 orang</a> dan <a href="../../data/index.html#iuran-setahun">Rp360.000 (perkiraan)</a>.</p>'


@pytest.fixture
def versioned(project: Project) -> Project:
    return project.write({"data/angka_kunci.yml": FIGURES, "data/riwayat.yml": CHANGE,
                          "content/berita/kabar-baik.md": OLD_NEWS, "content/berita/kabar-baru.md": NEW_NEWS})


def test_an_older_news_item_keeps_its_number_with_the_kini_note(versioned: Project, capsys) -> None:
    code, _, err = versioned.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert OLD_BODY in versioned.page("berita/kabar-baik/index.html")
    assert NEW_BODY in versioned.page("berita/kabar-baru/index.html")  # written after the change: plain, as today


def test_without_changes_every_text_shows_todays_value(versioned: Project, capsys) -> None:
    versioned.remove("data/riwayat.yml")
    assert versioned.build(capsys=capsys)[0] == 0
    assert ('<p>Isi berita dengan <a href="../../data/index.html#peserta">30 orang</a> dan '
            '<a href="../../data/index.html#iuran-setahun">Rp360.000 (perkiraan)</a> dan '
            '<a href="../../data/index.html#iuran">Rp1.000 per orang per bulan</a>.</p>') in versioned.page("berita/kabar-baik/index.html")
    assert "Belum ada angka kunci yang berubah sejak pertama diterbitkan." in versioned.page("riwayat-angka/index.html")
    assert versioned.build("--base-url", BASE, capsys=capsys)[0] == 0
    feed = ET.fromstring((versioned.path / "site/riwayat-angka/atom.xml").read_bytes())
    assert (feed.findall(f"{A}entry"), feed.findtext(f"{A}updated")) == ([], "2024-01-01T00:00:00+07:00")  # the newest figure's date


def test_the_riwayat_page_lists_every_change_newest_first_with_an_anchor(versioned: Project, capsys) -> None:
    versioned.write({"data/angka_kunci.yml": FIGURES.replace("nilai: 1000", "nilai: 1100"),
                     "data/riwayat.yml": CHANGE + "- angka: iuran\n  tanggal: 2024-04-10\n  nilai_lama: 1000\n  nilai_baru: 1100\n  alasan: Tarif baru.\n"})
    assert versioned.build(capsys=capsys)[0] == 0
    page = versioned.page("riwayat-angka/index.html")
    anchors = [part.split('"', 1)[0] for part in page.split('<section class="versi" id="')[1:]]
    assert anchors == ["iuran-2024-04-10", "iuran-setahun-2024-04-10", "peserta-2024-02-01", "iuran-setahun-2024-02-01"]
    assert ('<section class="versi" id="peserta-2024-02-01" aria-labelledby="peserta-2024-02-01-judul">\n'
            '<h2 id="peserta-2024-02-01-judul">Nelayan yang dijamin, <time datetime="2024-02-01">1 Februari 2024</time></h2>\n'
            '<p>Berubah dari 28 orang menjadi <strong>30 orang</strong>. Alasan: Koreksi dari Dinas Contoh.</p>\n'
            '<p>Kutip versi ini:</p>\n'
            '<p class="teks-kutipan">Pemerintah Kabupaten Contoh. "Nelayan yang dijamin: 30 orang." Transparansi Program Contoh, '
            'angka ini per 1 Februari 2024. halaman Riwayat angka, bagian #peserta-2024-02-01</p>') in page
    # the derived figure followed both inputs: 28 × 1.000 × 12, then 30 × 1.000 × 12, then 30 × 1.100 × 12
    assert "<p>Berubah dari Rp336.000 menjadi <strong>Rp360.000</strong>. Alasan: Dihitung ulang dengan rumusnya karena angka Nelayan yang dijamin berubah.</p>" in page
    assert "<p>Berubah dari Rp360.000 menjadi <strong>Rp396.000</strong>. Alasan: Dihitung ulang dengan rumusnya karena angka Iuran per orang berubah.</p>" in page
    # a news item between the two changes: peserta as today, the derived figure and iuran as on its date
    versioned.write({"content/berita/kabar-baru.md": NEW_NEWS.replace("[[angka:iuran-setahun]]", "[[angka:iuran-setahun]] dan [[angka:iuran]]")})
    assert versioned.build(capsys=capsys)[0] == 0
    assert ('<p>Kini <a href="../../data/index.html#peserta">30 orang</a> dan <a href="../../data/index.html#iuran-setahun">Rp360.000 (perkiraan)</a> '
            '(<a href="../../riwayat-angka/index.html#iuran-setahun-2024-04-10">kini Rp396.000, diperbarui 10 April 2024</a>) dan '
            '<a href="../../data/index.html#iuran">Rp1.000 per orang per bulan</a> '
            '(<a href="../../riwayat-angka/index.html#iuran-2024-04-10">kini Rp1.100 per orang per bulan, diperbarui 10 April 2024</a>).</p>'
            ) in versioned.page("berita/kabar-baru/index.html")


def test_the_data_page_says_how_a_derived_figure_is_computed_and_links_its_versions(versioned: Project, capsys) -> None:
    assert versioned.build(capsys=capsys)[0] == 0
    page = versioned.page("data/index.html")
    assert ('<dt>Cara menghitung</dt><dd>dihitung: 30 × Rp1.000 × 12 (rumus <code>peserta * iuran * 12</code>; '
            'angka ini berubah mengikuti angka-angka dalam rumusnya)</dd>') in page
    assert '<p class="nilai">Rp360.000 (perkiraan)</p>' in page
    assert ('<tr><th scope="row"><a href="../riwayat-angka/index.html#iuran-setahun-2024-02-01"><time datetime="2024-02-01">1 Februari 2024</time></a></th>'
            '<td class="rata-kanan">336.000</td><td class="rata-kanan">360.000</td>') in page
    assert '<p class="meta">Setiap perubahan angka kunci, dengan tanggal dan alasannya: <a href="../riwayat-angka/index.html">Riwayat angka</a>.</p>' in page


def test_the_feed_lists_each_change_and_is_left_out_without_base_url(versioned: Project, capsys) -> None:
    assert versioned.build(capsys=capsys)[0] == 0
    assert not (versioned.path / "site/riwayat-angka/atom.xml").exists()
    assert "application/atom+xml" not in versioned.page("riwayat-angka/index.html")
    assert versioned.build("--base-url", BASE, capsys=capsys)[0] == 0
    feed = ET.fromstring((versioned.path / "site/riwayat-angka/atom.xml").read_bytes())
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}id") == BASE + "riwayat-angka/atom.xml"
    assert feed.find(f"{A}link[@rel='self']").get("href") == BASE + "riwayat-angka/atom.xml"
    assert feed.find(f"{A}link[@rel='alternate']").get("href") == BASE + "riwayat-angka/"
    assert feed.findtext(f"{A}updated") == "2024-02-01T00:00:00+07:00"
    assert feed.findtext(f"{A}author/{A}name") == "Pemerintah Kabupaten Contoh"
    entries = feed.findall(f"{A}entry")
    assert [(e.findtext(f"{A}title"), e.findtext(f"{A}id"), e.findtext(f"{A}updated"), e.findtext(f"{A}summary")) for e in entries] == [
        ("Nelayan yang dijamin: 28 orang menjadi 30 orang", BASE + "riwayat-angka/#peserta-2024-02-01", "2024-02-01T00:00:00+07:00",
         "Angka ini per 1 Februari 2024. Alasan: Koreksi dari Dinas Contoh."),
        ("Iuran setahun: Rp336.000 menjadi Rp360.000", BASE + "riwayat-angka/#iuran-setahun-2024-02-01", "2024-02-01T00:00:00+07:00",
         "Angka ini per 1 Februari 2024. Alasan: Dihitung ulang dengan rumusnya karena angka Nelayan yang dijamin berubah."),
    ]
    assert entries[0].find(f"{A}link").get("href") == BASE + "riwayat-angka/#peserta-2024-02-01"
    assert [c.get("term") for e in entries for c in e.findall(f"{A}category")] == ["peserta", "iuran-setahun"]
    page = versioned.page("riwayat-angka/index.html")
    assert '<link rel="alternate" type="application/atom+xml" title="Riwayat angka · Transparansi Program Contoh" href="atom.xml">' in page
    assert "angka ini per 1 Februari 2024. https://contoh.go.id/transparansi/riwayat-angka/#peserta-2024-02-01</p>" in page


def test_the_pages_with_versions_are_valid_html(versioned: Project, capsys) -> None:
    versioned.write({"data/angka_kunci.yml": FIGURES.replace("nilai: 1000", "nilai: 1100"),
                     "data/riwayat.yml": CHANGE + "- angka: iuran\n  tanggal: 2024-02-01\n  nilai_lama: 1000\n  nilai_baru: 1100\n  alasan: Tarif baru.\n"})
    assert versioned.build("--base-url", BASE, capsys=capsys)[0] == 0
    pages = ["riwayat-angka/index.html", "data/index.html", "berita/kabar-baik/index.html"]
    assert [str(e) for e in validate_html(versioned.path / "site", pages)] == []


@pytest.mark.parametrize(("formula", "message"), [
    ("peserta * iuran * 12 / 7", "data/angka_kunci.yml:16: angka 'iuran-setahun': 360.000 : 7 tidak menghasilkan bilangan bulat; "
                                 "pakai pembagian yang habis, atau tulis angkanya sendiri dengan 'nilai' tanpa 'rumus'"),
    ("pesrta * iuran", "data/angka_kunci.yml:16: angka 'iuran-setahun': rumus memakai 'pesrta', yang tidak ada di data/angka_kunci.yml; "
                       "apakah maksud Anda 'peserta'?"),
    ("peserta * iuran *", "data/angka_kunci.yml:16: angka 'iuran-setahun': rumus 'peserta * iuran *' berhenti di tengah; tulis id angka, "
                          "bilangan bulat, + - * / dan tanda kurung, dengan spasi di sekitar tanda minus (contoh: peserta-dijamin * iuran-minimum-bpu * 12)"),
    ("__import__('os')", "data/angka_kunci.yml:16: angka 'iuran-setahun': rumus '__import__('os')' tidak bisa dibaca mulai "
                         "'__import__('os')'; tulis id angka, bilangan bulat, + - * / dan tanda kurung, dengan spasi di sekitar tanda minus "
                         "(contoh: peserta-dijamin * iuran-minimum-bpu * 12)"),
    ("iuran-setahun + 1", "data/angka_kunci.yml:16: angka 'iuran-setahun': rumus berputar (iuran-setahun → iuran-setahun); "
                          "sebuah angka tidak boleh dihitung dari dirinya sendiri"),
])
def test_formula_errors_name_the_line(versioned: Project, capsys, formula: str, message: str) -> None:
    versioned.write({"data/angka_kunci.yml": FIGURES.replace("rumus: peserta * iuran * 12", f'rumus: "{formula}"'), "data/riwayat.yml": "[]\n"})
    assert build_errors(versioned, capsys)[0] == message


def test_a_cycle_through_two_figures_and_a_wrong_nilai_are_refused(versioned: Project, capsys) -> None:
    cycle = FIGURES.replace("  nilai: 1000\n", "  rumus: iuran-setahun / 12\n").replace("rumus: peserta * iuran * 12", "rumus: iuran * 12")
    versioned.write({"data/angka_kunci.yml": cycle, "data/riwayat.yml": "[]\n"})
    assert build_errors(versioned, capsys)[0] == ("data/angka_kunci.yml:10: angka 'iuran': rumus berputar (iuran → iuran-setahun → iuran); "
                                                  "sebuah angka tidak boleh dihitung dari dirinya sendiri")
    versioned.write({"data/angka_kunci.yml": FIGURES.replace("  rumus: peserta", "  nilai: 350000\n  rumus: peserta")})
    assert build_errors(versioned, capsys)[0] == ("data/angka_kunci.yml:17: angka 'iuran-setahun': nilai 350.000 tidak sama dengan hasil rumusnya "
                                                  "360.000; hapus 'nilai' (rumus menghitungnya) atau perbaiki rumusnya")
    versioned.write({"data/angka_kunci.yml": FIGURES.replace("  rumus: peserta * iuran * 12\n", "")})
    assert build_errors(versioned, capsys)[0] == ("data/angka_kunci.yml:14: kunci wajib 'nilai' tidak ada; tambahkan (contoh: nilai: 1500), atau 'rumus' "
                                                  "bila angka ini dihitung dari angka lain (contoh: rumus: peserta-dijamin * iuran-minimum-bpu * 12)")


def test_a_derived_figure_has_no_changes_of_its_own(versioned: Project, capsys) -> None:
    versioned.write({"data/riwayat.yml": CHANGE + "- angka: iuran-setahun\n  tanggal: 2024-02-01\n  nilai_lama: 1\n  nilai_baru: 360000\n  alasan: x\n"})
    assert build_errors(versioned, capsys)[0] == (
        "data/riwayat.yml:6: angka 'iuran-setahun' dihitung dengan rumus; riwayatnya mengikuti angka di rumus itu. "
        "Hapus perubahan ini dan catat perubahan angka masukannya saja")


def test_incremental_builds_equal_clean_builds_when_the_history_changes(versioned: Project, capsys) -> None:
    assert_same_as_clean_build(versioned, capsys)
    versioned.remove("data/riwayat.yml")
    assert_same_as_clean_build(versioned, capsys)
    versioned.write({"data/riwayat.yml": CHANGE})
    assert_same_as_clean_build(versioned, capsys)
    versioned.write({"data/angka_kunci.yml": FIGURES.replace("nilai: 30\n", "nilai: 31\n"),
                     "data/riwayat.yml": CHANGE + "- angka: peserta\n  tanggal: 2024-05-01\n  nilai_lama: 30\n  nilai_baru: 31\n  alasan: Tambahan.\n"})
    assert_same_as_clean_build(versioned, capsys)
    assert "kini 31 orang, diperbarui 1 Mei 2024" in versioned.page("berita/kabar-baru/index.html")
    # changed and changed back: the value of the item's date is today's, so no note
    versioned.write({"data/angka_kunci.yml": FIGURES, "data/riwayat.yml": CHANGE + "- angka: peserta\n  tanggal: 2024-05-01\n  nilai_lama: 30\n  nilai_baru: 28\n  alasan: Salah.\n"
                     "- angka: peserta\n  tanggal: 2024-06-01\n  nilai_lama: 28\n  nilai_baru: 30\n  alasan: Dibetulkan.\n"})
    assert_same_as_clean_build(versioned, capsys)
    assert '<p>Kini <a href="../../data/index.html#peserta">30 orang</a> dan' in versioned.page("berita/kabar-baru/index.html")
    assert "kini 30 orang, diperbarui 1 Juni 2024" in versioned.page("berita/kabar-baik/index.html")
