"""Participant files in data/mentah/: read in chunks, counted, and published only as suppressed aggregates.

A participant file is what an agency exports, one row per person (nik, nama, alamat, no_hp,
tanggal_lahir, segmen, kode_wilayah, tanggal_terdaftar). Only segmen, kode_wilayah and
tanggal_terdaftar are read for counting; personal columns never leave this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from terang import fmt
from terang.data.regions import code_problem, region_name
from terang.data.suppression import suppress
from terang.data.grids import column_letter, separator
from terang.data.tables import NAME_SUFFIX
from terang.data.workbook import EXCEL_ROWS, RAW, table_file_problem
from terang.errors import Problem, raise_if
from terang.model import Column, Dataset
from terang.readable import name_key
from terang.walk import is_junk

RAW_DIR = "data/mentah"
COUNTED = ("segmen", "kode_wilayah", "tanggal_terdaftar")
CHUNK_ROWS = 100_000
MAX_REPORTED = 20  # row errors listed per file; the rest are counted
KECAMATAN_RE = re.compile(r"^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$")


@dataclass(frozen=True)
class Chunk:
    """Some rows of a participant file: the first row's spreadsheet number and the columns asked for, as text."""

    first_row: int
    frame: Any  # a pandas DataFrame


def raw_files(root: Path, pattern: str) -> list[Path]:
    """The participant files a dataset names: one file, or a pattern such as '*.csv'."""
    base = root / RAW_DIR
    if "/" in pattern or "\\" in pattern or ".." in pattern:
        return []
    paths = sorted(p for p in base.glob(pattern) if p.is_file() and not is_junk(p.name) and p.suffix.lower() in (".csv", ".xlsx"))
    # Every reader of participant files gets them here: one too large to read safely stops the build.
    raise_if([Problem(p.relative_to(root).as_posix(), 0, message) for p in paths if (message := table_file_problem(p, RAW))])
    return paths


def header(path: Path) -> list[str]:
    """The header row of a participant file, lower-cased."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            first = next(book.worksheets[0].iter_rows(values_only=True), ())
        finally:
            book.close()
        return [str(c or "").strip().lower() for c in first]
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        line = handle.readline().strip("\r\n")
    return [c.strip().lower() for c in line.split(separator(line))]


def read_chunks(path: Path, wanted: tuple[str, ...], size: int | None = None) -> Iterator[Chunk]:
    """Yield the wanted columns of a CSV or XLSX file, `size` rows at a time, as stripped text."""
    import pandas as pd

    size = size or CHUNK_ROWS
    names = header(path)
    keep = [i for i, n in enumerate(names) if n in wanted]
    if path.suffix.lower() == ".xlsx":
        frames: Iterator[Any] = _xlsx_frames(path, keep, [names[i] for i in keep], size)
    else:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            sep = separator(handle.readline())
        frames = pd.read_csv(path, sep=sep, encoding="utf-8-sig", dtype=str, keep_default_na=False,
                             usecols=keep, chunksize=size, header=0, skip_blank_lines=False)
    row = 2
    for frame in frames:
        frame.columns = [names[i] for i in keep]
        for column in frame.columns:
            frame[column] = frame[column].str.strip()
        yield Chunk(row, frame)
        row += len(frame)


def _xlsx_frames(path: Path, keep: list[int], columns: list[str], size: int) -> Iterator[Any]:
    """Rows of the first sheet as DataFrames of text; read_only streams rows, so memory stays bounded."""
    import pandas as pd
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        # Bounded: a sheet without a declared size is padded to each row's last cell and its gaps filled (terang.data.workbook).
        rows = book.worksheets[0].iter_rows(max_row=EXCEL_ROWS, max_col=max(keep, default=0) + 1, values_only=True)
        next(rows, None)
        buffer: list[list[str]] = []
        for values in rows:
            buffer.append([_text(values[i] if i < len(values) else None) for i in keep])
            if len(buffer) == size:
                yield pd.DataFrame(buffer, columns=columns, dtype=str)
                buffer = []
        if buffer:
            yield pd.DataFrame(buffer, columns=columns, dtype=str)
    finally:
        book.close()


def _text(value: Any) -> str:
    """An Excel cell as text: dates as YYYY-MM-DD, empty cells as ''."""
    if value is None:
        return ""
    return value.date().isoformat() if hasattr(value, "date") else str(value)


def month_of(text: str) -> str:
    """'2025-03-14' or '14/03/2025' -> '2025-03'; '' when it is not a date."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text) or re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)
    if not match:
        return ""
    if "-" in text[:5]:
        year, month, day = (int(x) for x in match.groups())
    else:
        day, month, year = (int(x) for x in match.groups())
    try:
        return dt.date(year, month, day).strftime("%Y-%m")
    except ValueError:
        return ""


def row_problem(segment: str, code: str, month: str, registered: str, letters: dict[str, str]) -> str:
    """Why one participant row cannot be counted, or '' when it can."""
    if not segment:
        return f"kolom {letters['segmen']} 'segmen' kosong; isi dengan nama segmen, misalnya Nelayan"
    if not KECAMATAN_RE.match(code):
        return f"kolom {letters['kode_wilayah']} 'kode_wilayah': " + (code_problem(code) or f"'{code}' bukan kode kecamatan; tulis misalnya 36.04.05")
    if region_name(code[:8]) is None:
        return f"kolom {letters['kode_wilayah']} 'kode_wilayah': " + code_problem(code[:8])
    if not month:
        return f"kolom {letters['tanggal_terdaftar']} 'tanggal_terdaftar': '{registered}' bukan tanggal; tulis misalnya 2025-12-09"
    return ""


def count_file(root: Path, path: Path) -> tuple[Counter, list[Problem]]:
    """Count one participant file by (segmen, kecamatan code, month); rows with mistakes are reported.

    Each chunk is checked per distinct value (codes and dates repeat a lot), so a
    million rows cost a few pandas operations per chunk rather than a Python loop per row.
    """
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
        frame = chunk.frame
        frame["baris"] = range(chunk.first_row, chunk.first_row + len(frame))
        frame = frame[(frame[list(COUNTED)] != "").any(axis=1)].copy()  # empty spreadsheet rows
        codes = {c: bool(KECAMATAN_RE.match(c)) and region_name(c[:8]) is not None for c in frame["kode_wilayah"].unique()}
        months = {d: month_of(d) for d in frame["tanggal_terdaftar"].unique()}
        frame["bulan"] = frame["tanggal_terdaftar"].map(months)
        good = (frame["segmen"] != "") & frame["kode_wilayah"].map(codes) & (frame["bulan"] != "")
        for row in frame[~good].itertuples(index=False):
            errors += 1
            if errors <= MAX_REPORTED:
                message = row_problem(row.segmen, row.kode_wilayah, row.bulan, row.tanggal_terdaftar, letters)
                problems.append(Problem(name, row.baris, f"baris {row.baris}, {message}"))
        valid = frame[good]
        sizes = valid.groupby([valid["segmen"], valid["kode_wilayah"].str[:8], valid["bulan"]]).size()
        counts.update({key: int(n) for key, n in sizes.items()})
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


RESERVED = {"bulan", "kode_wilayah", "kode_wilayah" + NAME_SUFFIX, "jumlah"}


def column_names(segments: list[str]) -> list[str]:
    """A CSV column name per segment ('Guru ngaji' -> 'guru-ngaji'), unique and clear of the fixed columns."""
    names: list[str] = []
    for segment in segments:
        base = re.sub(r"[^a-z0-9]+", "-", segment.lower()).strip("-") or "segmen"
        name, n = base, 1
        while name in RESERVED or name in names:
            n += 1
            name = f"{base}-{n}"
        names.append(name)
    return names


def aggregate_rows(counts: Counter, threshold: int) -> tuple[tuple[Column, ...], tuple[tuple[Any, ...], ...]]:
    """Per month, a kecamatan × segmen table with totals, suppressed; rows stacked month by month.

    Each month is suppressed and audited on its own (sensor.suppress, disclosure.py): nothing
    published from these files ties months together. The sums over months that pages show
    (Dataset.column_total for [[jumlah:...]] and [[tabel:...]], the chart's description) add only
    the totals that are shown, so a reader can compute them from the shown numbers anyway.
    """
    segments = sorted({s for s, _, _ in counts})
    columns = (Column("bulan", "Bulan terdaftar", "periode"), Column("kode_wilayah", "Kode kecamatan", "wilayah"),
               Column("kode_wilayah" + NAME_SUFFIX, "Kecamatan", "teks"),
               *(Column(n, s, "bilangan") for n, s in zip(column_names(segments), segments, strict=True)),
               Column("jumlah", "Jumlah", "bilangan"))
    rows: list[tuple[Any, ...]] = []
    for month in sorted({m for _, _, m in counts}):
        codes = sorted({c for _, c, m in counts if m == month})
        table = [[counts.get((s, code, month), 0) for s in segments] for code in codes]
        published = suppress(table, threshold)
        for code, cells in zip(codes + [""], published, strict=True):
            rows.append((month, code, region_name(code) if code else "Jumlah", *cells))
    return columns, tuple(rows)


def participant_dataset(root: Path, pattern: str, threshold: int, common: dict[str, Any], line: int) -> tuple[Dataset | None, list[Problem]]:
    """The dataset a yml with 'mentah:' describes, counted from data/mentah/ and suppressed."""
    path = common["path"]  # `threshold` is within 3..100: the yml's 'ambang' is checked with its line (terang.inputs.fields)
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
                for offset, name in enumerate(chunk.frame["nama"]):
                    key = normal(name)
                    if key in wanted and key not in found:
                        found[key] = (path.relative_to(root).as_posix(), chunk.first_row + offset)
    return found


def normal(text: str) -> str:
    """A name or phrase as names are compared: Unicode NFKC, case, apostrophes, titles, degrees,
    soft hyphens and extra spaces do not count (terang.readable.name_key)."""
    return name_key(text)
