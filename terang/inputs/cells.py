"""Table cells that a spreadsheet would run as a formula when a journalist opens the CSV."""

from __future__ import annotations

import re

# OWASP "CSV injection": a cell starting with one of these is a formula in Excel and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d[\d.,]*%?$")
MAX_NUMBER = 10**15  # a thousand trillion: above every real budget, below what Babel can format


def formula_problem(text: str) -> str:
    """An Indonesian message when a text cell would become a formula, or ''."""
    if len(text) < 2 or not text.startswith(FORMULA_START) or NUMBER.match(text):  # a lone "-" is text
        return ""
    return (f"teks '{text[:30]}' diawali '{text[0]}' sehingga dibaca sebagai rumus "
            "oleh Excel atau LibreOffice; hapus tanda itu atau awali dengan kata lain")


def name_problem(name: str) -> str:
    """An Indonesian message when a column name (a CSV header) would become a formula, or ''."""
    if not name.startswith(FORMULA_START):
        return ""
    shown = {"\t": "tab", "\r": "baris baru"}.get(name[0], name[0])
    return (f"nama kolom '{name[:30].strip()}' diawali '{shown}' sehingga judul kolom di CSV dibaca sebagai rumus "
            "oleh Excel atau LibreOffice; ganti namanya, misalnya dengan huruf kecil dan garis bawah")


def size_problem(value: int) -> str:
    """An Indonesian message when a whole number is too large to be a real figure, or ''."""
    if abs(value) < MAX_NUMBER:
        return ""
    return f"angka {value} terlalu besar (paling banyak 15 digit)"
