"""What makes a figure citable and a table reusable: CSV, JSON, datapackage.json, JSON-LD, citations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from terang import fmt, urls
from terang.model import Column, Config, Dataset, Figure, OutputFile, Source, Suppressed

TABLE_TYPES = {"bilangan": "integer", "teks": "string", "wilayah": "string", "periode": "yearmonth",
               "desimal": "number", "persen": "number", "rupiah": "number", "tanggal": "date"}
UNITS = {"persen": "Persen: 45.5 berarti 45,5%", "rupiah": "Rupiah (IDR)"}  # what a number column's value means
LICENCES = {
    "CC BY 4.0": ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0 1.0": ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC BY-SA 4.0": ("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
}
CELL_NOTE = "'<N' berarti 1 sampai N-1 orang; '×' berarti angka disembunyikan agar angka kecil tidak dapat dihitung dari jumlah baris atau kolom."


def download_paths(dataset: Dataset) -> dict[str, str]:
    """Stable download URLs of a table: data/<id>/<id>.csv, .json and datapackage.json."""
    base = f"data/{dataset.id}/"
    return {"csv": f"{base}{dataset.id}.csv", "json": f"{base}{dataset.id}.json", "datapackage": f"{base}datapackage.json"}


def labelled(dataset: Dataset) -> str:
    """A table's title, marked SIMULASI when it holds generated test data."""
    return dataset.title + (" (SIMULASI)" if dataset.synthetic and "SIMULASI" not in dataset.title else "")


def plain(value: Any) -> Any:
    """A cell for CSV and JSON: hidden cells become their mark ('<5', '×')."""
    return str(value) if isinstance(value, Suppressed) else value


def table_csv(dataset: Dataset) -> bytes:
    """The table as UTF-8 CSV with a header of column names.

    Every text cell is quoted (numbers are not): Excel set to Indonesian splits cells at ';', not
    ',', and a quoted cell is one cell there too, so no part of a text can become a formula of its
    own. Cells and column names that start as a formula are refused when the table is read.
    """
    return csv_bytes([c.name for c in dataset.columns], ([plain(v) for v in row] for row in dataset.rows))


def csv_bytes(header: list[str], rows: Any) -> bytes:
    """UTF-8 CSV with '\\n' line ends: every text cell quoted, numbers (int, float) not; the one CSV writer of all downloads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def sources_json(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    """Sources as JSON objects with the keys editors write (nama, judul, url, tanggal, diakses), null where absent."""
    return [{"nama": s.name, "judul": s.title or None, "url": s.url or None, "tanggal": iso(s.date), "diakses": iso(s.accessed)}
            for s in sources]


def iso(date: dt.date | None) -> str | None:
    """A date as YYYY-MM-DD, None when there is none."""
    return date.isoformat() if date else None


def table_json(dataset: Dataset) -> bytes:
    """The table as JSON with its title, date, sources, Satu Data Indonesia metadata and column labels."""
    record: dict[str, Any] = {
        "id": dataset.id,
        "judul": labelled(dataset),
        "deskripsi": dataset.description,
        "tanggal": dataset.date.isoformat(),
        "sumber": sources_json(dataset.sources),
        **dict(dataset.sdi),  # Satu Data Indonesia metadata, under the keys the yml gives them
        "kolom": [{"nama": c.name, "label": c.label, "jenis": c.kind} for c in dataset.columns],
        "baris": [dict(zip((c.name for c in dataset.columns), (plain(v) for v in row), strict=True)) for row in dataset.rows],
    }
    if dataset.synthetic:
        record["simulasi"] = True
    if dataset.aggregate:
        record["keterangan_sel"] = CELL_NOTE
    return dump(record)


def dump(record: Any) -> bytes:
    """Readable UTF-8 JSON with a final newline."""
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def field(column: Column, aggregate: bool) -> dict[str, Any]:
    """A Frictionless Table Schema field for a column."""
    result: dict[str, Any] = {"name": column.name, "title": column.label, "type": TABLE_TYPES[column.kind]}
    if column.kind in UNITS:
        result["description"] = UNITS[column.kind]
    if column.kind == "wilayah":
        result["description"] = "Kode wilayah Kemendagri"
        result["constraints"] = {"pattern": r"\d{2}(\.\d{2}){1,2}(\.\d{4})?"} if not aggregate else {}
    return result


def licence(config: Config) -> list[dict[str, str]]:
    """The site's licence as Data Package 'licenses' (SPDX name and URL when known)."""
    if not config.licence:
        return []
    name, path = LICENCES.get(config.licence, (config.licence, ""))
    return [{"name": name, "title": config.licence, **({"path": path} if path else {})}]


def created(date: dt.date) -> str:
    """A package's RFC 3339 'created' datetime: the data's own date at 00:00 UTC, never the clock."""
    return f"{date.isoformat()}T00:00:00Z"


def package_sources(sources: tuple[Source, ...]) -> list[dict[str, str]]:
    """Data Package 'sources': the spec's `title` (the article's title, else the source's name) and `path`
    (only when the source has its own URL), then what the spec has no property for, as the custom
    properties it allows: `publisher` (the outlet, when the title is the article's), `issued` (the
    source's date) and `accessed` (the day it was read online)."""
    result = []
    for s in sources:
        item = {"title": s.title or s.name}
        optional = (("path", s.url), ("publisher", s.name if s.title else ""), ("issued", iso(s.date)), ("accessed", iso(s.accessed)))
        item.update((key, value) for key, value in optional if value)
        result.append(item)
    return result


def datapackage(dataset: Dataset, config: Config) -> bytes:
    """A Frictionless Data Package describing the CSV: types, licence, sources and Satu Data Indonesia metadata."""
    paths = download_paths(dataset)
    schema: dict[str, Any] = {"fields": [field(c, dataset.aggregate) for c in dataset.columns]}
    if dataset.aggregate:
        schema["missingValues"] = ["", *sorted({str(v) for r in dataset.rows for v in r if isinstance(v, Suppressed)})]
    package = {
        "profile": "tabular-data-package",
        "name": dataset.id,
        "title": labelled(dataset),
        "description": dataset.description + (" " + CELL_NOTE if dataset.aggregate else ""),
        "created": created(dataset.date),
        "licenses": licence(config),
        "sources": package_sources(dataset.sources),
        **({"contributors": [{"title": config.publisher, "role": "publisher"}]} if config.publisher else {}),
        "publisher": config.publisher,
        **dict(dataset.sdi),  # Satu Data Indonesia metadata as custom properties, which the spec allows
        "resources": [{
            "name": dataset.id, "path": paths["csv"].rsplit("/", 1)[1], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
        }],
    }
    return dump(package)


def dataset_files(datasets: tuple[Dataset, ...], config: Config) -> list[OutputFile]:
    """Every table as CSV, JSON and datapackage.json, written from the checked rows (not copied raw)."""
    files = []
    for dataset in datasets:
        paths = download_paths(dataset)
        files += [OutputFile(paths["csv"], dataset.path, table_csv(dataset)),
                  OutputFile(paths["json"], dataset.path, table_json(dataset)),
                  OutputFile(paths["datapackage"], dataset.path, datapackage(dataset, config))]
    return files


def json_ld(dataset: Dataset, config: Config, page_url: str) -> str:
    """schema.org Dataset for the data page, safe to put inside a <script type="application/ld+json">."""
    return script_json(dataset_record(dataset, config, page_url))


def catalog_json_ld(datasets: tuple[Dataset, ...], config: Config, page_url: str) -> str:
    """schema.org DataCatalog for the catalogue page, listing every Dataset."""
    record: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "DataCatalog", "name": f"Data dan angka: {config.title}",
        "inLanguage": config.language, "publisher": {"@type": "Organization", "name": config.publisher},
        "dataset": [{k: v for k, v in dataset_record(d, config, f"data/{d.id}/").items() if k != "@context"} for d in datasets],
    }
    if config.base_url:
        record["url"] = urls.absolute(config.base_url, page_url)
    return script_json(record)


def script_json(record: dict[str, Any]) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(record, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def dataset_record(dataset: Dataset, config: Config, page_url: str) -> dict[str, Any]:
    """The schema.org Dataset of a table."""
    base = config.base_url
    paths = download_paths(dataset)
    record: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": labelled(dataset),
        "description": dataset.description,
        "inLanguage": config.language,
        "dateModified": dataset.date.isoformat(),
        "publisher": {"@type": "Organization", "name": config.publisher},
        "creator": {"@type": "Organization", "name": config.publisher},
        "isBasedOn": [based_on(s) for s in dataset.sources],
        "variableMeasured": [c.label for c in dataset.columns],
    }
    if licence(config):
        record["license"] = licence(config)[0].get("path") or config.licence
    if base:
        record["url"] = urls.absolute(base, page_url)
        record["distribution"] = [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": urls.absolute(base, paths[key])}
            for key, kind in (("csv", "text/csv"), ("json", "application/json"))
        ]
    return record


def based_on(source: Source) -> dict[str, Any]:
    """A source as a schema.org CreativeWork: its title (else its name), URL, date and outlet where known."""
    record: dict[str, Any] = {"@type": "CreativeWork", "name": source.title or source.name}
    if source.url:
        record["url"] = source.url
    if source.date:
        record["datePublished"] = source.date.isoformat()
    if source.title:
        record["publisher"] = {"@type": "Organization", "name": source.name}
    return record


def citation(figure: Figure, config: Config) -> str:
    """A ready Indonesian citation: publisher, title, value, date of the data, its sources, URL."""
    where = urls.absolute(config.base_url, "data/") + "#" + figure.id if config.base_url else f"halaman Data dan angka, bagian #{figure.id}"
    sources = f"Sumber: {cited_sources(figure.sources)}. " if figure.sources else ""
    return (f"{config.publisher}. \"{figure.label}: {fmt.figure_value(figure)}.\" {config.title}, "
            f"data per {fmt.date(figure.date)}. {sources}{where}")


def cited_sources(sources: tuple[Source, ...]) -> str:
    """Sources for a citation: "title", outlet, date, URL (accessed date), each part only where known."""
    cited = []
    for s in sources:
        parts = [f"\"{s.title}\"" if s.title else "", s.name, fmt.date(s.date) if s.date else "", s.url]
        cited.append(", ".join(filter(None, parts)) + (f" (diakses {fmt.date(s.accessed)})" if s.accessed else ""))
    return "; ".join(cited)
