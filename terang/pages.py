"""Plan stage: which pages the site has, at which URL, with which template and context."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Mapping

from . import fmt, legal, news, urls
from .markup import Rendered
from .model import Dataset, OutputFile
from .site import Site


@dataclass(frozen=True)
class PageSpec:
    url: str
    template: str
    title: str
    origin: str  # the input file this page comes from, for error messages
    context: Mapping[str, Any]


def plan(site: Site, bodies: Mapping[str, Rendered]) -> list[PageSpec]:
    """Every HTML page of the site, in a fixed order."""
    specs = [
        PageSpec(urls.HOME, "beranda.html", site.config.title, "situs.yml", {"latest": site.news[: site.config.news_on_home]}),
        PageSpec(urls.section_url("berita"), "berita_daftar.html", "Berita", "content/berita", news.listing(site.news, site.config.news_per_page, 1, site.news, "Berita")),
        PageSpec(urls.section_url("regulasi"), "regulasi_daftar.html", "Regulasi", "content/regulasi",
                 legal.listing(site.regulations, site.regulations, "Regulasi", urls.section_url("regulasi"))),
        PageSpec(urls.section_url("data"), "data_daftar.html", "Data dan angka", "data", {}),
        PageSpec("404.html", "404.html", "Halaman tidak ditemukan", "templates/404.html", {"absolute_links": True}),
    ]
    for item in site.news:
        cited = tuple(r for r in (site.regulation(s) for s in item.regulations) if r)
        specs.append(PageSpec(urls.item_url("berita", item.slug), "berita.html", item.title, item.path,
                              {"item": item, "body": bodies[item.path], "cited": cited,
                               "minutes": news.reading_minutes(item), "related": news.related(site.news, item)}))
    for reg in site.regulations:
        specs.append(PageSpec(urls.item_url("regulasi", reg.slug), "regulasi.html", reg.title, reg.path,
                              {"item": reg, "body": bodies[reg.path], **legal.page_context(site, reg)}))
    for page in site.pages:
        specs.append(PageSpec(urls.item_url("halaman", page.slug), "halaman.html", page.title, page.path,
                              {"item": page, "body": bodies[page.path]}))
    for dataset in site.datasets:
        specs.append(PageSpec(dataset_url(dataset), "data.html", dataset.title, dataset.path,
                              {"dataset": dataset, "audits": site.audits_of(dataset.id)}))
    return specs


def dataset_url(dataset: Dataset) -> str:
    return f"data/{dataset.id}/"


def download_paths(dataset: Dataset) -> dict[str, str]:
    """Stable download URLs of a table: data/<id>/<id>.csv and .json."""
    base = f"data/{dataset.id}/{dataset.id}"
    return {"csv": base + ".csv", "json": base + ".json"}


def downloads(site: Site) -> list[OutputFile]:
    """Every table as CSV and JSON, written from the checked rows (not copied raw)."""
    files = []
    for dataset in site.datasets:
        paths = download_paths(dataset)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.name for c in dataset.columns])
        writer.writerows(dataset.rows)
        files.append(OutputFile(paths["csv"], dataset.path, buffer.getvalue().encode("utf-8")))
        record = {
            "id": dataset.id,
            "judul": dataset.title,
            "deskripsi": dataset.description,
            "tanggal": dataset.date.isoformat(),
            "sumber": [{"nama": s.name, "url": s.url, "tanggal": s.date.isoformat() if s.date else None} for s in dataset.sources],
            "kolom": [{"nama": c.name, "label": c.label, "jenis": c.kind} for c in dataset.columns],
            "baris": [dict(zip((c.name for c in dataset.columns), row)) for row in dataset.rows],
        }
        files.append(OutputFile(paths["json"], dataset.path, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
    return files


def snippets(site_figures: tuple, datasets: tuple, audits: tuple) -> dict[str, str]:
    """Markdown for the [[...]] placeholders, so bodies never retype a figure."""
    result: dict[str, str] = {}
    for figure in site_figures:
        result[f"angka:{figure.id}"] = f"[{fmt.figure_value(figure)}](/data/#{figure.id})"
    for audit in audits:
        result[f"selisih:{audit.figure.id}"] = f"[{fmt.number(abs(audit.difference))}](/data/#catatan-{audit.figure.id})"
    for dataset in datasets:
        url = "/" + dataset_url(dataset)
        for column in dataset.numeric_columns[:1]:
            result[f"jumlah:{dataset.id}"] = f"[{fmt.number(dataset.column_total(column.name))}]({url})"
        result[f"tabel:{dataset.id}"] = table_markdown(dataset, url)
    return result


def table_markdown(dataset: Dataset, url: str) -> str:
    """A dataset as a Markdown table with its total and source, for [[tabel:ID]]."""
    head = "| " + " | ".join(c.label for c in dataset.columns) + " |"
    rule = "| " + " | ".join("--:" if c.kind == "bilangan" else ":--" for c in dataset.columns) + " |"
    lines = ["", head, rule]
    for row in dataset.rows:
        cells = [fmt.number(v) if c.kind == "bilangan" else str(v).replace("|", "\\|") for c, v in zip(dataset.columns, row)]
        lines.append("| " + " | ".join(cells) + " |")
    if dataset.numeric_columns:
        totals = [f"**{fmt.number(dataset.column_total(c.name))}**" if c.kind == "bilangan" else "" for c in dataset.columns]
        totals[0] = "**Jumlah (dihitung dari tabel)**"
        lines.append("| " + " | ".join(totals) + " |")
    sources = ", ".join(s.name for s in dataset.sources)
    lines += ["", f"Sumber: {sources}; data per {fmt.date(dataset.date)}. [Lihat tabel, sumber dan unduhan data]({url})", ""]
    return "\n".join(lines)
