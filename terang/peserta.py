"""Participant files in data/mentah/: read in chunks, counted, and published only as suppressed aggregates.

A participant file is what an agency exports, one row per person (nik, nama, alamat, no_hp,
tanggal_lahir, segmen, kode_wilayah, tanggal_terdaftar). Only segmen, kode_wilayah and
tanggal_terdaftar are read for counting; personal columns never leave this module.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import fmt
from .errors import Problem
from .model import Column, Dataset
from .sensor import suppress
from .tabel import NAME_SUFFIX, column_letter, separator
from .wilayah import code_problem, region_name

RAW_DIR = "data/mentah"
COUNTED = ("segmen", "kode_wilayah", "tanggal_terdaftar")
CHUNK_ROWS = 100_000
MAX_REPORTED = 20  # row errors listed per file; the rest are counted
KECAMATAN_RE = re.compile(r"^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$")


@dataclass(frozen=True)
class Chunk:
    """Some rows of a participant file: the first row's spreadsheet number and the columns asked for."""

    first_row: int
    columns: dict[str, list[str]]


def raw_files(root: Path, pattern: str) -> list[Path]:
    """The participant files a dataset names: one file, or a pattern such as '*.csv'."""
    base = root / RAW_DIR
    if "/" in pattern or "\\" in pattern or ".." in pattern:
        return []
    return sorted(p for p in base.glob(pattern) if p.is_file() and p.suffix.lower() in (".csv", ".xlsx"))


def header(path: Path) -> list[str]:
    """The header row of a participant file, lower-cased."""
    return next(iter(read_chunks(path, None, 1)), Chunk(2, {})).columns.get("__header__", [])


def read_chunks(path: Path, wanted: tuple[str, ...] | None, size: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """Yield the wanted columns of a CSV or XLSX file, `size` rows at a time, as text."""
    if path.suffix.lower() == ".xlsx":
        yield from _xlsx_chunks(path, wanted, size)
        return
    import pandas as pd

    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
    names = [c.strip().lower() for c in first.strip("\r\n").split(separator(first))]
    if wanted is None:
        yield Chunk(2, {"__header__": names})
        return
    usecols = [i for i, n in enumerate(names) if n in wanted]
    reader = pd.read_csv(path, sep=separator(first), encoding="utf-8-sig", dtype=str, keep_default_na=False,
                         usecols=usecols, chunksize=size, header=0, skip_blank_lines=False)
    row = 2
    for frame in reader:
        frame.columns = [names[i] for i in usecols]
        yield Chunk(row, {c: [str(v).strip() for v in frame[c]] for c in frame.columns})
        row += len(frame)


def _xlsx_chunks(path: Path, wanted: tuple[str, ...] | None, size: int) -> Iterator[Chunk]:
    from openpyxl import load_workbook  # read_only streams rows, so memory stays bounded

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        names = [str(c or "").strip().lower() for c in next(rows, ())]
        if wanted is None:
            yield Chunk(2, {"__header__": names})
            return
        keep = [(i, n) for i, n in enumerate(names) if n in wanted]
        buffer: dict[str, list[str]] = {n: [] for _, n in keep}
        first = 2
        for count, values in enumerate(rows, start=2):
            for i, n in keep:
                value = values[i] if i < len(values) else None
                buffer[n].append(value.date().isoformat() if hasattr(value, "date") else "" if value is None else str(value).strip())
            if count - first + 1 == size:
                yield Chunk(first, buffer)
                buffer, first = {n: [] for _, n in keep}, count + 1
        if any(buffer.values()):
            yield Chunk(first, buffer)
    finally:
        book.close()


def month_of(text: str) -> str:
    """'2025-03-14' or '14/03/2025' -> '2025-03'; '' when it is not a date."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text) or re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)
    if not match:
        return ""
    if "-" in text[:5]:
        year, month, day = (int(x) for x in match.groups())
    else:
        day, month, year = (int(x) for x in match.groups())
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""


def count_file(root: Path, path: Path) -> tuple[Counter, list[Problem]]:
    """Count one participant file by (segmen, kecamatan code, month); rows with mistakes are reported."""
    name = path.relative_to(root).as_posix()
    names = header(path)
    missing = [c for c in COUNTED if c not in names]
    if missing:
        return Counter(), [Problem(name, 1, f"kolom wajib tidak ada di baris judul: {', '.join(missing)}; kolom yang ada: {', '.join(names) or '(kosong)'}")]
    letters = {c: column_letter(names.index(c)) for c in COUNTED}
    counts: Counter = Counter()
    problems: list[Problem] = []
    errors = 0
    for chunk in read_chunks(path, COUNTED):
        for offset, (segment, code, registered) in enumerate(zip(*(chunk.columns[c] for c in COUNTED))):
            if not (segment or code or registered):
                continue
            month = month_of(registered)
            message = ""
            if not segment:
                message = f"kolom {letters['segmen']} 'segmen' kosong; isi dengan nama segmen, misalnya Nelayan"
            elif not KECAMATAN_RE.match(code):
                message = f"kolom {letters['kode_wilayah']} 'kode_wilayah': " + (code_problem(code) or f"'{code}' bukan kode kecamatan; tulis misalnya 36.04.05")
            elif region_name(code[:8]) is None:
                message = f"kolom {letters['kode_wilayah']} 'kode_wilayah': " + code_problem(code[:8])
            elif not month:
                message = f"kolom {letters['tanggal_terdaftar']} 'tanggal_terdaftar': '{registered}' bukan tanggal; tulis misalnya 2025-12-09"
            if message:
                errors += 1
                if errors <= MAX_REPORTED:
                    number = chunk.first_row + offset
                    problems.append(Problem(name, number, f"baris {number}, {message}"))
                continue
            counts[(segment, code[:8], month)] += 1
    if errors > MAX_REPORTED:
        problems.append(Problem(name, 0, f"dan {fmt.number(errors - MAX_REPORTED)} baris lain dengan kesalahan serupa"))
    return counts, problems


def count_files(root: Path, paths: list[Path]) -> tuple[Counter, list[Problem]]:
    """Counts of every file added together; what bench/ measures on a 1,000,000-row file."""
    total: Counter = Counter()
    problems: list[Problem] = []
    for path in paths:
        counts, found = count_file(root, path)
        total.update(counts)
        problems += found
    return total, problems


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "segmen"


def aggregate_rows(counts: Counter, threshold: int) -> tuple[tuple[Column, ...], tuple[tuple[Any, ...], ...]]:
    """Per month, a kecamatan × segmen table with totals, suppressed; rows stacked month by month."""
    segments = sorted({s for s, _, _ in counts})
    columns = (Column("bulan", "Bulan terdaftar", "periode"), Column("kode_wilayah", "Kode kecamatan", "wilayah"),
               Column("kode_wilayah" + NAME_SUFFIX, "Kecamatan", "teks"),
               *(Column(slug(s), s, "bilangan") for s in segments), Column("jumlah", "Jumlah", "bilangan"))
    rows: list[tuple[Any, ...]] = []
    for month in sorted({m for _, _, m in counts}):
        codes = sorted({c for _, c, m in counts if m == month})
        table = [[counts.get((s, code, month), 0) for s in segments] for code in codes]
        published = suppress(table, threshold)
        for code, cells in zip(codes + [""], published):
            rows.append((month, code, region_name(code) if code else "Jumlah", *cells))
    return columns, tuple(rows)


def participant_dataset(root: Path, pattern: str, threshold: int, common: dict[str, Any], line: int) -> tuple[Dataset | None, list[Problem]]:
    """The dataset a yml with 'mentah:' describes, counted from data/mentah/ and suppressed."""
    path = common["path"]
    if not 3 <= threshold <= 100:
        return None, [Problem(path, line, f"'ambang' harus antara 3 dan 100, bukan {threshold}")]
    paths = raw_files(root, pattern)
    if not paths:
        return None, [Problem(path, line, f"berkas peserta '{pattern}' tidak ditemukan di {RAW_DIR}/; simpan ekspor CSV/XLSX di sana (folder ini tidak masuk git)")]
    counts, problems = count_files(root, paths)
    if problems:
        return None, problems
    if not counts:
        return None, [Problem(path, line, f"berkas peserta '{pattern}' tidak berisi satu baris peserta pun")]
    columns, rows = aggregate_rows(counts, threshold)
    return Dataset(**common, columns=columns, rows=rows, data_file=f"{RAW_DIR}/{pattern}", aggregate=True, threshold=threshold), []


def participant_names(root: Path, patterns: list[str], wanted: set[str]) -> dict[str, tuple[str, int]]:
    """Which of the `wanted` phrases are names in participant files, with the file and row of each."""
    found: dict[str, tuple[str, int]] = {}
    for pattern in patterns:
        for path in raw_files(root, pattern):
            if "nama" not in header(path):
                continue
            for chunk in read_chunks(path, ("nama",)):
                for offset, name in enumerate(chunk.columns["nama"]):
                    key = normal(name)
                    if key in wanted and key not in found:
                        found[key] = (path.relative_to(root).as_posix(), chunk.first_row + offset)
    return found


def normal(text: str) -> str:
    """A name or phrase compared without case or extra spaces."""
    return " ".join(text.casefold().split())
