"""Data stage: key figures and coverage tables from data/, checked and audited."""

from __future__ import annotations

import re
from pathlib import Path

from terang.data.formula import resolve
from terang.data.tables import Layout, TotalRow, output_columns, read_table
from terang.errors import Problem
from terang.inputs.cells import name_problem
from terang.inputs.fields import ANGKA, DATASET, KOLOM, SDI
from terang.inputs.paths import inside
from terang.inputs.schema import check, slug_problem, suggest
from terang.inputs.yamlsafe import Located, read_list, read_yaml
from terang.model import Audit, Column, Conflict, Dataset, Figure, Suppressed
from terang.readable import readable

# Column names that say a table holds personal data, compared as personal_column() normalises them.
PERSONAL_COLUMNS = {
    "NIK": "nik no_nik nomor_nik ktp no_ktp nomor_ktp",
    "nomor KK": "nkk no_kk nomor_kk nomor_kartu_keluarga",  # not 'kk' alone: 'jumlah KK' counts households
    "nama": "nama nama_lengkap nama_peserta nama_penerima nama_pekerja nama_ibu_kandung",
    "alamat": "alamat alamat_rumah alamat_lengkap alamat_domisili",
    "tempat/tanggal lahir": "tanggal_lahir tgl_lahir tempat_lahir tempat_tanggal_lahir ttl",
    "telepon": "no_hp nomor_hp hp telepon no_telepon nomor_telepon telp no_telp whatsapp no_wa nomor_wa",
    "surel": "email e_mail surel",
    "nomor peserta": "no_kpj nomor_kpj kpj npwp no_rekening nomor_rekening",
}
PERSONAL = {name: kind for kind, names in PERSONAL_COLUMNS.items() for name in names.split()}
FIGURES_FILE = "angka_kunci.yml"
CHANGES_FILE = "riwayat.yml"
THRESHOLD = 5  # cells of participant aggregates below this are hidden


def read_figures(root: Path) -> tuple[list[Figure], list[Problem]]:
    """data/angka_kunci.yml: a list of announced figures."""
    name = f"data/{FIGURES_FILE}"
    located, problems = read_list(root, name, "id")
    if located is None:
        return [], problems
    figures, found = figure_list(located, name, "")
    given = {item["id"]: item.get("nilai") for item in located.value if isinstance(item, dict) and isinstance(item.get("id"), str)}
    lines = {f.id: located.line(f"[{i}].rumus") for i, item in enumerate(located.value)
             for f in figures if f.formula and isinstance(item, dict) and item.get("id") == f.id}
    figures, computed = resolve(figures, name, given, lines)
    return figures, problems + found + computed


def figure_list(located: Located, name: str, prefix: str) -> tuple[list[Figure], list[Problem]]:
    """The figures of a YAML list at `prefix` (the whole document when it is '')."""
    items = located.value if not prefix else located.value[prefix]
    figures: list[Figure] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index in range(len(items)):
        where = f"{prefix}[{index}]"
        values, found = check(located, ANGKA, name, prefix=where)
        problems.extend(found)
        if found:
            continue
        if values["id"] in seen:
            problems.append(Problem(name, located.line(f"{where}.id"), f"id '{values['id']}' dipakai dua kali; setiap angka perlu id sendiri"))
            continue
        seen.add(values["id"])
        if prefix and "rumus" in values:  # a table's yml restates figures; only data/angka_kunci.yml computes them
            problems.append(Problem(name, located.line(f"{where}.rumus"), f"angka '{values['id']}': 'rumus' hanya dipakai di data/{FIGURES_FILE}; di sini tulis 'nilai'"))
            continue
        if "nilai" not in values and "rumus" not in values:
            formula = "" if prefix else ", atau 'rumus' bila angka ini dihitung dari angka lain (contoh: rumus: peserta-dijamin * iuran-minimum-bpu * 12)"
            problems.append(Problem(name, located.line(f"{where}.id"), f"kunci wajib 'nilai' tidak ada; tambahkan (contoh: nilai: 1500){formula}"))
            continue
        figures.append(Figure(
            id=values["id"], path=name, label=values["label"], value=values.get("nilai", 0), unit=values["satuan"],
            date=values["tanggal"], sources=values["sumber"], legal_basis=values.get("dasar_hukum", ""),
            breakdown=values.get("rincian", ""), description=values.get("keterangan", ""),
            note=values.get("catatan", ""), estimate=values.get("perkiraan", False),
            line=located.line(f"{where}.id"), formula=values.get("rumus", ""),
        ))
    return figures, problems


def read_datasets(root: Path) -> tuple[list[Dataset], list[Problem]]:
    """Every data/<id>.yml (other than the key figures) describes one table file."""
    datasets: list[Dataset] = []
    problems: list[Problem] = []
    data_dir = root / "data"
    if not data_dir.is_dir():
        return [], []
    for path in sorted(data_dir.glob("*.yml")):
        if path.name in (FIGURES_FILE, CHANGES_FILE):
            continue
        bad_name = slug_problem(f"data/{path.name}", path.stem)  # the file name becomes the table's URL
        if bad_name:
            problems.append(bad_name)
            continue
        dataset, found = read_dataset(root, path)
        problems.extend(found)
        if dataset:
            datasets.append(dataset)
    return datasets, problems


def read_dataset(root: Path, path: Path) -> tuple[Dataset | None, list[Problem]]:
    """One data/<id>.yml and its table: a CSV/XLSX file (berkas) or participant files (mentah)."""
    name = f"data/{path.name}"
    located, problems = read_yaml(root, name)
    if located is None:
        return None, problems
    values, problems = check(located, DATASET, name)
    if problems:
        return None, problems
    stated, problems = figure_list(located, name, "angka") if "angka" in values else ([], [])
    common = dict(
        id=path.stem, path=name, title=values["judul"], description=values["deskripsi"], date=values["tanggal"],
        sources=values["sumber"], legal_basis=values.get("dasar_hukum", ""), note=values.get("catatan", ""),
        synthetic=values.get("simulasi", False), stated=tuple(stated),
        sdi=tuple((f.name, values[f.name]) for f in SDI if f.name in values),
    )
    if ("berkas" in values) == ("mentah" in values):
        return None, problems + [Problem(name, 1, "tulis salah satu: 'berkas' (tabel di data/) atau 'mentah' (berkas peserta di data/mentah/)")]
    if "mentah" in values:
        from terang.data.participants import participant_dataset  # only projects with participant files need it

        for key in ("kolom", "sasaran"):
            if key in values:
                problems.append(Problem(name, located.line(key), f"'{key}' tidak dipakai untuk berkas peserta: kolomnya sudah tetap (lihat panduan data)"))
        dataset, found = participant_dataset(root, values["mentah"], values.get("ambang", THRESHOLD), common, located.line("mentah"))
        return (dataset, problems) if not (problems or found) else (None, problems + found)
    if "kolom" not in values:
        return None, problems + [Problem(name, 1, "kunci wajib 'kolom' tidak ada; daftarkan kolom tabel (lihat panduan data)")]
    columns: list[Column] = []
    for index in range(len(values["kolom"])):
        col, found = check(located, KOLOM, name, prefix=f"kolom[{index}]")
        problems.extend(found)
        if not found and (message := name_problem(col["nama"])):
            found = [Problem(name, located.line(f"kolom[{index}].nama"), message)]
            problems.extend(found)
        if not found:
            columns.append(Column(col["nama"], col["label"], col["jenis"], col.get("negatif") == "boleh"))
    problems += personal_columns(located, name, columns)
    target = values.get("sasaran", "")
    numeric = [c.name for c in columns if c.kind == "bilangan"]
    if target and target not in numeric:
        problems.append(Problem(name, located.line("sasaran"), f"sasaran '{target}' harus nama kolom berjenis bilangan" + suggest(target, numeric, "kolom bilangan")))
    table, message = inside(root / "data", values["berkas"])
    if message:
        problems.append(Problem(name, located.line("berkas"), message))
    if problems:
        return None, problems
    layout = Layout(values.get("lembar"), values.get("baris_judul"), values.get("baris_jumlah", ""), values.get("format_angka") == "inggris")
    rows, problems, totals, found_at = read_table(root, table, tuple(columns), path.name, layout)
    if problems:
        return None, problems
    data_file = f"data/{values['berkas']}"
    common["stated"] += tuple(total_figure(path.stem, data_file, common, t) for t in totals)
    return Dataset(**common, columns=output_columns(tuple(columns)), rows=rows, data_file=data_file, target=target, found_at=found_at), []


def found_notes(datasets: tuple[Dataset, ...] | list[Dataset]) -> list[str]:
    """A note for each table read from another place than the first sheet's first row, so an editor can check it."""
    return [f"Catatan: tabel {d.data_file} dibaca dari {d.found_at}; periksa bahwa itu tabel yang dimaksud." for d in datasets if d.found_at]


def total_figure(dataset_id: str, data_file: str, common: dict, total: TotalRow) -> Figure:
    """A total row of a table file (baris_jumlah: periksa) as a figure its source states, audited like an announced one.

    Its path is the table file itself, which tells it from the figures the yml restates, and its
    description names the column it totals.
    """
    written = f"'{total.label}'" if total.label else "jumlah"
    return Figure(
        id=f"{dataset_id}-baris-{total.row}-{total.column.name}", path=data_file, label=total.column.label, value=total.stated,
        unit=f"(baris {written} di berkas {data_file}, baris {total.row}, kolom {total.letter} '{total.column.label}')",
        date=common["date"], sources=common["sources"], breakdown=dataset_id, description=total.column.name, line=total.row,
    )


def personal_columns(located: Located, name: str, columns: list[Column]) -> list[Problem]:
    """A published table whose columns hold personal data is refused: such files belong in data/mentah/."""

    return [Problem(name, located.line(f"kolom[{index}].nama"),
                    f"kolom '{column.name}' berisi data pribadi ({kind}); tabel di data/ terbit apa adanya. Simpan berkas "
                    f"per orang di data/mentah/ dan tulis 'mentah: <nama berkas>' di {name}: situs hanya menerbitkan jumlah gabungan yang disamarkan")
            for index, column in enumerate(columns) if (kind := personal_column(column.name))]


def dataset_ids(root: Path) -> set[str]:
    """The ids of every table described in data/, including those that failed to read."""
    return {p.stem for p in (root / "data").glob("*.yml") if p.name not in (FIGURES_FILE, CHANGES_FILE)}


def audit(figures: list[Figure], datasets: list[Dataset], declared: set[str] | None = None) -> tuple[list[Audit], list[Problem]]:
    """Check every figure that names a breakdown against the sum of that table.

    A table that is `declared` but failed to read has its own errors; it is not reported again.
    """
    by_id = {d.id: d for d in datasets}
    audits: list[Audit] = []
    problems: list[Problem] = []
    for figure in figures:
        if not figure.breakdown or (figure.breakdown not in by_id and figure.breakdown in (declared or set())):
            continue
        dataset = by_id.get(figure.breakdown)
        if dataset is None:
            problems.append(Problem(figure.path, figure.line, f"angka '{figure.id}': rincian '{figure.breakdown}' tidak ada di data/" + suggest(figure.breakdown, list(by_id), "tabel yang ada")))
            continue
        column = dataset.count_column
        if column is None:
            problems.append(Problem(dataset.path, 0, f"tabel '{dataset.id}' tidak punya kolom bilangan untuk dijumlahkan"))
            continue
        hidden = hidden_totals(dataset, column.name)
        if hidden:
            problems.append(Problem(figure.path, figure.line, f"angka '{figure.id}': rincian '{dataset.id}' menyembunyikan jumlah bulan "
                                    f"{', '.join(hidden)} (kurang dari ambang); selisih angka ini dengan tabel itu akan membuka jumlah "
                                    "yang disembunyikan. Hapus 'rincian' dari angka ini"))
            continue
        audits.append(Audit(figure, dataset, column.name, dataset.column_total(column.name)))
    audits += [Audit(f, d, f.description, d.column_total(f.description)) for d in datasets for f in d.stated if f.path == d.data_file]
    return audits, problems


def hidden_totals(dataset: Dataset, column: str) -> list[str]:
    """The months whose published total of `column` is hidden, in a participant aggregate.

    A key figure audited against such a table would publish figure − (sum of shown totals): the
    sum of the hidden totals, exact when one month is hidden. Nothing else published from the
    participant files ties months together (terang/disclosure.py audits each month on its own).
    """
    if not dataset.aggregate:
        return []
    index = [c.name for c in dataset.columns].index(column)
    return [str(row[0]) for row in dataset.rows if dataset.is_total_row(row) and isinstance(row[index], Suppressed)]


def conflicts(figures: list[Figure], datasets: list[Dataset]) -> tuple[list[Conflict], list[Problem]]:
    """Every figure a table's yml states again, compared with data/angka_kunci.yml."""
    by_id = {f.id: f for f in figures}
    found: list[Conflict] = []
    problems: list[Problem] = []
    for dataset in datasets:
        for stated in (f for f in dataset.stated if f.path != dataset.data_file):  # total rows are audited instead
            figure = by_id.get(stated.id)
            if figure is None:
                problems.append(Problem(stated.path, stated.line, f"angka '{stated.id}' tidak ada di data/{FIGURES_FILE}; tambahkan di sana dulu" + suggest(stated.id, list(by_id), "angka yang ada")))
            elif stated.value != figure.value:
                found.append(Conflict(figure, stated))
    return found, problems


def personal_column(name: str) -> str:
    """What personal data a column name says it holds ('No. KTP' -> 'NIK'), or ''."""
    return PERSONAL.get("_".join(re.findall(r"[^\W_]+", readable(name).casefold())), "")
