"""The key figures as data: data/angka-kunci/ with a CSV, a JSON and a Frictionless datapackage.json.

One row per figure of data/angka_kunci.yml, so a journalist can take a headline figure or an estimate into
a spreadsheet with its date, sources, legal basis and estimate flag. The CSV is written by the same
writer as the tables (terang.site.downloads.csv_bytes); a site without figures publishes none of these.
"""

from __future__ import annotations

from typing import Any

from terang import urls
from terang.model import Config, Figure, OutputFile, Source
from terang.site.assemble import Site
from terang.site.downloads import created, csv_bytes, dump, licence, package_sources, sources_json

NAME = "angka-kunci"
TRUE, FALSE = "true", "false"  # how the CSV writes the estimate flag; the package's trueValues/falseValues
# The CSV's columns: name, Table Schema type, title and what a reader needs to know (Indonesian).
COLUMNS = (
    ("id", "string", "ID angka", "Nama tetap angka ini; juga jangkarnya di halaman Data dan angka (data/#id)."),
    ("label", "string", "Label", "Apa yang dihitung oleh angka ini."),
    ("nilai", "integer", "Nilai", "Angkanya, tanpa pemisah ribuan; satuannya ada di kolom satuan."),
    ("satuan", "string", "Satuan", "Satuan nilai, misalnya 'orang' atau 'rupiah per orang per bulan'."),
    ("tanggal", "date", "Tanggal data", "Tanggal data menurut sumbernya (TTTT-BB-HH)."),
    ("sumber", "string", "Sumber", "Nama sumber, dipisah '; '. Rincian tiap sumber (alamat dan tanggalnya bila ada) ada di angka-kunci.json."),
    ("dasar_hukum", "string", "Dasar hukum", "ID regulasi di situs ini (halaman regulasi/<id>/); kosong bila tidak disebut."),
    ("perkiraan", "boolean", "Perkiraan", "true bila angka ini perkiraan, bukan angka resmi; anggapannya ada di kolom catatan."),
    ("keterangan", "string", "Keterangan", "Penjelasan singkat tentang angka ini; boleh kosong."),
    ("catatan", "string", "Catatan", "Hal yang perlu diketahui sebelum memakai angka ini (misalnya anggapan perkiraan); boleh kosong."),
)


def key_figure_files(site: Site) -> list[OutputFile]:
    """data/angka-kunci/angka-kunci.csv, angka-kunci.json and datapackage.json; nothing without figures."""
    figures = site.figures
    if not figures:
        return []
    origin = figures[0].path
    return [OutputFile(urls.KEY_FIGURES_CSV, origin, figures_csv(figures)),
            OutputFile(urls.KEY_FIGURES_JSON, origin, figures_json(site)),
            OutputFile(urls.KEY_FIGURES_PACKAGE, origin, figures_package(figures, site.config))]


def row(figure: Figure) -> list[Any]:
    """One figure as a CSV row, in the order of COLUMNS."""
    return [figure.id, figure.label, figure.value, figure.unit, figure.date.isoformat(),
            "; ".join(s.name for s in figure.sources), figure.legal_basis, TRUE if figure.estimate else FALSE,
            figure.description, figure.note]


def figures_csv(figures: tuple[Figure, ...]) -> bytes:
    """Every figure as one CSV row: text quoted, numbers not (the tables' rules)."""
    return csv_bytes([name for name, *_ in COLUMNS], (row(f) for f in figures))


def figure_page(figure: Figure, config: Config) -> str:
    """The figure's anchor on the Data page: absolute with base_url, else relative to the site root."""
    return urls.address(config.base_url, urls.figure_url(figure.id))


def legal_basis(site: Site, figure: Figure) -> dict[str, str] | None:
    """The regulation a figure names: its id, title and page; None when it names none."""
    if not figure.legal_basis:
        return None
    regulation = site.regulation(figure.legal_basis)
    if regulation is None:
        return {"id": figure.legal_basis}
    page = urls.item_url("regulasi", regulation.slug)
    return {"id": regulation.slug, "judul": regulation.title,
            "halaman": urls.address(site.config.base_url, page)}


def record(site: Site, figure: Figure) -> dict[str, Any]:
    """One figure for angka-kunci.json: the CSV's cells, with the sources and the legal basis as objects."""
    return {
        "id": figure.id,
        "label": figure.label,
        "nilai": figure.value,
        "satuan": figure.unit,
        "tanggal": figure.date.isoformat(),
        "sumber": sources_json(figure.sources),
        "dasar_hukum": legal_basis(site, figure),
        "perkiraan": figure.estimate,
        "keterangan": figure.description,
        "catatan": figure.note,
        "halaman": figure_page(figure, site.config),
    }


def title(config: Config) -> str:
    return f"Angka kunci: {config.title}"


def description(config: Config) -> str:
    return (f"Semua angka kunci {config.title}, satu baris per angka, dengan tanggal data, sumber, dasar hukum "
            "dan tanda perkiraan. Angka perkiraan bukan angka resmi; anggapannya ada di kolom catatan.")


def figures_json(site: Site) -> bytes:
    """Every figure as JSON: title, description and one record per figure."""
    return dump({"id": NAME, "judul": title(site.config), "deskripsi": description(site.config),
                 "angka": [record(site, f) for f in site.figures]})


def field(name: str, kind: str, label: str, note: str, figures: tuple[Figure, ...]) -> dict[str, Any]:
    """A Table Schema field of the CSV; nilai is a number when a figure is not a whole number."""
    if name == "nilai" and not all(isinstance(f.value, int) and not isinstance(f.value, bool) for f in figures):
        kind = "number"
    result: dict[str, Any] = {"name": name, "title": label, "type": kind, "description": note}
    if kind == "boolean":
        result |= {"trueValues": [TRUE], "falseValues": [FALSE]}
    if name == "id":
        result["constraints"] = {"required": True, "unique": True}
    return result


def unique(sources: list[Source]) -> tuple[Source, ...]:
    """Sources in first-seen order, each once."""
    return tuple(dict.fromkeys(sources))


def figures_package(figures: tuple[Figure, ...], config: Config) -> bytes:
    """A Frictionless Data Package for angka-kunci.csv; created is the newest figure's date at 00:00 UTC, never the clock."""
    package = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": title(config),
        "description": description(config),
        "created": created(max(f.date for f in figures)),
        "licenses": licence(config),
        "sources": package_sources(unique([s for f in figures for s in f.sources])),
        **({"contributors": [{"title": config.publisher, "role": "publisher"}]} if config.publisher else {}),
        "publisher": config.publisher,
        "resources": [{
            "name": NAME, "path": urls.KEY_FIGURES_CSV.rsplit("/", 1)[1], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [field(*column, figures) for column in COLUMNS], "primaryKey": ["id"]},
        }],
    }
    return dump(package)
