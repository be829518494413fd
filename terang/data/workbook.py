"""Spreadsheet files are checked before any reader opens them: size, Excel zip bombs, and sheet extents.

An .xlsx file is a zip archive of XML. A few kilobytes can expand to gigabytes, and a tiny
sheet can declare a million rows by 16,384 columns, which openpyxl fills with empty cells
(a 22 KB file took 71 s and 851 MB). openpyxl parses the XML with defusedxml (a dependency)
against entity bombs; the checks here bound everything else, from the zip directory and one
streaming pass over the sheets' bytes, before the workbook is parsed.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from terang import fmt

MAX_FILE = 50_000_000  # bytes on disk of a published table
MAX_EXPANDED = 200_000_000  # bytes of a table's .xlsx once unzipped
MAX_RATIO = 200  # real workbooks compress about 10:1; deflate bombs reach 1,000:1
RATIO_FROM = 1_000_000  # entries smaller than this once unzipped may compress as they like
MAX_MEMBERS = 10_000  # entries in one workbook's zip directory
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # the largest sheet Excel itself can hold
CHUNK = 4 << 20  # bytes of a sheet read at a time while scanning it


@dataclass(frozen=True)
class Limits:
    """How large one kind of spreadsheet may be before it is read."""

    text_file: int  # bytes on disk of a CSV
    workbook: int  # bytes on disk of an XLSX
    expanded: int  # bytes of an XLSX once unzipped
    cells: int  # rows × columns of a sheet (declared or found), and cells written in it
    strings: int  # entries of the shared-strings table


TABLE = Limits(MAX_FILE, MAX_FILE, MAX_EXPANDED, 1_000_000, 1_000_000)
# Participant files in data/mentah/ are read in chunks and never published: 1,000,000 rows of
# CSV are about 100 MB and are counted in 1.5 s, so 2 GB is twenty times the benchmark.
RAW = Limits(2_000_000_000, 500_000_000, 2_000_000_000, 50_000_000, 20_000_000)

_TAG = rb"<(?:[A-Za-z_][\w.-]*:)?"  # an element, with or without a namespace prefix
_DIMENSION = re.compile(_TAG + rb"dimension\b[^>]*?\sref\s*=\s*[\"']([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?[\"']")
_ROW = re.compile(_TAG + rb"row\b[^>]*?\sr\s*=\s*[\"'](\d+)")
_CELL = re.compile(_TAG + rb"c[\s/>]")
_COLUMN = re.compile(_TAG + rb"c\b[^>]*?\sr\s*=\s*[\"']([A-Za-z]+)")
_STRING = re.compile(_TAG + rb"si[\s/>]")


def table_file_problem(path: Path, limits: Limits = TABLE) -> str:
    """An Indonesian message when a table file is too large to read safely, or ''."""
    info = path.stat()
    return _problem(str(path), info.st_size, info.st_mtime_ns, limits)


@lru_cache(maxsize=64)
def _problem(path: str, size: int, mtime_ns: int, limits: Limits) -> str:
    """table_file_problem() of one version of a file: a build asks about a participant file several times."""
    workbook = path.lower().endswith(".xlsx")
    most = limits.workbook if workbook else limits.text_file
    if size > most:
        return f"berkas tabel lebih dari {_mb(most)} MB; pecah menjadi beberapa tabel"
    if not workbook or not zipfile.is_zipfile(path):
        return ""  # a broken workbook is reported by the reader
    try:
        with zipfile.ZipFile(path) as archive:
            return _archive_problem(archive, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        return ("berkas Excel ini rusak atau dikemas dengan cara yang tidak dikenal; "
                "simpan ulang tabelnya sebagai CSV UTF-8 atau periksa asal berkas ini")


def _archive_problem(archive: zipfile.ZipFile, limits: Limits) -> str:
    members = archive.infolist()
    fix = "simpan ulang tabelnya sebagai CSV UTF-8 atau periksa asal berkas ini"
    if len(members) > MAX_MEMBERS:
        return f"berkas Excel ini berisi lebih dari {fmt.number(MAX_MEMBERS)} bagian; {fix}"
    if sum(m.file_size for m in members) > limits.expanded:
        return f"berkas Excel ini mengembang menjadi lebih dari {_mb(limits.expanded)} MB saat dibuka; {fix}"
    if any(m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members):
        return f"berkas Excel ini dimampatkan lebih dari {MAX_RATIO} kali (ciri bom zip); {fix}"
    for member in members:
        if member.is_dir():
            continue
        declared, rows, columns, cells, strings = _scan(archive, member)
        if strings > limits.strings:
            return f"tabel teks bersama berkas Excel ini berisi {fmt.number(strings)} teks, lebih dari {fmt.number(limits.strings)}; {fix}"
        extent = (max(declared[0], rows), max(declared[1], columns)) if declared else (rows, columns)
        if extent[0] > EXCEL_ROWS or extent[1] > EXCEL_COLUMNS or extent[0] * extent[1] > limits.cells:
            return (f"lembar kerja '{member.filename}' berukuran {fmt.number(extent[0])} baris × {fmt.number(extent[1])} kolom, "
                    f"lebih dari {fmt.number(limits.cells)} sel; hapus baris dan kolom kosong di Excel atau {fix}")
        if cells > limits.cells:
            return f"lembar kerja '{member.filename}' berisi {fmt.number(cells)} sel, lebih dari {fmt.number(limits.cells)}; {fix}"
    return ""


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[tuple[int, int] | None, int, int, int, int]:
    """One part's declared sheet extent, last row and column, cells and shared strings (zero when it has none).

    One streaming pass over the bytes with regular expressions, not a parser: the zip checks
    above bound the bytes, and nothing kept here grows with them. Every part is scanned,
    whatever its name or content type, since a workbook may point its sheets anywhere.
    """
    declared, rows, columns, cells, strings = None, 0, 0, 0, 0
    tail = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(CHUNK)
            data = tail + chunk
            cut = data.rfind(b"<") if chunk else -1  # an element cut in two is scanned with the next chunk
            data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            if declared is None and (dimension := _DIMENSION.search(data)):
                declared = _extent(dimension.groups())
            strings += len(_STRING.findall(data))
            cells += len(_CELL.findall(data))
            rows = max([rows, *map(int, _ROW.findall(data))])
            columns = max([columns, *map(_column_number, set(_COLUMN.findall(data)))])
            if not chunk:
                return declared, rows, columns, cells, strings


def _extent(groups: tuple[bytes | None, ...]) -> tuple[int, int]:
    """Rows and columns a `<dimension ref="A1:XFD1048576">` declares (its last cell)."""
    letters, digits = (groups[2], groups[3]) if groups[2] is not None else (groups[0], groups[1])
    return int(digits or b"0"), _column_number(letters or b"")


def _column_number(letters: bytes) -> int:
    """'A' -> 1, 'XFD' -> 16384; letters past three are Excel's limit anyway."""
    number = 0
    for letter in letters.upper()[:4]:
        number = number * 26 + letter - 64
    return number


def _mb(size: int) -> str:
    return fmt.number(size // 1_000_000)
