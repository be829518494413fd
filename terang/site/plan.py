"""Plan stage: which pages the site has, at which URL, with which template and context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from terang import fmt, urls
from terang.content import news, regulations
from terang.content.markdown import Rendered, literal
from terang.model import Dataset, NewsItem, OutputFile, Page, Regulation
from terang.reuse import Answers, computed
from terang.site.assemble import Site
from terang.site.downloads import dataset_files
from terang.site.key_figures import key_figure_files


@dataclass(frozen=True)
class PageSpec:
    url: str
    template: str
    title: str
    origin: str  # the input file this page comes from, for error messages
    context: Mapping[str, Any]


def plan(site: Site, bodies: Mapping[str, Rendered], memo: Answers | None = None) -> list[PageSpec]:
    """Every HTML page of the site, in a fixed order (reading times counted through `memo`)."""
    specs = [
        PageSpec(urls.HOME, "beranda.html", site.config.title, "situs.yml", {"latest": site.news[: site.config.news_on_home]}),
        PageSpec(urls.section_url("berita"), "berita_daftar.html", "Berita", "content/berita", news.listing(site.news, site.config.news_per_page, 1, site.news_index, "Berita")),
        PageSpec(urls.section_url("regulasi"), "regulasi_daftar.html", "Regulasi", "content/regulasi",
                 regulations.listing(site.regulations, site.regulations, "Regulasi", urls.section_url("regulasi"))),
        PageSpec(urls.section_url("data"), "data_daftar.html", "Data dan angka", "data", {}),
        PageSpec("404.html", "404.html", "Halaman tidak ditemukan", "templates/404.html", {"absolute_links": True}),
    ]
    related = news.related_to_each(site.news_index)
    for item in (*site.news, *site.regulations, *site.pages):
        specs.append(item_spec(site, item, bodies[item.path], memo, related))
    for dataset in site.datasets:
        specs.append(PageSpec(dataset_url(dataset), "data.html", dataset.title, dataset.path,
                              {"dataset": dataset, "audits": site.audits_of(dataset.id)}))
    return specs


def item_spec(site: Site, item: NewsItem | Regulation | Page, body: Rendered, memo: Answers | None = None,
              related: Mapping[str, tuple[NewsItem, ...]] | None = None) -> PageSpec:
    """The page of one news item, regulation or plain page (`related`: every article's related news, when known)."""
    if isinstance(item, NewsItem):
        cited = tuple(r for r in (site.regulation(s) for s in item.regulations) if r)
        shown = related[item.slug] if related is not None else news.related(site.news_index, item)
        return PageSpec(urls.item_url("berita", item.slug), "berita.html", item.title, item.path,
                        {"item": item, "body": body, "cited": cited,
                         "minutes": computed("menit", item.body.text, lambda: news.reading_minutes(item), memo), "related": shown})
    if isinstance(item, Regulation):
        return PageSpec(urls.item_url("regulasi", item.slug), "regulasi.html", item.title, item.path,
                        {"item": item, "body": body, **regulation_context(site, item)})
    return PageSpec(urls.item_url("halaman", item.slug), "halaman.html", item.title, item.path, {"item": item, "body": body})


def dataset_url(dataset: Dataset) -> str:
    return f"data/{dataset.id}/"


def downloads(site: Site) -> list[OutputFile]:
    """The key figures as data (data/angka-kunci/, see terang.site.key_figures) and every table as CSV, JSON and
    datapackage.json (see terang.site.downloads); in this order, so a table named angka-kunci is the one a
    collision error names."""
    return key_figure_files(site) + dataset_files(site.datasets, site.config)


def snippets(site_figures: tuple, datasets: tuple, audits: tuple) -> dict[str, str]:
    """Markdown for the [[...]] placeholders, so bodies never retype a figure."""
    result: dict[str, str] = {}
    for figure in site_figures:
        result[f"angka:{figure.id}"] = f"[{literal(fmt.figure_value(figure))}](/data/#{figure.id})"
    for audit in audits:
        result[f"selisih:{audit.figure.id}"] = f"[{fmt.number(abs(audit.difference))}](/data/#catatan-{audit.figure.id})"
    for dataset in datasets:
        url = "/" + dataset_url(dataset)
        for column in [dataset.count_column] if dataset.count_column else []:
            result[f"jumlah:{dataset.id}"] = f"[{fmt.number(dataset.column_total(column.name))}]({url})"
        result[f"tabel:{dataset.id}"] = table_markdown(dataset, url)
    return result


def table_markdown(dataset: Dataset, url: str) -> str:
    """A dataset as a Markdown table with its total and source, for [[tabel:ID]]."""
    head = "| " + " | ".join(literal(c.label) for c in dataset.columns) + " |"
    rule = "| " + " | ".join("--:" if c.is_number else ":--" for c in dataset.columns) + " |"
    lines = ["", head, rule]
    for row in dataset.rows:
        cells = [literal(fmt.cell(v, c.kind)) for c, v in zip(dataset.columns, row)]
        lines.append("| " + " | ".join(cells) + " |")
    if dataset.numeric_columns:
        totals = [f"**{fmt.number(dataset.column_total(c.name))}**" if c.kind == "bilangan" else "" for c in dataset.columns]
        totals[0] = "**Jumlah (dihitung dari tabel)**"
        lines.append("| " + " | ".join(totals) + " |")
    sources = ", ".join(literal(s.name) for s in dataset.sources)
    lines += ["", f"Sumber: {sources}; data per {fmt.date(dataset.date)}. [Lihat tabel, sumber dan unduhan data]({url})", ""]
    return "\n".join(lines)


def regulation_context(site: Site, reg: Regulation) -> dict:
    """What a regulation page shows beyond the front matter: relations, citations, JSON-LD."""
    rel = regulations.relations(site.regulations, reg)
    cited = regulations.citing(reg, site.news, site.datasets, site.figures)
    return {"citing": cited["news"], "citing_data": cited["datasets"], "citing_figures": cited["figures"],
            "rel": rel, "json_ld": regulations.json_ld(reg, rel, site.config.base_url)}
