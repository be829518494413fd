"""Table files are read whole: refuse ones too large to read, and Excel zip bombs.

An .xlsx file is a zip archive of XML. A few kilobytes can expand to gigabytes; reading that
would exhaust memory. openpyxl parses the XML with defusedxml (a dependency) against entity bombs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_FILE = 50_000_000  # bytes on disk
MAX_EXPANDED = 200_000_000  # bytes of an .xlsx once unzipped


def table_file_problem(path: Path) -> str:
    """An Indonesian message when a table file is too large to read safely, or ''."""
    size = path.stat().st_size
    if size > MAX_FILE:
        return f"berkas tabel lebih dari {MAX_FILE // 1_000_000} MB; pecah menjadi beberapa tabel"
    if path.suffix.lower() != ".xlsx" or not zipfile.is_zipfile(path):
        return ""  # a broken workbook is reported by the reader
    with zipfile.ZipFile(path) as archive:
        expanded = sum(member.file_size for member in archive.infolist())
    if expanded > MAX_EXPANDED:
        return (f"berkas Excel ini mengembang menjadi lebih dari {MAX_EXPANDED // 1_000_000} MB saat dibuka; "
                "simpan ulang tabelnya sebagai CSV UTF-8 atau periksa asal berkas ini")
    return ""
