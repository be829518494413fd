"""Coverage tables in: CSV with ',' or ';', with or without BOM, XLSX, region and period columns; every mistake named."""

from __future__ import annotations

import json

from helpers import build_errors, xlsx

WILAYAH_YML = """\
judul: Peserta per kecamatan
deskripsi: Peserta menurut kecamatan dan bulan.
tanggal: 2024-01-01
sumber: [Dinas Contoh]
berkas: per-kecamatan.csv
sasaran: sasaran
kolom:
  - {nama: bulan, label: Bulan, jenis: periode}
  - {nama: kode, label: Kode kecamatan, jenis: wilayah}
  - {nama: jumlah, label: Jumlah, jenis: bilangan}
  - {nama: sasaran, label: Sasaran, jenis: bilangan}
"""


def test_semicolon_csv_with_bom_from_indonesian_excel_is_read(project, capsys) -> None:
    project.write({"data/per-desa.csv": "\ufeffdesa;jumlah\nSatu;10\nDua;1.020\n"})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",1020\n'


def test_xlsx_table_is_read_like_a_csv(project, capsys) -> None:
    project.remove("data/per-desa.csv")
    yml = (project.path / "data/per-desa.yml").read_text().replace("per-desa.csv", "per-desa.xlsx")
    project.write({"data/per-desa.yml": yml, "data/per-desa.xlsx": xlsx([["desa", "jumlah"], ["Satu", 10], ["Dua", 20]])})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert '<th scope="row">Dua</th><td class="rata-kanan">20</td>' in project.page("data/per-desa/index.html")


def test_a_bad_number_names_file_spreadsheet_row_column_and_fix(project, capsys) -> None:
    project.write({"data/per-desa.csv": "desa,jumlah\nSatu,10\n\nDua,dua puluh\n"})
    assert build_errors(project, capsys)[0] == (  # and no traceback
        "data/per-desa.csv:4: baris 4, kolom B 'jumlah': 'dua puluh' bukan bilangan bulat; tulis angka saja, misalnya 2428")


def test_a_bad_cell_in_xlsx_names_the_excel_row_and_column_letter(project, capsys) -> None:
    project.remove("data/per-desa.csv")
    yml = (project.path / "data/per-desa.yml").read_text().replace("per-desa.csv", "per-desa.xlsx")
    project.write({"data/per-desa.yml": yml, "data/per-desa.xlsx": xlsx([["desa", "jumlah"], ["Satu", 10], ["", 20]])})
    assert "data/per-desa.xlsx:3: lembar 'Sheet', baris 3, kolom A 'desa': kosong; isi dengan teks" in build_errors(project, capsys)


def test_an_undeclared_column_is_named_with_its_letter_and_a_suggestion(project, capsys) -> None:
    project.write({"data/per-desa.csv": "desa,jumlh\nSatu,10\n"})
    errors = build_errors(project, capsys)
    assert "data/per-desa.csv:1: kolom 'jumlah' tidak ada di baris judul; apakah maksud Anda 'jumlh'?" in errors
    assert "data/per-desa.csv:1: kolom B 'jumlh' tidak dideklarasikan di per-desa.yml; apakah maksud Anda 'jumlah'?" in errors


def test_region_codes_are_checked_and_named_from_the_official_list(project, capsys) -> None:
    project.write({
        "data/per-kecamatan.yml": WILAYAH_YML,
        "data/per-kecamatan.csv": "bulan,kode,jumlah,sasaran\n2025-01,36.04.05,10,12\n2025-01,36.04.06,20,15\n",
    })
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    page = project.page("data/per-kecamatan/index.html")
    assert '<th scope="row">Januari 2025</th><td>36.04.05</td><td>Kramatwatu</td><td class="rata-kanan">10</td>' in page
    rows = json.loads(project.page("data/per-kecamatan/per-kecamatan.json"))["baris"]
    assert rows[1] == {"bulan": "2025-01", "kode": "36.04.06", "kode_nama": "Waringinkurung", "jumlah": 20, "sasaran": 15}


def test_an_unknown_region_code_is_an_error(project, capsys) -> None:
    project.write({
        "data/per-kecamatan.yml": WILAYAH_YML,
        "data/per-kecamatan.csv": "bulan,kode,jumlah,sasaran\n2025-01,36.04.99,10,12\n2025-13,3604,1,1\n",
    })
    assert build_errors(project, capsys)[:3] == [
        "data/per-kecamatan.csv:2: baris 2, kolom B 'kode': kode wilayah '36.04.99' tidak ada dalam daftar resmi Kemendagri; periksa kodenya (daftar kecamatan ada di panduan data)",
        "data/per-kecamatan.csv:3: baris 3, kolom A 'bulan': '2025-13' bukan periode; tulis tahun dan bulan, misalnya 2025-12",
        "data/per-kecamatan.csv:3: baris 3, kolom B 'kode': '3604' bukan kode wilayah Kemendagri; tulis dengan titik, misalnya 36.04 (kabupaten) atau 36.04.05 (kecamatan)",
    ]


def test_a_target_column_must_be_numeric(project, capsys) -> None:
    project.write({"data/per-kecamatan.yml": WILAYAH_YML.replace("sasaran: sasaran", "sasaran: kode"),
                   "data/per-kecamatan.csv": "bulan,kode,jumlah,sasaran\n2025-01,36.04.05,10,12\n"})
    assert ("data/per-kecamatan.yml:6: sasaran 'kode' harus nama kolom berjenis bilangan; kolom bilangan: jumlah, sasaran"
            in build_errors(project, capsys))


def test_targets_are_drawn_beside_realisation_and_summarised(project, capsys) -> None:
    project.write({
        "data/per-kecamatan.yml": WILAYAH_YML,
        "data/per-kecamatan.csv": "bulan,kode,jumlah,sasaran\n2025-01,36.04.05,10,12\n2025-01,36.04.06,20,15\n",
    })
    assert project.build(capsys=capsys)[0] == 0
    page = project.page("data/per-kecamatan/index.html")
    assert "Dari 2 baris yang punya sasaran, 1 sudah mencapai sasarannya; secara keseluruhan realisasi 111,1% dari sasaran." in page
    assert '<text x="24" y="18">Realisasi</text>' in page and ">Sasaran</text>" in page
    assert "<text x=\"4\" y=\"44\">Januari 2025 · Kramatwatu</text>" in page
    assert ">10 dari 12</text>" in page


def test_a_month_that_excel_turned_into_a_date_is_read_as_the_month(project, capsys) -> None:
    import datetime as dt

    yml = WILAYAH_YML.replace("per-kecamatan.csv", "per-kecamatan.xlsx")
    project.write({"data/per-kecamatan.yml": yml,
                   "data/per-kecamatan.xlsx": xlsx([["bulan", "kode", "jumlah", "sasaran"], [dt.datetime(2025, 1, 1), "36.04.05", 10, 12]])})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/per-kecamatan/per-kecamatan.csv").splitlines()[1] == '"2025-01","36.04.05","Kramatwatu",10,12'
