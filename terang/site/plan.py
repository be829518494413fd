"""Plan stage: which pages the site has, at which URL, with which template and context."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Mapping

from terang import fmt, urls
from terang.content import news, regulations
from terang.content.markdown import Rendered, literal
from terang.data import formula
from terang.data.datasets import CHANGES_FILE
from terang.data.history import anchor, history, value_on
from terang.model import Change, Dataset, Figure, NewsItem, OutputFile, Page, Regulation
from terang.reuse import Answers, computed
from terang.site.assemble import Site
from terang.site.downloads import dataset_files
from terang.site import notice
from terang.site.share_images import card_alt, figure_card, news_card, row_card
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
        PageSpec(urls.section_url("data"), "data_daftar.html", "Data dan angka", "data", {"dihitung": computed_how(site)}),
        PageSpec(urls.FIGURE_HISTORY, "riwayat_angka.html", "Riwayat angka", f"data/{CHANGES_FILE}", {"versions": versions(site)}),
        PageSpec("404.html", "404.html", "Halaman tidak ditemukan", "templates/404.html", {"absolute_links": True}),
    ]
    related = news.related_to_each(site.news_index)
    for item in (*site.news, *site.regulations, *site.pages):
        specs.append(item_spec(site, item, bodies[item.path], memo, related))
    for dataset in site.datasets:
        specs.append(PageSpec(dataset_url(dataset), "data.html", dataset.title, dataset.path,
                              {"dataset": dataset, "audits": site.audits_of(dataset.id)}))
    how = computed_how(site)
    for figure in site.figures:
        specs.append(PageSpec(urls.figure_page_url(figure.id), "angka.html", figure.label, figure.path,
                              {"figure": figure, "dihitung": how, "share": urls.share_image_url("angka", figure.id),
                               "share_alt": card_alt(figure_card(figure, site.config.name))}))
    return specs + notices(site)


def notices(site: Site) -> list[PageSpec]:
    """The notice-board page of the home page and of every key page (terang.site.notice)."""
    known = notice.values(site.figures, site.datasets, site.audits)
    config = site.config
    specs = [PageSpec(urls.notice_url(urls.HOME), "pengumuman.html", f"Pengumuman: {config.title}", "situs.yml",
                      {**notice.context(config, urls.HOME, config.title, config.programme_summary, (), known),
                       "figures": site.home_figures, "page": None})]
    for page in site.pages:
        if notice.has_notice(page):
            page_url = urls.item_url("halaman", page.slug)
            specs.append(PageSpec(urls.notice_url(page_url), "pengumuman.html", f"Pengumuman: {page.title}", page.path,
                                  {**notice.context(config, page_url, page.question or page.title, page.summary, page.notice, known),
                                   "figures": (), "page": page}))
    return specs


def item_spec(site: Site, item: NewsItem | Regulation | Page, body: Rendered, memo: Answers | None = None,
              related: Mapping[str, tuple[NewsItem, ...]] | None = None) -> PageSpec:
    """The page of one news item, regulation or plain page (`related`: every article's related news, when known)."""
    if isinstance(item, NewsItem):
        cited = tuple(r for r in (site.regulation(s) for s in item.regulations) if r)
        shown = related[item.slug] if related is not None else news.related(site.news_index, item)
        card = news_card(item, site.config.name, {f.id: f for f in site.figures}, site.changes)
        return PageSpec(urls.item_url("berita", item.slug), "berita.html", item.title, item.path,
                        {"item": item, "body": body, "cited": cited,
                         "share": urls.share_image_url("berita", item.slug), "share_alt": card_alt(card),
                         "minutes": computed("menit", item.body.text, lambda: news.reading_minutes(item), memo), "related": shown})
    if isinstance(item, Regulation):
        return PageSpec(urls.item_url("regulasi", item.slug), "regulasi.html", item.title, item.path,
                        {"item": item, "body": body, **regulation_context(site, item)})
    context = {"item": item, "body": body}
    counted = site.row_count(item)
    if counted is not None and counted[1] is not None and counted[0].count_column is not None:
        card = row_card(item, counted[0].count_column.label, counted[1], site.config.name)
        context |= {"share": urls.share_image_url("halaman", item.slug), "share_alt": card_alt(card)}
    return PageSpec(urls.item_url("halaman", item.slug), "halaman.html", item.title, item.path, context)


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


def dated_snippets(site: Site) -> dict[str, dict[str, str]]:
    """For each news item written before a figure it shows last changed: that figure as it stood on the item's date.

    The value valid on the item's date is followed by "(kini X, diperbarui TANGGAL)" linking to the
    newest version on the Riwayat angka page, so a dated article never changes its numbers in silence.
    Pages and regulations are kept up to date by their editors: they show today's values.
    """
    if not site.changes:
        return {}
    newest = {f.id: own[-1] for f in site.figures if (own := site.history(f.id))}
    result: dict[str, dict[str, str]] = {}
    for item in site.news:
        own = {f"angka:{f.id}": figure_then(f, item.date, site.changes) for f in site.figures
               if f.id in newest and newest[f.id].date > item.date and value_on(f, item.date, site.changes) != f.value}
        if own:
            result[item.path] = own
    return result


def figure_then(figure: Figure, day: dt.date, changes: tuple[Change, ...]) -> str:
    """[[angka:ID]] in a text dated `day`, before the figure's last change."""
    last = history(figure.id, changes)[-1]
    then = fmt.figure_value(replace(figure, value=value_on(figure, day, changes)))
    now = fmt.value_with_unit(figure.value, figure.unit)
    return (f"[{literal(then)}](/{urls.figure_url(figure.id)}) \\([kini {literal(now)}, diperbarui {literal(fmt.date(last.date))}]"
            f"(/{urls.version_url(anchor(last, changes))})\\)")


def versions(site: Site) -> list[dict[str, Any]]:
    """Every change of every key figure for the Riwayat angka page and its feed, newest first."""
    by_id = {f.id: f for f in site.figures}
    order = {f.id: index for index, f in enumerate(site.figures)}
    # newest first; on one day the changes the editor wrote come before the figures computed from them
    ordered = sorted(site.changes, key=lambda c: (-c.date.toordinal(), bool(by_id[c.figure_id].formula), order[c.figure_id], c.line))
    return [{"change": c, "figure": by_id[c.figure_id], "anchor": anchor(c, site.changes),
             "old": fmt.value_with_unit(c.old, by_id[c.figure_id].unit), "new": fmt.value_with_unit(c.new, by_id[c.figure_id].unit)}
            for c in ordered if c.figure_id in by_id]


def computed_how(site: Site) -> dict[str, str]:
    """How each derived figure is computed, with today's inputs: "30 × Rp1.000 × 12"."""
    by_id = {f.id: f for f in site.figures}

    def shown(figure_id: str) -> str:
        figure = by_id[figure_id]
        return fmt.rupiah(figure.value) if figure.unit.startswith("rupiah") else fmt.number(figure.value)

    return {f.id: formula.describe(formula.parse(f.formula), shown) for f in site.figures if f.formula}


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
