"""Wider detection (issue 13, item 3): the forms people write, attributes, names as a reader reads them,
personal columns; and no false alarm from figures side by side (table cells, the search index)."""

from __future__ import annotations

import gzip
import json
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import PARTICIPANT_HEADER, build_errors

from terang.privacy.output import readable_markup, scan_site
from terang.readable import INVISIBLE, READABLE, name_key, readable
from terang.data.datasets import personal_column
from terang.privacy.rules import official_keys, scan_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import statistik  # noqa: E402

NIK_MESSAGE = "nomor yang mirip NIK (3604…, 16 digit) ditemukan; hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)"
PHONE_MESSAGE = ("nomor telepon ({}…) yang tidak terdaftar di kontak_resmi situs.yml ditemukan; "
                 "hapus nomor itu, atau tambahkan ke kontak_resmi di situs.yml jika nomor itu kontak resmi")
NAME_MESSAGE = ("nama peserta ({}) ditemukan (nama ini ada di data/mentah/peserta.csv baris {}); "
                "hapus nama itu; situs hanya menerbitkan angka gabungan")
FULL_WIDTH_NIK = "".join(chr(0xFF10 + int(d)) for d in "3604051505900001")


def page(body: str) -> dict[str, str]:
    return {"content/halaman/tentang.md": f"---\njudul: Tentang\n---\n{body}\n"}


def first_error(project, capsys) -> str:
    """The first error of a first build, which must fail and publish nothing."""
    errors = build_errors(project, capsys)
    assert not (project.path / "site").exists()
    return errors[0]


@pytest.mark.parametrize("written, shown", [
    ("0812 - 4334 - 3251", "0812"),
    ("+62 812-4334-3251", "6281"),
    ("0812/4334/3251", "0812"),
    ("0812.4334.3251", "0812"),
    ("0812\u20134334\u20133251", "0812"),  # en dashes
    ("\uff10\uff18\uff11\uff12 4334 3251", "0812"),  # full-width digits
    ("0812\u00a04334\u00a03251", "0812"),  # no-break spaces
    ("(0812) 4334 / 3251", "0812"),
])
def test_phone_numbers_in_every_common_form_fail_the_build(project, capsys, written: str, shown: str) -> None:
    assert first_error(project.write(page(f"Hubungi {written} untuk keterangan.")), capsys) == \
        f"content/halaman/tentang.md:4: {PHONE_MESSAGE.format(shown)}"


@pytest.mark.parametrize("written", [
    "3604.0515.0590.0001", "3604/0515/0590/0001", "3604 - 0515 - 0590 - 0001", "3604-0515-0590-0001", FULL_WIDTH_NIK,
    "3604\u00a00515\u00a00590\u00a00001", "3604\u00ad051505900001",
])
def test_a_nik_in_every_common_form_fails_the_build(project, capsys, written: str) -> None:
    assert first_error(project.write(page(f"Peserta NIK {written} terdaftar.")), capsys) == f"content/halaman/tentang.md:4: {NIK_MESSAGE}"


def test_a_nik_in_a_title_or_alt_attribute_of_a_built_page_is_found(project, capsys) -> None:
    base = project.template("base.html")
    lines = base.splitlines()
    footer = next(i for i, line in enumerate(lines) if "<footer" in line)
    added = ['<p title="NIK 3604.0515.0590.0001">a</p>', '<img alt="NIK 3604&#46;0515&#46;0590&#46;0002" src="x.png">']
    project.write({"templates/base.html": "\n".join(lines[:footer] + added + lines[footer:]) + "\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    shown = [line.split(":", 2) for line in err.splitlines() if line.startswith("site/index.html:")]
    assert [message for _, _, message in shown] == [f" {NIK_MESSAGE}"] * 2
    first, second = (int(line) for _, line, _ in shown)
    assert second == first + 1  # the title on one line, the alt text on the next, as in the template


def test_attribute_values_are_scanned_with_entities_decoded() -> None:
    text = readable_markup('<td title="NIK 3604&#46;0515&#46;0590&#46;0001">x</td>\n<img alt="0812&nbsp;4334&nbsp;3251">')
    assert [(h.kind, h.line, h.value) for h in scan_text(text, official_keys(()))] == [
        ("nik", 1, "3604051505900001"), ("telepon", 2, "+6281243343251")]


def test_emphasis_inside_a_number_does_not_hide_it_but_cells_stay_apart() -> None:
    assert [h.value for h in scan_text(readable_markup("<p>Hubungi <strong>0812</strong>-4334-3251</p>"), frozenset())] == ["+6281243343251"]
    assert scan_text(readable_markup("<tr><td>62.949</td><td>54.276</td></tr>\n<td>0812</td> <td>4334 3251</td>"), frozenset()) == []


NAMED = PARTICIPANT_HEADER + "3604054512900001;Hj. Siti Aminah, S.Pd.;Jl. Mawar 1;081234567890;1990-12-05;Nelayan;36.04.05;2025-01-10\n" \
    + "3604050101850002;Sutrisno;Jl. Melati 2;081298765432;1985-01-01;Nelayan;36.04.05;2025-01-11\n" \
    + "3604050101850003;Ahmad Ma'ruf;Jl. Melati 3;081298765433;1985-01-01;Nelayan;36.04.05;2025-01-11\n" \
    + "3604050101850004;José Rizal;Jl. Melati 4;081298765434;1985-01-01;Nelayan;36.04.05;2025-01-11\n"


@pytest.mark.parametrize("written, shown, row", [
    ("Siti Aminah", "S… A…", 2),  # the file has 'Hj. … , S.Pd.'
    ("Hajjah Siti Aminah", "S… A…", 2),
    ("Si\u00adti Ami\u200bnah", "S… A…", 2),  # soft hyphen, zero-width space
    ("\uff33\uff49\uff54\uff49 Aminah", "S… A…", 2),  # full-width letters
    ("Ahmad Ma\u2019ruf", "A… M…", 4),  # curly apostrophe; the file has a straight one
    ("Ahmad Ma\u02bcruf", "A… M…", 4),
    ("Jose\u0301 Rizal", "J… R…", 5),  # decomposed accent; the file has é
    ("Bapak Sutrisno", "S…", 3),  # a title before a one-word name
])
def test_participant_names_are_found_as_a_reader_reads_them(project, capsys, written: str, shown: str, row: int) -> None:
    project.write({"data/mentah/peserta.csv": NAMED, **page(f"Terima kasih kepada {written} dari Kramatwatu.")})
    assert first_error(project, capsys) == f"content/halaman/tentang.md:4: {NAME_MESSAGE.format(shown, row)}"


def test_name_keys_drop_titles_and_degrees_but_not_a_title_alone() -> None:
    assert name_key("Hj. Siti  Aminah, S.Pd.") == name_key("SITI AMINAH") == "siti aminah"
    assert name_key("Dr. Ir. H. Ahmad Ma\u2019ruf, M.Si.") == "ahmad ma'ruf"
    assert name_key("Ibu") == "ibu"
    assert readable("Jose\u0301 \uff13\uff16\u2013\u00ad") == "José 36-"


@pytest.mark.parametrize("column, kind", [
    ("nama", "nama"), ("nik", "NIK"), ("No KTP", "NIK"), ("alamat", "alamat"), ("tanggal_lahir", "tempat/tanggal lahir"),
    ("Tempat Lahir", "tempat/tanggal lahir"), ("no_hp", "telepon"), ("email", "surel"), ("nomor_kk", "nomor KK"),
])
def test_a_published_table_with_a_personal_column_is_refused(project, capsys, column: str, kind: str) -> None:
    assert project.build(capsys=capsys)[0] == 0
    before = project.page("index.html")
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8") + f"  - {{nama: {column}, label: Isi, jenis: teks}}\n"
    project.write({"data/per-desa.yml": yml, "data/per-desa.csv": f"desa,jumlah,{column}\nSatu,10,x\nDua,20,y\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        f"data/per-desa.yml:9: kolom '{column}' berisi data pribadi ({kind}); tabel di data/ terbit apa adanya. Simpan berkas "
        "per orang di data/mentah/ dan tulis 'mentah: <nama berkas>' di data/per-desa.yml: situs hanya menerbitkan jumlah gabungan yang disamarkan")
    assert project.page("index.html") == before


def test_ordinary_statistics_columns_are_not_personal() -> None:
    assert [personal_column(c) for c in ("nama_desa", "jumlah", "kode_wilayah", "jumlah_kk", "kk", "Nama wilayah", "bulan")] == [""] * 7


@pytest.mark.parametrize("text", [
    "Rp 62.949.540.000", "antara 62.949 - 64.276 orang", "624 - 6.213.123 orang", "rasio 62.949/54.276", "Ciruas. 62.949. 54.276.",
    "26/03/2023-29/04/2023", "09.12.2025-10.01.2026", "pukul 08.00-16.00 WIB", "kode 36.04.05.2001", "Nomor 400.5/123/Dinsos/2025",
    "62.949\u00a054.276", "2019\u20132025", "Rp16.800 dan 45,5%",
])
def test_figures_side_by_side_are_not_personal_data(text: str) -> None:
    assert scan_text(text, frozenset()) == []


def test_a_statistics_table_in_a_news_item_builds(project, capsys) -> None:
    """The false alarm of issue 13: Pagefind joined these cells into '62.949. 54.276.'."""
    project.write({"content/berita/statistik.md": "---\njudul: Statistik\ntanggal: 2024-01-03\nringkasan: Ringkas.\ntopik: [uji]\n---\n"
                   "| Kecamatan | 2024 | 2025 |\n|---|--:|--:|\n| Ciruas | 62.949 | 54.276 |\n| Kragilan | 62.812 | 4.334.325 |\n"})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    fragments = [gzip.decompress(p.read_bytes()) for p in (project.path / "site/pagefind").rglob("*.pf_fragment")]
    assert any(b"62.949. 54.276" in f for f in fragments)  # still joined in the index, and not reported


def fragment(folder: Path, name: str, data: dict) -> None:
    (folder / "pagefind/fragment").mkdir(parents=True, exist_ok=True)
    (folder / "pagefind/fragment" / name).write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(data).encode()))


def test_a_search_index_finding_is_reported_on_its_page_with_the_source_line(tmp_path: Path) -> None:
    folder = tmp_path / "staging"
    (folder / "berita/a").mkdir(parents=True)
    (folder / "berita/b").mkdir(parents=True)
    (folder / "berita/a/index.html").write_text("<table>\n<tr><td>62.949</td><td>54.276</td></tr>\n</table>\n", encoding="utf-8")
    (folder / "berita/b/index.html").write_text("<p>Judul</p>\n<p>Hubungi 0812-4334-3251.</p>\n", encoding="utf-8")
    (tmp_path / "content/berita").mkdir(parents=True)
    (tmp_path / "content/berita/b.md").write_text("---\njudul: B\n---\n\nHubungi 0812-4334-3251.\n", encoding="utf-8")
    fragment(folder, "id_a.pf_fragment", {"url": "/berita/a/index.html", "content": "Ciruas. 62.949. 54.276."})
    fragment(folder, "id_b.pf_fragment", {"url": "/berita/b/", "content": "Judul. Hubungi 0812-4334-3251."})
    fragment(folder, "id_c.pf_fragment", {"url": "/berita/hilang/", "content": "Hubungi 0812-4334-3252."})
    assert [str(p) for p in scan_site(tmp_path, folder, ())] == [
        f"site/berita/b/index.html:2: {PHONE_MESSAGE.format('0812')}".replace("ditemukan;", "ditemukan (asalnya content/berita/b.md:5);"),
        f"site/pagefind/fragment/id_c.pf_fragment:1: {PHONE_MESSAGE.format('0812')}",  # no such page: reported where it is
    ]


def test_the_number_patterns_stay_fast_on_hostile_runs() -> None:
    texts = ["0" + " - 1" * 60_000, "6" + "2./" * 60_000, "1" * 200_000, "3604." * 40_000, "\uff10" * 200_000]
    start = time.perf_counter()
    for text in texts:
        scan_text(text, frozenset())
    assert time.perf_counter() - start < 5


def test_a_thousand_statistics_articles_build_with_no_false_alarm(tmp_path: Path, capsys) -> None:
    """bench/statistik.py: counts, percentages, rupiah, dates, ranges, codes and one official phone (about 15 s)."""
    from terang.cli.main import main

    project = statistik.generate(tmp_path / "statistik", 1000)
    code = main(["--proyek", str(project), "--out", str(project / "site"), "-q"])
    _, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert len(list((project / "site/berita").glob("statistik-*/index.html"))) == 1000


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("ae1 -.\n'`\u00a0\u00ad\u200b\u2013\u2019\u02bc\u0301\u0308\uff10\uff11\uff21\u00e9\u00b7\u2026\u00bd\ufffd"), max_size=40))
def test_the_readable_form_is_nfkc_with_dashes_apostrophes_and_invisibles_mapped(text: str) -> None:
    """readable() normalises only the non-ASCII runs, for speed; it must equal NFKC of the whole text once the
    invisible characters are gone (a soft hyphen between a letter and its accent does not keep them apart)."""
    visible = text.replace("`", "'").translate({ord(c): None for c in INVISIBLE})
    whole = unicodedata.normalize("NFKC", visible).translate(READABLE)
    assert readable(text) == whole
    assert readable(text).count("\n") == text.count("\n")
