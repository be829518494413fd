"""Spreadsheets as Indonesian offices make them: title rows, merged cells, several sheets, total rows,
formulas, hidden rows, and CSVs as Excel writes them with Indonesian settings. Every error names the
file, the sheet, the spreadsheet row and the column letter, and a failing rebuild keeps the old site."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import Project
from helpers import excel_csv

from terang.data.datasets import read_dataset

YML = """\
judul: Peserta per desa
deskripsi: Nelayan per desa.
tanggal: 2024-01-01
sumber: [Dinas Contoh]
berkas: per-desa.xlsx
kolom:
  - {nama: desa, label: Desa, jenis: teks}
  - {nama: jumlah, label: Jumlah peserta, jenis: bilangan}
"""
HEADER = ["Desa", "Jumlah peserta"]
DATA = [["Satu", 10], ["Dua", 20]]


def workbook(*sheets: tuple[str, list[list[object]]], merged: tuple[str, ...] = (), hidden_rows: tuple[int, ...] = ()) -> bytes:
    """An .xlsx with the given sheets; merged ranges and hidden rows apply to the last sheet."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    for row in hidden_rows:
        sheet.row_dimensions[row].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def office_sheet(*rows: list[object]) -> list[list[object]]:
    """Two title rows (merged across the table by `workbook(merged=TITLES)`), a blank row, the header in row 4."""
    return [["PEMERINTAH KABUPATEN CONTOH", None], ["Data peserta per desa, 2025", None], [], HEADER, *rows]


TITLES = ("A1:B1", "A2:B2")


def built(project: Project, capsys, yml: str = YML, **files: bytes | str) -> Project:
    """A project whose first build succeeds, then given the files of a test."""
    assert project.build(capsys=capsys)[0] == 0
    project.remove("data/per-desa.csv")
    project.write({"data/per-desa.yml": yml, **{name.replace("__", "."): data for name, data in files.items()}})
    return project


def test_title_rows_merged_cells_and_a_blank_row_above_the_header_are_skipped(project, capsys) -> None:
    built(project, capsys, **{"data/per-desa__xlsx": workbook(("Data", office_sheet(*DATA)), merged=TITLES)})
    code, out, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",20\n'
    assert "Catatan: tabel data/per-desa.xlsx dibaca dari baris judul kolom 4; periksa bahwa itu tabel yang dimaksud.\n" in out


def test_errors_below_a_header_in_row_4_use_the_real_spreadsheet_rows(project, capsys) -> None:
    built(project, capsys, **{"data/per-desa__xlsx": workbook(("Data", office_sheet(["Satu", 10], ["Dua", "dua puluh"])), merged=TITLES)})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx:6: lembar 'Data', baris 6, kolom B 'jumlah': 'dua puluh' bukan bilangan bulat; tulis angka saja, misalnya 2428")


def test_a_merged_label_is_read_as_its_top_left_value_on_every_row(project, capsys) -> None:
    rows = [["Satu", 10], [None, 20]]
    built(project, capsys, **{"data/per-desa__xlsx": workbook(("Data", office_sheet(*rows)), merged=(*TITLES, "A5:A6"))})
    assert project.build(capsys=capsys)[0] == 0
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Satu",20\n'


def test_an_instructions_sheet_before_the_data_sheet_is_passed_over(project, capsys) -> None:
    guide = ("Petunjuk", [["Isi lembar Data saja."], ["Kolom: Desa, Jumlah peserta"]])
    built(project, capsys, **{"data/per-desa__xlsx": workbook(guide, ("Data", office_sheet(*DATA)), merged=TITLES)})
    code, out, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert ("Catatan: tabel data/per-desa.xlsx dibaca dari lembar 'Data', baris judul kolom 4; "
            "periksa bahwa itu tabel yang dimaksud.\n") in out
    assert json.loads(project.page("data/per-desa/per-desa.json"))["baris"][1] == {"desa": "Dua", "jumlah": 20}


def test_no_sheet_with_the_columns_lists_what_every_sheet_holds(project, capsys) -> None:
    sheets = (("Petunjuk", [["Isi lembar Data saja."]]), ("Data", [["Desa", "Peserta"], *DATA]))
    built(project, capsys, **{"data/per-desa__xlsx": workbook(*sheets)})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx: tidak ada lembar dengan baris judul berisi kolom desa, jumlah "
        "(lembar 'Petunjuk': tidak ada baris judul kolom yang cocok; lembar 'Data': tidak ada baris judul kolom yang cocok); "
        "periksa judul kolomnya, atau tulis 'lembar: NAMA' dan 'baris_judul: N' di per-desa.yml")


def test_two_sheets_with_the_columns_need_lembar(project, capsys) -> None:
    sheets = (("2024", [HEADER, *DATA]), ("2025", office_sheet(*DATA)))
    built(project, capsys, **{"data/per-desa__xlsx": workbook(*sheets)})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx: kolom desa, jumlah ada di lebih dari satu lembar (lembar '2024': cocok di baris 1; "
        "lembar '2025': cocok di baris 4); tulis 'lembar: NAMA' di per-desa.yml untuk memilih lembar yang diterbitkan")
    project.write({"data/per-desa.yml": YML + "lembar: '2025'\n"})
    assert project.build(capsys=capsys)[0] == 0


def test_lembar_naming_a_missing_sheet_lists_the_sheets(project, capsys) -> None:
    built(project, capsys, YML + "lembar: Data\n", **{"data/per-desa__xlsx": workbook(("Sheet1", [HEADER, *DATA]))})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx: lembar 'Data' (dari 'lembar' di per-desa.yml) tidak ada di berkas ini; yang ada: 'Sheet1'")


def test_baris_judul_picks_a_header_that_cannot_be_found(project, capsys) -> None:
    rows = [["Tabel 1"], ["desa", "jumlah"], ["Desa", "Jumlah peserta"], *DATA]  # row 2 holds the names, row 3 the labels
    built(project, capsys, YML + "baris_judul: 3\n", **{"data/per-desa__xlsx": workbook(("Data", rows))})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",20\n'


def test_a_labelled_total_row_is_an_error_naming_sheet_row_and_column(project, capsys) -> None:
    built(project, capsys, **{"data/per-desa__xlsx": workbook(("Data", office_sheet(*DATA, ["JUMLAH", 30])), merged=TITLES)})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx:7: lembar 'Data', baris 7, kolom A 'desa': 'JUMLAH' menandai baris jumlah; baris jumlah bukan data "
        "dan akan terhitung dua kali. Perbaiki: hapus baris ini dari berkas tabel, atau tulis 'baris_jumlah: periksa' di per-desa.yml "
        "agar baris ini tidak diterbitkan sebagai data dan angkanya dicocokkan dengan jumlah yang dihitung")


def test_an_unlabelled_sum_row_is_an_error_too(project, capsys) -> None:
    built(project, capsys, **{"data/per-desa__xlsx": workbook(("Data", [HEADER, *DATA, [None, 30]]))})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx:4: lembar 'Data', baris 4, kolom B 'jumlah': angka di baris ini sama dengan jumlah baris-baris di atasnya (30); "
        "baris jumlah bukan data dan akan terhitung dua kali. Perbaiki: hapus baris ini dari berkas tabel, atau tulis 'baris_jumlah: periksa' "
        "di per-desa.yml agar baris ini tidak diterbitkan sebagai data dan angkanya dicocokkan dengan jumlah yang dihitung; "
        "jika baris ini memang data, tulis 'baris_jumlah: tidak-ada'")


def test_a_data_row_that_happens_to_equal_the_sum_is_kept_with_tidak_ada(project, capsys) -> None:
    built(project, capsys, YML + "baris_jumlah: tidak-ada\n", **{"data/per-desa__xlsx": workbook(("Data", [HEADER, *DATA, ["Tiga", 30]]))})
    assert project.build(capsys=capsys)[0] == 0
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",20\n"Tiga",30\n'


def test_a_checked_total_row_is_dropped_and_a_mismatch_is_published_as_a_data_note(project, capsys) -> None:
    built(project, capsys, YML + "baris_jumlah: periksa\n", **{"data/per-desa__xlsx": workbook(("Data", office_sheet(*DATA, ["Jumlah", 5616])), merged=TITLES)})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",20\n'
    page = project.page("data/per-desa/index.html")
    assert "Jumlah (dihitung dari tabel)</th><td class=\"rata-kanan\">30</td>" in page
    assert ("Angka yang diumumkan adalah <strong>5.616</strong> (baris &#39;Jumlah&#39; di berkas data/per-desa.xlsx, baris 7, kolom B &#39;Jumlah peserta&#39;), "
            "tetapi jika rincian dalam tabel") in page
    assert "dijumlahkan hasilnya <strong>30</strong>" in page
    assert project.build("--strict", capsys=capsys)[2].splitlines()[0] == (
        "data/per-desa.xlsx:7: angka 'per-desa-baris-7-jumlah' (5616) tidak sama dengan jumlah tabel 'per-desa' (30); selisih -5586 (--strict)")


def test_a_checked_total_row_that_matches_leaves_no_note(project, capsys) -> None:
    built(project, capsys, YML + "baris_jumlah: periksa\n", **{"data/per-desa__xlsx": workbook(("Data", [HEADER, *DATA, ["TOTAL", 30]]))})
    assert project.build(capsys=capsys)[0] == 0
    assert "Catatan data" not in project.page("data/per-desa/index.html")
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",20\n'


def test_a_formula_cell_is_refused_naming_sheet_and_cell(project, capsys) -> None:
    built(project, capsys, YML + "baris_jumlah: periksa\n", **{"data/per-desa__xlsx": workbook(("Data", [HEADER, *DATA, ["Tiga", "=B2+B3"]]))})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx:4: sel Data!B4 berisi rumus; Terang tidak menjalankan rumus. "
        "Di Excel salin, lalu tempel sebagai nilai (Paste Special > Values), lalu simpan lagi")


def test_a_hidden_data_row_is_an_error(project, capsys) -> None:
    built(project, capsys, **{"data/per-desa__xlsx": workbook(("Data", [HEADER, *DATA, ["Tiga", 3]]), hidden_rows=(3,))})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx:3: lembar 'Data', baris 3 disembunyikan di Excel tetapi berisi data yang akan diterbitkan; "
        "tampilkan barisnya (klik kanan > Unhide) lalu periksa isinya, atau hapus baris itu")


def test_a_hidden_column_is_an_error(project, capsys) -> None:
    book = Workbook()
    for row in [HEADER, *DATA]:
        book.active.append(row)
    book.active.column_dimensions["B"].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    built(project, capsys, **{"data/per-desa__xlsx": buffer.getvalue()})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx:1: lembar 'Sheet', kolom B disembunyikan di Excel tetapi berisi bagian tabel; "
        "tampilkan kolomnya (klik kanan > Unhide) lalu periksa isinya, atau hapus kolom itu")


def test_an_excel_csv_with_title_rows_and_a_total_row(project, capsys) -> None:
    data = excel_csv("Data peserta per desa;", ";", "Desa;Jumlah peserta", "Satu;10", "Dua;20", "Jumlah;30")
    built(project, capsys, YML.replace(".xlsx", ".csv"), **{"data/per-desa__csv": data})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.csv:6: baris 6, kolom A 'desa': 'Jumlah' menandai baris jumlah; baris jumlah bukan data dan akan terhitung dua kali. "
        "Perbaiki: hapus baris ini dari berkas tabel, atau tulis 'baris_jumlah: periksa' di per-desa.yml agar baris ini tidak diterbitkan "
        "sebagai data dan angkanya dicocokkan dengan jumlah yang dihitung")
    project.write({"data/per-desa.yml": YML.replace(".xlsx", ".csv") + "baris_jumlah: periksa\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",20\n'
    assert "Catatan data" not in project.page("data/per-desa/index.html")


def test_an_excel_csv_header_error_names_the_real_row(project, capsys) -> None:
    built(project, capsys, YML.replace(".xlsx", ".csv"), **{"data/per-desa__csv": excel_csv("Judul;", ";", "Desa;Jumlh", "Satu;10")})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.csv:3: kolom 'jumlah' tidak ada di baris judul (baris 3); apakah maksud Anda 'Jumlh'?")


# The property: a total row appended to any valid table never changes a published figure.

NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12).map(str.strip).filter(
    lambda s: s and s not in ("jumlah", "total", "jml", "grand total", "jumlah total", "total keseluruhan"))
TABLES = st.lists(st.tuples(NAMES, st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=8)
LABELS = st.sampled_from(["Jumlah", "TOTAL", " jml ", "Grand Total", "Jumlah Total", "total keseluruhan", None])
THREE = YML.replace("per-desa.xlsx", "t.csv").replace("jenis: bilangan}\n", "jenis: bilangan}\n  - {nama: sasaran, label: Sasaran, jenis: bilangan}\n")


def read(folder: Path, rows: list[tuple], yml: str) -> tuple:
    """The dataset of a table written as an Excel CSV, and the problems."""
    lines = ["desa;jumlah;sasaran", *(";".join("" if v is None else str(v) for v in row) for row in rows)]
    (folder / "data/t.csv").write_bytes(excel_csv(*lines))
    (folder / "data/t.yml").write_text(yml, encoding="utf-8")
    return read_dataset(folder, folder / "data/t.yml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=TABLES, label=LABELS, shift=st.integers(-3, 3))
def test_appending_a_total_row_never_changes_a_published_figure(tmp_path, table, label, shift) -> None:
    folder = tmp_path / "p"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    plain, problems = read(folder, table, THREE + "baris_jumlah: tidak-ada\n")
    assert problems == [] and plain is not None
    sums = [sum(r[1] for r in table), sum(r[2] for r in table)]
    if label is None and (len(table) < 2 or not any(sums)):
        return  # an unlabelled row is a total only below two rows, and only when it is not all zeros
    if label and sums[0] + shift < 0:
        return  # a negative count is refused by its own rule (negatif: boleh), total row or not
    total = (label, sums[0] + shift, sums[1]) if label else ("", *sums)
    checked, problems = read(folder, [*table, total], THREE + "baris_jumlah: periksa\n")
    assert problems == [] and checked is not None
    assert checked.rows == plain.rows
    assert [checked.column_total(c) for c in ("jumlah", "sasaran")] == sums
    refused, problems = read(folder, [*table, total], THREE)
    assert refused is None and len(problems) == 1 and "baris jumlah bukan data" in problems[0].message
    assert problems[0].line == len(table) + 2


def test_a_wrong_subtotal_inside_the_table_is_an_error_naming_the_cell(project, capsys) -> None:
    rows = [HEADER, *DATA, ["Jumlah", 31], ["Tiga", 5]]
    built(project, capsys, YML + "baris_jumlah: periksa\n", **{"data/per-desa__xlsx": workbook(("Data", rows))})
    assert project.failing_rebuild(capsys) == (
        "data/per-desa.xlsx:4: lembar 'Data', baris 4, kolom B 'jumlah': baris jumlah menulis 31, "
        "tetapi baris-baris di atasnya berjumlah 30; perbaiki angkanya di berkas tabel")


def test_a_right_subtotal_inside_the_table_is_dropped_without_a_note(project, capsys) -> None:
    rows = [HEADER, ["Satu", 10], ["Dua", 15], ["Jumlah", 25], ["Tiga", 5], ["Grand total", 30]]
    built(project, capsys, YML + "baris_jumlah: periksa\n", **{"data/per-desa__xlsx": workbook(("Data", rows))})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",15\n"Tiga",5\n'
    assert "Catatan data" not in project.page("data/per-desa/index.html")


def test_baris_judul_past_the_end_and_lembar_on_a_csv_are_errors(project, capsys) -> None:
    csv_yml = YML.replace(".xlsx", ".csv")
    built(project, capsys, csv_yml + "baris_judul: 9\n", **{"data/per-desa__csv": excel_csv("Desa;Jumlah peserta", "Satu;10")})
    assert project.failing_rebuild(capsys) == "data/per-desa.csv: baris_judul 9 di per-desa.yml melewati akhir tabel (baris terakhir 2)"
    project.write({"data/per-desa.yml": csv_yml + "lembar: Data\n"})
    assert project.build(capsys=capsys)[2].splitlines()[0] == "data/per-desa.csv: 'lembar' di per-desa.yml hanya untuk berkas .xlsx; hapus kunci itu"


CELLS = st.sampled_from(["", " ", "Jumlah", "TOTAL", "desa", "Jumlah peserta", "jumlah", "Desa", "10", "1.000", "-5",
                         "=1+1", "x;y", '"', "\u202e", "0", "99999999999999999999"])


@settings(max_examples=150, deadline=None)
@given(grid=st.lists(st.lists(CELLS, max_size=5), max_size=8), mode=st.sampled_from(["", "periksa", "tidak-ada"]))
def test_any_csv_grid_gives_a_table_or_messages_never_a_traceback(grid, mode) -> None:
    import csv
    import tempfile

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "data").mkdir()
        text = io.StringIO()
        csv.writer(text, delimiter=";").writerows(grid)
        (folder / "data/t.csv").write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode())
        (folder / "data/t.yml").write_text(YML.replace("per-desa.xlsx", "t.csv") + (f"baris_jumlah: {mode}\n" if mode else ""), encoding="utf-8")
        dataset, problems = read_dataset(folder, folder / "data/t.yml")
        assert (dataset is None) == bool(problems)
        assert all(p.path in ("data/t.csv", "data/t.yml") and p.message for p in problems)


def test_a_table_in_the_first_row_of_its_only_sheet_gets_no_note(project, capsys) -> None:
    code, out, _ = project.build(capsys=capsys)
    assert code == 0 and "dibaca dari" not in out
