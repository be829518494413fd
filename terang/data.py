"""Data stage: key figures and coverage tables from data/, checked and audited."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import Problem
from .model import Audit, Column, Dataset, Figure
from .paths import inside
from .schema import ANGKA, DATASET, KOLOM, check, suggest
from .yamlsafe import Located, YamlProblem, load

FIGURES_FILE = "angka_kunci.yml"
INT_RE = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)$")


def read_yaml(root: Path, name: str) -> tuple[Located | None, list[Problem]]:
    """Load a YAML file of the project, reporting bad YAML with its line."""
    path = root / name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(name, 0, "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8")]
    try:
        return load(text), []
    except YamlProblem as exc:
        return None, [Problem(name, exc.line, exc.message)]


def read_figures(root: Path) -> tuple[list[Figure], list[Problem]]:
    """data/angka_kunci.yml: a list of announced figures."""
    name = f"data/{FIGURES_FILE}"
    if not (root / name).is_file():
        return [], []
    located, problems = read_yaml(root, name)
    if located is None:
        return [], problems
    if not isinstance(located.value, list):
        return [], [Problem(name, 1, "isinya harus berupa daftar angka, tiap butir diawali '- id: ...'")]
    figures: list[Figure] = []
    seen: set[str] = set()
    for index in range(len(located.value)):
        values, found = check(located, ANGKA, name, prefix=f"[{index}]")
        problems.extend(found)
        if found:
            continue
        if values["id"] in seen:
            problems.append(Problem(name, located.line(f"[{index}].id"), f"id '{values['id']}' dipakai dua kali; setiap angka perlu id sendiri"))
            continue
        seen.add(values["id"])
        figures.append(Figure(
            id=values["id"], path=name, label=values["label"], value=values["nilai"], unit=values["satuan"],
            date=values["tanggal"], sources=values["sumber"], legal_basis=values.get("dasar_hukum", ""),
            breakdown=values.get("rincian", ""), description=values.get("keterangan", ""),
            note=values.get("catatan", ""), estimate=values.get("perkiraan", False),
            line=located.line(f"[{index}].id"),
        ))
    return figures, problems


def dataset_ids(root: Path) -> set[str]:
    """Ids of every dataset description in data/, whether or not it loads."""
    return {p.stem for p in (root / "data").glob("*.yml") if p.name != FIGURES_FILE}


def read_datasets(root: Path) -> tuple[list[Dataset], list[Problem]]:
    """Every data/<id>.yml (other than the key figures) describes one table file."""
    datasets: list[Dataset] = []
    problems: list[Problem] = []
    data_dir = root / "data"
    if not data_dir.is_dir():
        return [], []
    for path in sorted(data_dir.glob("*.yml")):
        if path.name == FIGURES_FILE:
            continue
        dataset, found = read_dataset(root, path)
        problems.extend(found)
        if dataset:
            datasets.append(dataset)
    return datasets, problems


def read_dataset(root: Path, path: Path) -> tuple[Dataset | None, list[Problem]]:
    name = f"data/{path.name}"
    located, problems = read_yaml(root, name)
    if located is None:
        return None, problems
    values, problems = check(located, DATASET, name)
    if problems:
        return None, problems
    columns: list[Column] = []
    for index in range(len(values["kolom"])):
        col, found = check(located, KOLOM, name, prefix=f"kolom[{index}]")
        problems.extend(found)
        if not found:
            columns.append(Column(col["nama"], col["label"], col["jenis"]))
    target, message = inside(root / "data", values["berkas"])
    if message:
        problems.append(Problem(name, located.line("berkas"), message))
    if problems:
        return None, problems
    rows, problems = read_table(root, target, tuple(columns))
    if problems:
        return None, problems
    return Dataset(
        id=path.stem, path=name, title=values["judul"], description=values["deskripsi"], date=values["tanggal"],
        columns=tuple(columns), rows=rows, data_file=f"data/{values['berkas']}", sources=values["sumber"],
        legal_basis=values.get("dasar_hukum", ""), note=values.get("catatan", ""),
    ), []


def read_frame(path: Path) -> Any:
    """A CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file as text cells."""
    import pandas as pd  # heavy: imported only when there is a table to read

    if path.suffix.lower() == ".xlsx":
        return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    text = path.read_bytes().decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    from io import StringIO

    return pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True)


def read_table(root: Path, path: Path, columns: tuple[Column, ...]) -> tuple[tuple[tuple[Any, ...], ...], list[Problem]]:
    """Read a table and check it against its declared columns; rows are spreadsheet rows."""
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
        Problem(name, 1, f"kolom '{c}' tidak dideklarasikan di {path.stem}.yml" + suggest(c, declared, "kolom yang dideklarasikan"))
        for c in header if c not in declared
    ]
    if problems:
        return (), problems
    frame.columns = header
    rows = []
    for number, record in enumerate(frame[declared].itertuples(index=False), start=2):
        row = []
        for column, cell in zip(columns, record):
            text = str(cell).strip()
            if column.kind == "bilangan":
                if not INT_RE.match(text):
                    shown = f"'{text}'" if text else "kosong"
                    problems.append(Problem(name, number, f"baris {number}, kolom '{column.name}': {shown} bukan bilangan bulat; tulis angka saja, misalnya 2428"))
                    continue
                row.append(int(text.replace(".", "")))
            else:
                if not text:
                    problems.append(Problem(name, number, f"baris {number}, kolom '{column.name}' kosong; isi dengan teks"))
                row.append(text)
        rows.append(tuple(row))
    return tuple(rows), problems


def audit(figures: list[Figure], datasets: list[Dataset], declared: set[str] = frozenset()) -> tuple[list[Audit], list[Problem]]:
    """Check every figure that names a breakdown against the sum of that table.

    `declared` holds the ids of every dataset file, loaded or not: a table that failed to
    load has its own error already, so the figure pointing at it is not reported twice.
    """
    by_id = {d.id: d for d in datasets}
    audits: list[Audit] = []
    problems: list[Problem] = []
    for figure in figures:
        if not figure.breakdown:
            continue
        dataset = by_id.get(figure.breakdown)
        if dataset is None and figure.breakdown in declared:
            continue
        if dataset is None:
            problems.append(Problem(figure.path, figure.line, f"angka '{figure.id}': rincian '{figure.breakdown}' tidak ada di data/" + suggest(figure.breakdown, list(by_id), "tabel yang ada")))
            continue
        numeric = dataset.numeric_columns
        if not numeric:
            problems.append(Problem(dataset.path, 0, f"tabel '{dataset.id}' tidak punya kolom bilangan untuk dijumlahkan"))
            continue
        audits.append(Audit(figure, dataset, numeric[0].name, dataset.column_total(numeric[0].name)))
    return audits, problems
