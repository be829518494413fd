"""CSV downloads open safely in Excel: no part of a cell can become a formula, in either list separator.

Excel set to Indonesian splits cells at ';' rather than ','. A text cell is quoted, so it stays one
cell there too; a cell or a column name that starts as a formula is refused when the table is read.
"""

from __future__ import annotations

import csv
import io

import pytest

from conftest import Project
from helpers import build_errors, columns

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLE_YML = ("judul: Peserta per desa\ndeskripsi: Nelayan per desa.\ntanggal: 2024-01-01\nsumber: [Dinas Contoh]\n"
             "berkas: per-desa.csv\n")


def cells(text: str, separator: str) -> list[list[str]]:
    """The cells a spreadsheet sees when it splits the CSV at `separator`."""
    return list(csv.reader(io.StringIO(text), delimiter=separator))


def test_text_cells_are_quoted_so_no_cell_starts_a_formula_in_indonesian_excel(project: Project, capsys) -> None:
    project.write({"data/per-desa.csv": 'desa,jumlah\n"Satu;=1+1",10\n"Dua, ""kidul""",20\n'})
    assert project.build(capsys=capsys)[0] == 0
    text = (project.path / "site/data/per-desa/per-desa.csv").read_text(encoding="utf-8")
    assert text == '"desa","jumlah"\n"Satu;=1+1",10\n"Dua, ""kidul""",20\n'
    for separator in (",", ";"):
        assert [cell for row in cells(text, separator) for cell in row if cell.startswith(FORMULA_START)] == []
    assert cells(text, ",")[1:] == [["Satu;=1+1", "10"], ['Dua, "kidul"', "20"]]  # and the values are as written


def test_without_quotes_the_same_cell_would_run_as_a_formula() -> None:
    """What the quoting prevents: the unquoted cell, split at ';' as Indonesian Excel does, starts a formula."""
    assert cells("desa,jumlah\nSatu;=1+1,10\n", ";")[1] == ["Satu", "=1+1,10"]


@pytest.mark.parametrize("name, shown", [("=HYPERLINK", "="), ("+jumlah", "+"), ("-jumlah", "-"), ("@jumlah", "@")])
def test_a_column_name_that_starts_as_a_formula_is_refused(project: Project, capsys, name: str, shown: str) -> None:
    written = name
    project.write({
        "data/per-desa.yml": TABLE_YML + "kolom:\n  - {nama: desa, label: Desa, jenis: teks}\n"
                             f'  - {{nama: "{name}", label: Jumlah, jenis: bilangan}}\n',
        "data/per-desa.csv": f'desa,"{written}"\nSatu,10\nDua,20\n',
    })
    assert build_errors(project, capsys) == [
        f"data/per-desa.yml:8: nama kolom '{written}' diawali '{shown}' sehingga judul kolom di CSV dibaca sebagai rumus "
        "oleh Excel atau LibreOffice; ganti namanya, misalnya dengan huruf kecil dan garis bawah"]


def test_a_cell_that_starts_as_a_formula_is_still_refused(project: Project, capsys) -> None:
    project.write({"data/per-desa.yml": TABLE_YML + columns(desa="teks", jumlah="bilangan"),
                   "data/per-desa.csv": "desa,jumlah\n=cmd|' /C calc'!A0,10\nDua,20\n"})
    errors = build_errors(project, capsys)
    assert len(errors) == 1 and errors[0].startswith("data/per-desa.csv:2: ")
    assert "diawali '=' sehingga dibaca sebagai rumus oleh Excel atau LibreOffice" in errors[0]


def test_a_column_name_led_by_a_tab_or_line_break_is_published_without_it(project: Project, capsys) -> None:
    """YAML text is trimmed when it is read, so such a name never reaches the CSV header as written."""
    project.write({
        "data/per-desa.yml": TABLE_YML + "kolom:\n  - {nama: desa, label: Desa, jenis: teks}\n"
                             '  - {nama: "\\tjumlah", label: Jumlah, jenis: bilangan}\n',
        "data/per-desa.csv": "desa,jumlah\nSatu,10\nDua,20\n",
    })
    assert project.build(capsys=capsys)[0] == 0
    header = (project.path / "site/data/per-desa/per-desa.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == '"desa","jumlah"'
