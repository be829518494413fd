"""Table files (CSV with ',' or ';', UTF-8 with or without BOM, or XLSX) checked cell by cell.

Rows are numbered as a spreadsheet shows them (the header is row 1) and columns are named
with their letter as well as their header, so an editor can find a bad cell in Excel.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

from .errors import Problem
from .model import Column
from .schema import suggest
from .wilayah import code_problem, region_name

INT_RE = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)$")
PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
EXCEL_MONTH_RE = re.compile(r"^(\d{4}-\d{2})-01 00:00:00$")  # Excel turns a typed 2025-01 into a date
NAME_SUFFIX = "_nama"


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', as spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def separator(header: str) -> str:
    """';' for Indonesian Excel exports, ',' otherwise, decided by the header line."""
    return ";" if header.count(";") > header.count(",") else ","


def read_frame(path: Path) -> Any:
    """A CSV or XLSX file as text cells; blank CSV lines are kept so row numbers stay true."""
    import pandas as pd  # heavy: imported only when there is a table to read

    if path.suffix.lower() == ".xlsx":
        return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    text = path.read_bytes().decode("utf-8-sig")
    sep = separator(text.split("\n", 1)[0])
    return pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True, skip_blank_lines=False)


def output_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The declared columns plus, after each region code column, the region's official name."""
    result: list[Column] = []
    for column in columns:
        result.append(column)
        if column.kind == "wilayah":
            result.append(Column(column.name + NAME_SUFFIX, "Nama wilayah", "teks"))
    return tuple(result)


def read_table(root: Path, path: Path, columns: tuple[Column, ...], yml: str) -> tuple[tuple[tuple[Any, ...], ...], list[Problem]]:
    """Read a table and check every cell against its declared column."""
    name = path.relative_to(root).as_posix()
    if path.suffix.lower() not in (".csv", ".xlsx"):
        return (), [Problem(name, 0, "tabel harus berupa .csv atau .xlsx")]
    try:
        frame = read_frame(path)
    except UnicodeDecodeError:
        return (), [Problem(name, 0, "berkas CSV bukan teks UTF-8; di Excel pilih 'Simpan sebagai' > 'CSV UTF-8'")]
    except Exception as exc:  # pandas raises many kinds for broken files
        return (), [Problem(name, 0, f"tabel tidak dapat dibaca ({type(exc).__name__}); periksa bahwa berkas ini CSV atau XLSX yang utuh")]
    header = [str(c).strip() for c in frame.columns]
    declared = [c.name for c in columns]
    problems = [
        Problem(name, 1, f"kolom '{c}' tidak ada di baris judul" + suggest(c, header, "kolom yang ada"))
        for c in declared if c not in header
    ] + [
        Problem(name, 1, f"kolom {column_letter(i)} '{c}' tidak dideklarasikan di {yml}" + suggest(c, declared, "kolom yang dideklarasikan"))
        for i, c in enumerate(header) if c not in declared
    ]
    if problems:
        return (), problems
    frame.columns = header
    letters = {c: column_letter(header.index(c)) for c in declared}
    rows = []
    for number, record in enumerate(frame[declared].itertuples(index=False), start=2):
        texts = [str(cell).strip() for cell in record]
        if not any(texts):
            continue  # an empty spreadsheet row
        row: list[Any] = []
        for column, text in zip(columns, texts, strict=True):
            value, message = check_cell(column, text)
            if message:
                problems.append(Problem(name, number, f"baris {number}, kolom {letters[column.name]} '{column.name}': {message}"))
            row.append(value)
            if column.kind == "wilayah":
                row.append(region_name(value) or "")
        rows.append(tuple(row))
    return tuple(rows), problems


def check_cell(column: Column, text: str) -> tuple[Any, str]:
    """A cell's value for its column kind, and an Indonesian message with the fix, or ''."""
    shown = f"'{text}'" if text else "kosong"
    if column.kind == "bilangan":
        if not INT_RE.match(text):
            return 0, f"{shown} bukan bilangan bulat; tulis angka saja, misalnya 2428"
        return int(text.replace(".", "")), ""
    if column.kind == "wilayah":
        return text, code_problem(text)
    if column.kind == "periode":
        text = EXCEL_MONTH_RE.sub(r"\1", text)
        if not PERIOD_RE.match(text):
            return text, f"{shown} bukan periode; tulis tahun dan bulan, misalnya 2025-12"
        return text, ""
    return text, "" if text else "kosong; isi dengan teks"
