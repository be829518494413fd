"""Column kinds editors need: bilangan (1.234, no negatives unless declared), desimal (45,5), persen
(45,5%), rupiah (Rp16.800) and tanggal (09/12/2025, 9 Desember 2025, Excel date cells). Downloads carry
canonical values with matching Table Schema types; pages show them in Indonesian; every bad cell is an
error naming the file, sheet, row and column letter, and a failing rebuild keeps the old site."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import Project
from helpers import build_errors, columns, excel_csv

from terang import fmt
from terang.data.datasets import read_dataset
from terang.model import Column
from terang.data.tables import check_cell

COLUMNS = columns(desa="teks", jumlah="bilangan", rasio="desimal", capaian="persen", iuran="rupiah", tanggal="tanggal")
HEADER = ["Desa", "Jumlah", "Rasio", "Capaian", "Iuran", "Tanggal"]
FIELDS = [{"name": "desa", "title": "Desa", "type": "string"},
          {"name": "jumlah", "title": "Jumlah", "type": "integer"},
          {"name": "rasio", "title": "Rasio", "type": "number"},
          {"name": "capaian", "title": "Capaian", "type": "number", "description": "Persen: 45.5 berarti 45,5%"},
          {"name": "iuran", "title": "Iuran", "type": "number", "description": "Rupiah (IDR)"},
          {"name": "tanggal", "title": "Tanggal", "type": "date"}]
CANONICAL = '"desa","jumlah","rasio","capaian","iuran","tanggal"\n"Satu",1234,45.5,45.5,16800,"2025-12-09"\n"Dua",20,1234.5,100,16800.5,"2025-01-31"\n'


def yml(berkas: str, extra: str = "", columns: str = COLUMNS) -> str:
    return f"judul: Iuran per desa\ndeskripsi: Iuran nelayan per desa.\ntanggal: 2025-12-09\nsumber: [Dinas Contoh]\nberkas: {berkas}\n{extra}{columns}"


def iuran_csv(*rows: str) -> bytes:
    """The table of contributions as Excel saves a CSV with Indonesian settings (BOM, ';', CRLF), under its header."""
    return excel_csv(";".join(HEADER), *rows)


def workbook(rows: list[list[object]], formats: dict[str, str] | None = None) -> bytes:
    """An .xlsx with a title row, a blank row and the header in row 3 of sheet 'Data'; `formats` by cell ('D4': '0.0%')."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in [["IURAN NELAYAN 2025"], [], HEADER, *rows]:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_table(project: Project, capsys, name: str, data: bytes, extra: str = "") -> Project:
    """The tiny site built once, then given data/iuran.yml and its table file."""
    assert project.build(capsys=capsys)[0] == 0
    return project.write({"data/iuran.yml": yml(name, extra), f"data/{name}": data})


def test_an_indonesian_excel_csv_publishes_canonical_values_and_shows_indonesian_ones(project, capsys) -> None:
    data = iuran_csv("Satu;1.234;45,5;45,5%;Rp16.800;09/12/2025", "Dua;20;1.234,5;100 %;Rp 16.800,50;31 Jan 2025")
    with_table(project, capsys, "iuran.csv", data)
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/iuran/iuran.csv") == CANONICAL
    rows = json.loads(project.page("data/iuran/iuran.json"))["baris"]
    assert rows[0] == {"desa": "Satu", "jumlah": 1234, "rasio": 45.5, "capaian": 45.5, "iuran": 16800, "tanggal": "2025-12-09"}
    assert json.loads(project.page("data/iuran/datapackage.json"))["resources"][0]["schema"]["fields"] == FIELDS
    page = project.page("data/iuran/index.html")
    shown = ('<th scope="row">Satu</th><td class="rata-kanan">1.234</td><td class="rata-kanan">45,5</td>'
             '<td class="rata-kanan">45,5%</td><td class="rata-kanan">Rp16.800</td><td>9 Desember 2025</td>')
    assert shown in page
    assert '<td class="rata-kanan">1.234,5</td><td class="rata-kanan">100%</td><td class="rata-kanan">Rp16.800,50</td><td>31 Januari 2025</td>' in page
    # only the count column is summed: a sum of ratios, percents or unit prices means nothing
    assert ('<th scope="row">Jumlah (dihitung dari tabel)</th><td class="rata-kanan">1.254</td><td></td><td></td><td></td><td></td>') in page


def test_excel_number_percent_and_date_cells_are_taken_as_stored(project, capsys) -> None:
    rows = [["Satu", 1234, 45.5, 0.455, 16800, dt.datetime(2025, 12, 9)],
            ["Dua", "20", "1.234,5", "100%", "Rp16.800,50", "31/01/2025"]]  # the second row typed as text
    data = workbook(rows, {"D4": "0.0%", "E4": '"Rp"#,##0', "F4": "dd/mm/yyyy"})
    with_table(project, capsys, "iuran.xlsx", data)
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/iuran/iuran.csv") == CANONICAL


def test_an_excel_number_cell_with_a_fraction_in_a_count_column_points_to_desimal(project, capsys) -> None:
    with_table(project, capsys, "iuran.xlsx", workbook([["Satu", 1.234, 45.5, 0.455, 16800, dt.datetime(2025, 12, 9)]]))
    assert project.failing_rebuild(capsys) == (
        "data/iuran.xlsx:4: lembar 'Data', baris 4, kolom B 'jumlah': '1,234' bukan bilangan bulat; untuk angka berkoma "
        "ubah 'jenis' kolom 'jumlah' di iuran.yml menjadi 'desimal' (atau 'persen' untuk persentase)")


def test_a_date_with_a_time_in_an_excel_cell_is_refused_with_sheet_row_and_letter(project, capsys) -> None:
    with_table(project, capsys, "iuran.xlsx", workbook([["Satu", 1, 45.5, 0.455, 16800, dt.datetime(2025, 12, 9, 13, 30)]]))
    assert project.failing_rebuild(capsys) == (
        "data/iuran.xlsx:4: lembar 'Data', baris 4, kolom F 'tanggal': '2025-12-09 13:30:00' berisi jam; kolom tanggal hanya "
        "berisi tanggal. Di Excel format selnya sebagai tanggal tanpa jam")


def test_a_negative_count_is_refused_unless_the_column_allows_it(project, capsys) -> None:
    data = iuran_csv("Satu;-5;45,5;45,5%;Rp16.800;09/12/2025")
    with_table(project, capsys, "iuran.csv", data)
    assert project.failing_rebuild(capsys) == (
        "data/iuran.csv:2: baris 2, kolom B 'jumlah': '-5' negatif; kolom ini hanya menerima angka nol atau lebih. Jika angka "
        "negatif memang benar (misalnya selisih), tulis 'negatif: boleh' pada kolom 'jumlah' di iuran.yml")
    project.write({"data/iuran.yml": yml("iuran.csv", columns=COLUMNS.replace("jenis: bilangan}", "jenis: bilangan, negatif: boleh}"))})
    assert project.build(capsys=capsys)[0] == 0
    assert project.page("data/iuran/iuran.csv").splitlines()[1] == '"Satu",-5,45.5,45.5,16800,"2025-12-09"'


def test_a_dot_decimal_needs_format_angka_inggris(project, capsys) -> None:
    with_table(project, capsys, "iuran.csv", iuran_csv("Satu;1;45.5;45,5%;Rp16.800;09/12/2025"))
    assert project.failing_rebuild(capsys) == (
        "data/iuran.csv:2: baris 2, kolom C 'rasio': '45.5' memakai titik sebagai tanda desimal; tulis dengan koma (contoh: 45,5), "
        "atau tulis 'format_angka: inggris' di iuran.yml jika seluruh berkas memakai titik desimal")
    english = "Desa,Jumlah,Rasio,Capaian,Iuran,Tanggal\nSatu,\"1,234\",45.5,45.5%,\"Rp16,800\",2025-12-09\n"
    project.write({"data/iuran.yml": yml("iuran.csv", "format_angka: inggris\n"), "data/iuran.csv": english})
    assert project.build(capsys=capsys)[0] == 0
    assert project.page("data/iuran/iuran.csv").splitlines()[1] == '"Satu",1234,45.5,45.5,16800,"2025-12-09"'


def test_every_bad_cell_of_a_row_is_reported_at_once(project, capsys) -> None:
    with_table(project, capsys, "iuran.csv", iuran_csv("Satu;45,5;empat;50 persen;Rp 16.800 per bulan;31/02/2025"))
    project.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
    assert build_errors(project, capsys)[:5] == [
        "data/iuran.csv:2: baris 2, kolom B 'jumlah': '45,5' bukan bilangan bulat; untuk angka berkoma ubah 'jenis' kolom 'jumlah' "
        "di iuran.yml menjadi 'desimal' (atau 'persen' untuk persentase)",
        "data/iuran.csv:2: baris 2, kolom C 'rasio': 'empat' bukan angka; tulis misalnya 45,5 atau 1.234,5",
        "data/iuran.csv:2: baris 2, kolom D 'capaian': '50 persen' bukan persentase; tulis misalnya 45,5% atau 45,5",
        "data/iuran.csv:2: baris 2, kolom E 'iuran': 'Rp 16.800 per bulan' bukan nilai rupiah; tulis misalnya Rp16.800, Rp 16.800,00 atau 16800",
        "data/iuran.csv:2: baris 2, kolom F 'tanggal': '31/02/2025' tidak ada di kalender; urutan tanggal adalah hari/bulan/tahun "
        "(tulis misalnya 2025-12-09, 09/12/2025 atau 9 Desember 2025)",
    ]
    assert not (project.path / "site/baru").exists()


def test_only_a_count_column_is_summed_audited_and_charted(project, capsys) -> None:
    project.write({"data/iuran.yml": yml("iuran.csv", columns=columns(desa="teks", iuran="rupiah", jumlah="bilangan")),
                   "data/iuran.csv": "desa;iuran;jumlah\nSatu;Rp16.800;10\nDua;Rp16.800;20\n"})
    dataset, problems = read_dataset(project.path, project.path / "data/iuran.yml")
    assert problems == [] and dataset is not None
    assert dataset.count_column is not None and dataset.count_column.name == "jumlah"
    assert [c.name for c in dataset.numeric_columns] == ["jumlah"]
    assert dataset.column_total("jumlah") == 30


def test_a_sum_row_is_found_by_its_counts_only(project, capsys) -> None:
    """A row whose unit price equals the prices above summed is data: only counts make a sum row."""
    project.write({"data/iuran.yml": yml("iuran.csv", columns=columns(desa="teks", iuran="rupiah")),
                   "data/iuran.csv": "desa;iuran\nSatu;Rp1.000\nDua;Rp2.000\nTiga;Rp3.000\n"})
    dataset, problems = read_dataset(project.path, project.path / "data/iuran.yml")
    assert problems == [] and dataset is not None
    assert dataset.rows == (("Satu", 1000), ("Dua", 2000), ("Tiga", 3000)) and dataset.count_column is None


HOSTILE = [
    ("bilangan", "1,5", "'1,5' bukan bilangan bulat; untuk angka berkoma ubah 'jenis' kolom 'x' di t.yml menjadi 'desimal' (atau 'persen' untuk persentase)"),
    ("bilangan", "12%", "'12%' memakai tanda persen; ubah 'jenis' kolom ini di t.yml menjadi 'persen'"),
    ("bilangan", "1.23.4", "'1.23.4' bukan bilangan bulat; tulis angka saja, misalnya 2428"),
    ("bilangan", "−3", "'−3' negatif; kolom ini hanya menerima angka nol atau lebih. Jika angka negatif memang benar (misalnya selisih), tulis 'negatif: boleh' pada kolom 'x' di t.yml"),
    ("bilangan", "1" * 20, "angka 11111111111111111111 terlalu besar (paling banyak 15 digit)"),
    ("bilangan", "", "kosong bukan bilangan bulat; tulis angka saja, misalnya 2428"),
    ("desimal", "NaN", "'NaN' bukan angka; tulis misalnya 45,5 atau 1.234,5"),
    ("desimal", "1e5", "'1e5' bukan angka; tulis misalnya 45,5 atau 1.234,5"),
    ("desimal", "=1+1", "'=1+1' bukan angka; tulis misalnya 45,5 atau 1.234,5"),
    ("desimal", "0," + "1" * 20, "'0,11111111111111111111' punya terlalu banyak angka (paling banyak 15 angka, termasuk di belakang koma)"),
    ("desimal", "45,5%", "'45,5%' memakai tanda persen; ubah 'jenis' kolom ini di t.yml menjadi 'persen'"),
    ("persen", "%", "'%' bukan persentase; tulis misalnya 45,5% atau 45,5"),
    ("persen", "-2,5%", "'-2,5%' negatif; kolom ini hanya menerima angka nol atau lebih. Jika angka negatif memang benar (misalnya selisih), tulis 'negatif: boleh' pada kolom 'x' di t.yml"),
    ("rupiah", "Rp16.800,505", "'Rp16.800,505' punya lebih dari dua angka di belakang koma; rupiah paling banyak sampai sen (contoh: Rp16.800,50)"),
    ("rupiah", "USD 5", "'USD 5' bukan nilai rupiah; tulis misalnya Rp16.800, Rp 16.800,00 atau 16800"),
    ("tanggal", "12/31/2025", "'12/31/2025' tidak ada di kalender; urutan tanggal adalah hari/bulan/tahun (tulis misalnya 2025-12-09, 09/12/2025 atau 9 Desember 2025)"),
    ("tanggal", "09/12/25", "'09/12/25' memakai tahun dua angka; tulis tahunnya lengkap, misalnya 09/12/2025"),
    ("tanggal", "9 Desembre 2025", "'9 Desembre 2025' bukan tanggal; tulis misalnya 2025-12-09, 09/12/2025 atau 9 Desember 2025"),
    ("tanggal", "0001-01-01", "'0001-01-01': tahun harus antara 1900 dan 2100"),
    ("tanggal", "46000", "'46000' bukan tanggal; tulis misalnya 2025-12-09, 09/12/2025 atau 9 Desember 2025"),
    ("tanggal", "", "kosong bukan tanggal; tulis misalnya 2025-12-09, 09/12/2025 atau 9 Desember 2025"),
]


@pytest.mark.parametrize(("kind", "text", "message"), HOSTILE)
def test_a_bad_cell_gets_a_message_with_its_fix(kind: str, text: str, message: str) -> None:
    assert check_cell(Column("x", "X", kind), text, yml="t.yml") == (0 if kind != "tanggal" else text, message)


@pytest.mark.parametrize(("kind", "text", "value"), [
    ("bilangan", "1.234", 1234), ("bilangan", "1.234,00", 1234), ("desimal", "1.234,5", 1234.5), ("desimal", "0,1", 0.1),
    ("persen", "45,5 %", 45.5), ("persen", "45,5\u00a0%", 45.5), ("rupiah", "Rp16.800,-", 16800), ("rupiah", "rp. 16.800", 16800),
    ("rupiah", "IDR 16.800", 16800), ("tanggal", "9 Des 2025", "2025-12-09"), ("tanggal", "9 des. 2025", "2025-12-09"),
    ("tanggal", "9-12-2025", "2025-12-09"), ("tanggal", "9 Agustus 2025", "2025-08-09"), ("tanggal", "2025-12-09 00:00:00", "2025-12-09"),
])
def test_what_offices_write_is_read(kind: str, text: str, value: object) -> None:
    assert check_cell(Column("x", "X", kind), text) == (value, "")


def test_excel_percent_cells_hold_a_fraction() -> None:
    assert check_cell(Column("x", "X", "persen"), "0.455", stored="persen") == (45.5, "")
    assert check_cell(Column("x", "X", "persen"), "45.5", stored="angka") == (45.5, "")
    assert check_cell(Column("x", "X", "desimal"), "1.234", stored="angka") == (1.234, "")


@given(st.decimals(min_value=Decimal("-999999999999"), max_value=Decimal("999999999999"), places=2))
def test_what_babel_writes_in_indonesian_is_read_back(value: Decimal) -> None:
    assert check_cell(Column("x", "X", "desimal", negative=True), fmt.decimal(value)) == (float(value) if value % 1 else int(value), "")
    assert check_cell(Column("x", "X", "persen", negative=True), fmt.cell(float(value), "persen"))[1] == ""


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_as_a_page_shows_it_or_as_excel_writes_it_is_read_back(value: dt.date) -> None:
    for text in (fmt.date(value), value.strftime("%d/%m/%Y"), value.isoformat()):
        assert check_cell(Column("x", "X", "tanggal"), text) == (value.isoformat(), "")
