"""Spreadsheets as grids of text cells: one per worksheet of an .xlsx (or one for a CSV), as a CSV export would hold them.

What a grid keeps besides the text is what the checks need to name and refuse: hidden rows and
columns, cells holding a formula, and which cells Excel stores as numbers or percents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from terang.data.column_types import STORED_NUMBER, STORED_PERCENT


@dataclass(frozen=True)
class Grid:
    """One sheet of a workbook, or a CSV, as text cells: rows[i] is spreadsheet row i + 1."""

    sheet: str  # '' for a CSV
    rows: tuple[tuple[str, ...], ...]
    hidden_rows: frozenset[int] = frozenset()  # spreadsheet row numbers
    hidden_columns: frozenset[int] = frozenset()  # 0-based column indexes
    formulas: frozenset[tuple[int, int]] = frozenset()  # (row number, column index) of cells holding a formula
    numbers: frozenset[tuple[int, int]] = frozenset()  # cells Excel stores as a number, not as text
    percents: frozenset[tuple[int, int]] = frozenset()  # number cells shown as a percent (0.455 shown 45,5%)

    def stored(self, row: int, index: int) -> str:
        """How Excel holds a cell: '' (text, or a CSV), 'angka' or 'persen' (a number shown with %)."""
        return STORED_PERCENT if (row, index) in self.percents else STORED_NUMBER if (row, index) in self.numbers else ""


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


def cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV export would hold: 10 not 10.0, dates as 'YYYY-MM-DD 00:00:00'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")  # the 15 digits Excel keeps: 0.1 + 0.2 reads 0.3
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def xlsx_grids(path: Path) -> list[Grid]:
    """Every worksheet, merged cells read as their top-left value, with hidden rows, columns and formulas."""
    from openpyxl import load_workbook  # imported only when there is a workbook to read
    from openpyxl.utils import column_index_from_string

    book = load_workbook(path, data_only=False, keep_links=False)
    grids = []
    for sheet in book.worksheets:
        if not hasattr(sheet, "merged_cells"):
            continue  # a chart sheet holds no cells
        cells = {(c.row, c.column): c for row in sheet.iter_rows() for c in row if c.value is not None}
        values = {key: cell.value for key, cell in cells.items()}
        for merged in sheet.merged_cells.ranges:
            top = values.get((merged.min_row, merged.min_col))
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    values[(row, col)] = top
        formulas = frozenset((r, c - 1) for (r, c), cell in cells.items()
                             if cell.data_type == "f" or type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula"))
        height = max((r for r, _ in values), default=0)
        width = max((c for _, c in values), default=0)
        rows = tuple(tuple(cell_text(values.get((r, c))) for c in range(1, width + 1)) for r in range(1, height + 1))
        numbers = frozenset((r, c - 1) for (r, c), cell in cells.items() if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool))
        percents = frozenset(key for key in numbers if "%" in (cells[(key[0], key[1] + 1)].number_format or ""))
        hidden_rows = frozenset(r for r, d in sheet.row_dimensions.items() if d.hidden)
        hidden_columns = frozenset(
            i - 1 for key, d in sheet.column_dimensions.items() if d.hidden
            for i in range(d.min or column_index_from_string(key), (d.max or column_index_from_string(key)) + 1) if i <= width)
        grids.append(Grid(sheet.title, rows, hidden_rows, hidden_columns, formulas, numbers, percents))
    return grids
