"""Cell values of the number and date column kinds, read as Indonesian offices write them.

`bilangan` 1.234, `desimal` 1.234,5, `persen` 45,5%, `rupiah` Rp16.800,00 and `tanggal`
09/12/2025 or 9 Desember 2025 become canonical values (1234, 1234.5, 45.5, 16800, '2025-12-09')
that downloads carry as they are; pages format them again in Indonesian (terang/fmt.py). A file
declared `format_angka: inggris` writes 1,234.5 instead. A cell that Excel stores as a number or
a date is taken as it is stored, whatever the file's style.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.dates import get_month_names

from terang import fmt
from terang.inputs.cells import size_problem

DIGITS = 15  # what Excel keeps of a number, and what a float carries exactly
MINUS = ("-", "\u2212")  # hyphen-minus and the minus sign Word and some exports use
ID_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
EN_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
RUPIAH = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?$")  # Excel date cells read as 'YYYY-MM-DD 00:00:00'
TIMED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
DMY = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$")
WORDS = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
SPELLINGS = {"agt": 8, "ags": 8, "sept": 9, "nop": 11, "nopember": 11}  # common spellings Babel's CLDR data lacks
YEARS = (1900, 2100)
STORED_NUMBER, STORED_PERCENT = "angka", "persen"  # how an Excel cell holds its value (see tabel.Grid)


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Indonesian month names, full and short, from Babel's CLDR data: {'desember': 12, 'des': 12, ...}."""
    names = {n.casefold(): m for width in ("wide", "abbreviated") for m, n in get_month_names(width, locale="id").items()}
    return names | SPELLINGS


def canonical(value: Decimal) -> int | float:
    """1234 for a whole number, 1234.5 otherwise: what CSV and JSON downloads carry."""
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str, english: bool) -> Decimal | None:
    """'1.234,5' (or '1,234.5' when english) as a Decimal without its sign; None when it is not written so."""
    match = (EN_NUMBER if english else ID_NUMBER).match(text)
    if not match:
        return None
    whole = match.group(1).replace("," if english else ".", "")
    return Decimal(whole + "." + (match.group(2) or "0"))


def stored_number(text: str, stored: str) -> Decimal | None:
    """A number Excel stored in the cell (written '45.5' or '1e-05' by tabel.cell_text), percent cells times 100."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return value * 100 if stored == STORED_PERCENT else value


def number_value(kind: str, text: str, english: bool, negative: bool, stored: str, yml: str, column: str) -> tuple[int | float, str]:
    """A cell of a bilangan, desimal, persen or rupiah column: its canonical value and a message with the fix, or ''."""
    shown = f"'{text}'" if text else "kosong"
    sign, rest = (-1, text[1:].lstrip()) if text.startswith(MINUS) else (1, text)
    if kind == "persen" and not stored:
        rest = rest.rstrip().removesuffix("%").rstrip(" \u00a0")
    if kind == "rupiah" and not stored:
        rest = RUPIAH.sub("", rest).removesuffix(",-").removesuffix(".-")
    value = stored_number(text, stored) if stored else parse_number(rest, english)
    if value is None:
        return 0, wrong_number(kind, text, shown, english, yml)
    value = value * sign if not stored else value
    if too_large := size_problem(int(value)) if abs(value) < 10**40 else f"{shown} terlalu besar (paling banyak 15 digit)":
        return 0, too_large
    if stored:  # shown as the editor sees it in Indonesian Excel, not as the file stores it
        shown = f"'{fmt.decimal(value)}{'%' if stored == STORED_PERCENT else ''}'"
    digits = value.normalize().as_tuple()
    if len(digits.digits) > DIGITS and isinstance(digits.exponent, int) and digits.exponent < 0:
        return 0, f"{shown} punya terlalu banyak angka (paling banyak {DIGITS} angka, termasuk di belakang koma)"
    if value < 0 and not negative:
        return 0, (f"{shown} negatif; kolom ini hanya menerima angka nol atau lebih. Jika angka negatif memang benar "
                   f"(misalnya selisih), tulis 'negatif: boleh' pada kolom '{column}' di {yml}")
    if kind == "bilangan" and value != value.to_integral_value():
        return 0, (f"{shown} bukan bilangan bulat; untuk angka berkoma ubah 'jenis' kolom '{column}' di {yml} "
                   f"menjadi 'desimal' (atau 'persen' untuk persentase)")
    if kind == "rupiah" and value.as_tuple().exponent < -2 and value != round(value, 2):
        return 0, f"{shown} punya lebih dari dua angka di belakang koma; rupiah paling banyak sampai sen (contoh: Rp16.800,50)"
    return canonical(value), ""


def wrong_number(kind: str, text: str, shown: str, english: bool, yml: str) -> str:
    """Why a number cell could not be read, and how to write it."""
    other = parse_number(text.lstrip("-\u2212").rstrip("% ").removeprefix("Rp").strip(), not english)
    if other is not None and ("." in text and not english or "," in text and english):
        if english:
            return f"{shown} memakai koma desimal, padahal {yml} menulis 'format_angka: inggris'; tulis dengan titik desimal, atau hapus kunci itu"
        return (f"{shown} memakai titik sebagai tanda desimal; tulis dengan koma (contoh: 45,5), atau tulis "
                f"'format_angka: inggris' di {yml} jika seluruh berkas memakai titik desimal")
    if kind != "persen" and text.rstrip().endswith("%"):
        return f"{shown} memakai tanda persen; ubah 'jenis' kolom ini di {yml} menjadi 'persen'"
    if kind == "bilangan":
        return f"{shown} bukan bilangan bulat; tulis angka saja, misalnya 2428"
    example = {"desimal": "45,5 atau 1.234,5", "persen": "45,5% atau 45,5", "rupiah": "Rp16.800, Rp 16.800,00 atau 16800"}[kind]
    if english:
        example = {"desimal": "45.5 atau 1,234.5", "persen": "45.5% atau 45.5", "rupiah": "Rp16,800 atau 16800"}[kind]
    noun = {"desimal": "angka", "persen": "persentase", "rupiah": "nilai rupiah"}[kind]
    return f"{shown} bukan {noun}; tulis misalnya {example}"


def date_value(text: str) -> tuple[str, str]:
    """A tanggal cell as ISO 'YYYY-MM-DD', and a message with the fix, or ''."""
    shown = f"'{text}'" if text else "kosong"
    example = "tulis misalnya 2025-12-09, 09/12/2025 atau 9 Desember 2025"
    if TIMED.match(text) and not text.endswith(" 00:00:00"):
        return text, f"{shown} berisi jam; kolom tanggal hanya berisi tanggal. Di Excel format selnya sebagai tanggal tanpa jam"
    if match := ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            return text, f"{shown} memakai tahun dua angka; tulis tahunnya lengkap, misalnya {day:02d}/{month:02d}/20{match.group(3)}"
    elif (match := WORDS.match(text)) and match.group(2).casefold() in months():
        day, month, year = int(match.group(1)), months()[match.group(2).casefold()], int(match.group(3))
    else:
        return text, f"{shown} bukan tanggal; {example}"
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return text, f"{shown} tidak ada di kalender; urutan tanggal adalah hari/bulan/tahun ({example})"
    if not YEARS[0] <= year <= YEARS[1]:
        return text, f"{shown}: tahun harus antara {YEARS[0]} dan {YEARS[1]}"
    return value.isoformat(), ""
