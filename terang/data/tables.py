"""Table files (CSV with ',' or ';', UTF-8 with or without BOM, or XLSX) checked cell by cell.

Spreadsheets come as offices make them: title rows, merged cells and blank rows above the
header, an instructions sheet before the data sheet, a total row at the bottom. The header is
the first row whose cells are the declared columns (by name or label), on the only sheet that
has one; `lembar` and `baris_judul` in the yml choose them when that is not enough. Rows are
numbered as the spreadsheet shows them and columns are named with their letter as well as
their header, so an editor can find a bad cell in Excel. A total row is never data.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from terang import fmt
from terang.data.column_types import date_value, number_value
from terang.data.grids import Grid, column_letter, separator, xlsx_grids
from terang.data.regions import code_problem, region_name
from terang.data.workbook import table_file_problem
from terang.errors import Problem
from terang.inputs.cells import formula_problem
from terang.inputs.schema import suggest
from terang.model import Column, NUMBERS

PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
EXCEL_MONTH_RE = re.compile(r"^(\d{4}-\d{2})-01 00:00:00$")  # Excel turns a typed 2025-01 into a date
NAME_SUFFIX = "_nama"
TOTAL_LABELS = frozenset({"jumlah", "total", "jml", "jml.", "grand total", "jumlah total", "total keseluruhan"})
CHECK_TOTALS, NO_TOTALS = "periksa", "tidak-ada"  # the values of `baris_jumlah`
PASTE_VALUES = "salin, lalu tempel sebagai nilai (Paste Special > Values)"


@dataclass(frozen=True)
class Layout:
    """Where the table is in its file, as the yml says (None: find it)."""

    sheet: str | None = None  # lembar
    header: int | None = None  # baris_judul
    totals: str = ""  # baris_jumlah: '', 'periksa' or 'tidak-ada'
    english: bool = False  # format_angka: inggris (1,234.5); Indonesian (1.234,5) otherwise


@dataclass(frozen=True)
class Place:
    """Where a cell is, as an editor finds it: "lembar 'Data', baris 7, kolom C 'jumlah'"."""

    sheet: str  # "lembar 'Data', " or ''
    row: int
    letters: dict[str, str]

    def __call__(self, column: Column) -> str:
        return f"{self.sheet}baris {self.row}, kolom {self.letters[column.name]} '{column.name}'"


@dataclass(frozen=True)
class TotalRow:
    """One cell of a total row kept out of the data (baris_jumlah: periksa) and the sum it was checked against."""

    row: int
    column: Column
    letter: str
    label: str  # the row's label as written ('JUMLAH'), or '' for an unlabelled sum row
    stated: int
    summed: int


def csv_grids(path: Path, columns: tuple[Column, ...]) -> list[Grid]:
    """A CSV read with the likelier separator, and with the other one too when no header is found that way."""
    text = path.read_bytes().decode("utf-8-sig")
    first = next((line for line in text.splitlines() if line.strip(" ;,\t")), "")
    guess = separator(first)
    grids = []
    for sep in (guess, "," if guess == ";" else ";"):
        grids.append(Grid("", tuple(tuple(row) for row in csv.reader(StringIO(text, newline=""), delimiter=sep, skipinitialspace=True))))
        if full_header(grids[0], columns):
            break
    return grids


def output_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The declared columns plus, after each region code column, the region's official name."""
    result: list[Column] = []
    for column in columns:
        result.append(column)
        if column.kind == "wilayah":
            result.append(Column(column.name + NAME_SUFFIX, "Nama wilayah", "teks"))
    return tuple(result)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def header_map(row: tuple[str, ...], columns: tuple[Column, ...]) -> dict[int, Column]:
    """Which cells of a row are which declared column, by name or label (any case and spacing)."""
    known = {}
    for column in columns:
        known.setdefault(_key(column.label), column)
        known[_key(column.name)] = column
    return {i: known[_key(cell)] for i, cell in enumerate(row) if _key(cell) in known}


def full_header(grid: Grid, columns: tuple[Column, ...], row: int | None = None) -> int:
    """The number of the first row (or of `row`) that holds every declared column, or 0."""
    numbers = [row] if row else range(1, len(grid.rows) + 1)
    for number in numbers:
        if number <= len(grid.rows) and {c.name for c in header_map(grid.rows[number - 1], columns).values()} == {c.name for c in columns}:
            return number
    return 0


def fallback_header(grid: Grid, columns: tuple[Column, ...]) -> int:
    """When no row holds every column: the row holding most of them, else the first row with anything in it."""
    scores = [len(header_map(row, columns)) for row in grid.rows]
    if scores and max(scores):
        return scores.index(max(scores)) + 1
    return next((i + 1 for i, row in enumerate(grid.rows) if any(c.strip() for c in row)), 0)


def sheet_ref(sheet: str, row: int, index: int) -> str:
    """'Data!C7', or "'Data 2025'!C7" when the sheet name needs quotes, as Excel writes a cell."""
    name = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(index)}{row}"


def choose(name: str, grids: list[Grid], columns: tuple[Column, ...], layout: Layout, yml: str) -> tuple[Grid | None, int, list[Problem]]:
    """The sheet and header row of the table, or an error listing what every sheet holds."""
    where = "lembar " + ", ".join(f"'{g.sheet}'" for g in grids)
    if layout.sheet is not None:
        grids = [g for g in grids if g.sheet == layout.sheet]
        if not grids:
            return None, 0, [Problem(name, 0, f"lembar '{layout.sheet}' (dari 'lembar' di {yml}) tidak ada di berkas ini; yang ada: {where.removeprefix('lembar ')}")]
    found = [(g, full_header(g, columns, layout.header)) for g in grids]
    matching = [(g, row) for g, row in found if row]
    if len(matching) == 1:
        return matching[0][0], matching[0][1], []
    if len(grids) == 1 or not grids[0].sheet:  # one sheet, or a CSV read with each separator
        grid = grids[0]
        if layout.header and layout.header > len(grid.rows):
            return None, 0, [Problem(name, 0, f"baris_judul {layout.header} di {yml} melewati akhir tabel (baris terakhir {len(grid.rows)})")]
        row = layout.header or fallback_header(grid, columns)
        return (grid, row, []) if row else (None, 0, [Problem(name, 0, "tabel kosong; isi baris judul kolom dan datanya")])
    wanted = ", ".join(c.name for c in columns)
    said = [f"lembar '{g.sheet}': " + (f"cocok di baris {row}" if row else "tidak ada baris judul kolom yang cocok") for g, row in found]
    if matching:
        return None, 0, [Problem(name, 0, f"kolom {wanted} ada di lebih dari satu lembar ({'; '.join(said)}); tulis 'lembar: NAMA' di {yml} untuk memilih lembar yang diterbitkan")]
    return None, 0, [Problem(name, 0, f"tidak ada lembar dengan baris judul berisi kolom {wanted} ({'; '.join(said)}); "
                                      f"periksa judul kolomnya, atau tulis 'lembar: NAMA' dan 'baris_judul: N' di {yml}")]


def read_table(root: Path, path: Path, columns: tuple[Column, ...], yml: str, layout: Layout = Layout()
               ) -> tuple[tuple[tuple[Any, ...], ...], list[Problem], tuple[TotalRow, ...], str]:
    """Read a table and check every cell against its declared column; total rows are kept out of the rows.

    The last value says where the table was found when that is not plain to see (another sheet than
    the only one, or a header below row 1): "lembar 'Data', baris judul kolom 4"; otherwise ''.
    """
    name = path.relative_to(root).as_posix()
    workbook = path.suffix.lower() == ".xlsx"
    if path.suffix.lower() not in (".csv", ".xlsx"):
        return (), [Problem(name, 0, "tabel harus berupa .csv atau .xlsx")], (), ""
    if too_large := table_file_problem(path):
        return (), [Problem(name, 0, too_large)], (), ""
    if layout.sheet is not None and not workbook:
        return (), [Problem(name, 0, f"'lembar' di {yml} hanya untuk berkas .xlsx; hapus kunci itu")], (), ""
    try:
        grids = xlsx_grids(path) if workbook else csv_grids(path, columns)
    except UnicodeDecodeError:
        return (), [Problem(name, 0, "berkas CSV bukan teks UTF-8; di Excel pilih 'Simpan sebagai' > 'CSV UTF-8'")], (), ""
    except Exception as exc:  # openpyxl and csv raise many kinds for broken files
        return (), [Problem(name, 0, f"tabel tidak dapat dibaca ({type(exc).__name__}); periksa bahwa berkas ini CSV atau XLSX yang utuh")], (), ""
    if not grids:
        return (), [Problem(name, 0, "berkas Excel ini tidak punya lembar kerja berisi sel")], (), ""
    grid, header, problems = choose(name, grids, columns, layout, yml)
    if grid is None:
        return (), problems, (), ""
    rows, problems, totals = check_grid(name, grid, header, columns, yml, layout.totals, layout.english)
    return rows, problems, totals, found_at(grid, header, len(grids))


def found_at(grid: Grid, header: int, sheets: int) -> str:
    """Where a table was found, for a note, when a reader of the workbook could not take it for granted."""
    parts = ([f"lembar '{grid.sheet}'"] if grid.sheet and sheets > 1 else []) + ([f"baris judul kolom {header}"] if header != 1 else [])
    return ", ".join(parts)


def check_grid(name: str, grid: Grid, header: int, columns: tuple[Column, ...], yml: str, totals: str, english: bool = False
               ) -> tuple[tuple[tuple[Any, ...], ...], list[Problem], tuple[TotalRow, ...]]:
    """The rows below the header row, every cell checked; total rows reported or checked, never kept."""
    sheet = f"lembar '{grid.sheet}', " if grid.sheet else ""
    at = f" (baris {header})" if header != 1 else ""
    cells = grid.rows[header - 1]
    mapped = header_map(cells, columns)
    declared = [c.name for c in columns]
    present = [c.strip() for c in cells if c.strip()]
    problems = [
        Problem(name, header, f"{sheet}kolom '{c}' tidak ada di baris judul{at}" + suggest(c, present, "kolom yang ada"))
        for c in declared if c not in {m.name for m in mapped.values()}
    ] + [
        Problem(name, header, f"{sheet}kolom {column_letter(i)} '{c.strip()}' tidak dideklarasikan di {yml}" + suggest(c.strip(), declared, "kolom yang dideklarasikan"))
        for i, c in enumerate(cells) if c.strip() and i not in mapped
    ]
    seen: dict[str, int] = {}
    for i, column in mapped.items():
        if column.name in seen:
            problems.append(Problem(name, header, f"{sheet}kolom {column_letter(seen[column.name])} dan {column_letter(i)} sama-sama berjudul '{column.name}'; hapus salah satu"))
        seen.setdefault(column.name, i)
    if problems:
        return (), problems, ()
    index = {column.name: i for i, column in reversed(list(mapped.items()))}
    letters = {name_: column_letter(i) for name_, i in index.items()}
    body = [(number, grid.rows[number - 1]) for number in range(header + 1, len(grid.rows) + 1)]
    body = [(n, r) for n, r in body if any(i < len(r) and r[i].strip() for i in index.values())]  # empty spreadsheet rows
    problems += hidden_problems(name, grid, header, body, sheet)
    problems += [Problem(name, r, f"sel {sheet_ref(grid.sheet, r, c)} berisi rumus; Terang tidak menjalankan rumus. Di Excel {PASTE_VALUES}, lalu simpan lagi")
                 for r, c in sorted(grid.formulas) if r >= header]
    rows: list[tuple[Any, ...]] = []
    checked: list[TotalRow] = []
    sums = {c.name: 0 for c in columns}
    counted = last = 0  # data rows so far, and the number of the last one
    for number, record in body:
        texts = [record[index[c.name]].strip() if index[c.name] < len(record) else "" for c in columns]
        place = Place(sheet, number, letters)
        label = next((t for c, t in zip(columns, texts) if c.kind != "bilangan" and _key(t).rstrip(":. ") in TOTAL_LABELS), "")
        stored = [grid.stored(number, index[c.name]) for c in columns]
        numbers = {c.name: numeric(check_cell(c, t, english, s, yml)) for c, t, s in zip(columns, texts, stored) if c.kind == "bilangan"}
        is_sum = (not label and totals != NO_TOTALS and counted >= 2 and numbers and None not in numbers.values()
                  and any(numbers.values()) and all(v == sums[k] for k, v in numbers.items()))
        if label or is_sum:
            found = total_row(name, number, columns, texts, numbers, sums, label, place, totals, yml, letters)
            if isinstance(found, Problem):
                problems.append(found)
            else:
                checked += found
            continue
        row: list[Any] = []
        for column, text, how in zip(columns, texts, stored, strict=True):
            if (number, index[column.name]) in grid.formulas:  # reported above
                value, message = text, ""
            else:
                value, message = check_cell(column, text, english, how, yml)
            if message:
                problems.append(Problem(name, number, f"{place(column)}: {message}"))
            row.append(value)
            if column.kind == "wilayah":
                row.append(region_name(value) or "")
            if column.kind == "bilangan" and isinstance(value, int) and not isinstance(value, bool):
                sums[column.name] += value
        counted, last = counted + 1, number
        rows.append(tuple(row))
    problems += [Problem(name, t.row, f"{sheet}baris {t.row}, kolom {t.letter} '{t.column.name}': baris jumlah menulis {fmt.number(t.stated)}, "
                                      f"tetapi baris-baris di atasnya berjumlah {fmt.number(t.summed)}; perbaiki angkanya di berkas tabel")
                 for t in checked if t.stated != t.summed and t.row < last]  # a mismatched subtotal inside the table
    return tuple(rows), problems, tuple(t for t in checked if t.row > last)  # the table's own totals, audited against its sum


def numeric(checked: tuple[Any, str]) -> int | None:
    """A checked count cell's value, or None when it is not a valid count."""
    value, message = checked
    return value if not message and isinstance(value, int) and not isinstance(value, bool) else None


def total_row(name: str, number: int, columns: tuple[Column, ...], texts: list[str], numbers: dict[str, int | None],
              sums: dict[str, int], label: str, place: Place, totals: str, yml: str, letters: dict[str, str]) -> Problem | list[TotalRow]:
    """A total row: an error unless `baris_jumlah: periksa`, then its figures checked against the rows above."""
    first = next(c for c, t in zip(columns, texts) if (c.kind != "bilangan" and t == label and label) or (not label and c.kind == "bilangan"))
    if totals != CHECK_TOTALS:
        what = (f"'{label}' menandai baris jumlah" if label else
                f"angka di baris ini sama dengan jumlah baris-baris di atasnya ({fmt.number(sums[first.name])})")
        fix = (f"hapus baris ini dari berkas tabel, atau tulis 'baris_jumlah: {CHECK_TOTALS}' di {yml} agar baris ini "
               "tidak diterbitkan sebagai data dan angkanya dicocokkan dengan jumlah yang dihitung")
        if not label:
            fix += f"; jika baris ini memang data, tulis 'baris_jumlah: {NO_TOTALS}'"
        return Problem(name, number, f"{place(first)}: {what}; baris jumlah bukan data dan akan terhitung dua kali. Perbaiki: {fix}")
    result = []
    for column, text in zip(columns, texts):
        if column.kind != "bilangan" or not text:
            continue
        if numbers[column.name] is None:
            return Problem(name, number, f"{place(column)}: '{text}' di baris jumlah bukan bilangan bulat; tulis angka saja, misalnya 2428")
        result.append(TotalRow(number, column, letters[column.name], label, numbers[column.name] or 0, sums[column.name]))
    return result


def hidden_problems(name: str, grid: Grid, header: int, body: list[tuple[int, tuple[str, ...]]], sheet: str) -> list[Problem]:
    """Hidden rows and columns that hold part of the table: published data must be visible in the file."""
    problems = []
    rows = [n for n, _ in body if n in grid.hidden_rows]
    if rows:
        shown = ", ".join(map(str, rows[:10])) + (" dan lainnya" if len(rows) > 10 else "")
        problems.append(Problem(name, rows[0], f"{sheet}baris {shown} disembunyikan di Excel tetapi berisi data yang akan diterbitkan; "
                                               "tampilkan barisnya (klik kanan > Unhide) lalu periksa isinya, atau hapus baris itu"))
    used = range(header, (body[-1][0] if body else header) + 1)
    columns = sorted(i for i in grid.hidden_columns if any(i < len(grid.rows[r - 1]) and grid.rows[r - 1][i].strip() for r in used))
    if columns:
        problems.append(Problem(name, header, f"{sheet}kolom {', '.join(column_letter(i) for i in columns)} disembunyikan di Excel tetapi berisi bagian tabel; "
                                              "tampilkan kolomnya (klik kanan > Unhide) lalu periksa isinya, atau hapus kolom itu"))
    return problems


def check_cell(column: Column, text: str, english: bool = False, stored: str = "", yml: str = "yml tabel") -> tuple[Any, str]:
    """A cell's value for its column kind, and an Indonesian message with the fix, or ''.

    `stored` says how Excel holds the cell (see Grid.stored); `english` is `format_angka: inggris`.
    """
    shown = f"'{text}'" if text else "kosong"
    if column.kind in NUMBERS:
        return number_value(column.kind, text, english, column.negative, stored, yml, column.name)
    if column.kind == "tanggal":
        return date_value(text)
    if column.kind == "wilayah":
        return text, code_problem(text)
    if column.kind == "periode":
        text = EXCEL_MONTH_RE.sub(r"\1", text)
        if not PERIOD_RE.match(text):
            return text, f"{shown} bukan periode; tulis tahun dan bulan, misalnya 2025-12"
        return text, ""
    return text, formula_problem(text) if text else "kosong; isi dengan teks"
