"""Render stage: Jinja2 templates to HTML strings, with errors that name the template line."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

import jinja2

from terang import fmt, urls
from terang.content.news import topic_slug
from terang.errors import Problem
from terang.model import OutputFile
from terang.site import charts, downloads, notice, search_parts, theme
from terang.site.assemble import Site
from terang.site.downloads import download_paths
from terang.site.plan import PageSpec, dataset_url



class PageTracker(Protocol):
    """Decides which pages can be reused from the previous site, and records what new ones read (terang.build.incremental)."""

    def watch(self, env: jinja2.Environment) -> None:
        """Record every template a render loads."""
        ...

    def reuse(self, spec: PageSpec) -> OutputFile | None:
        """The previous site's file for this page, when nothing it read has changed."""
        ...

    def view(self, site: Site, spec: PageSpec) -> tuple[Any, dict[str, Any]]:
        """The site and the page's context as its templates see them while they are recorded."""
        ...

    def made(self, spec: PageSpec, output: OutputFile) -> OutputFile:
        """Remember what a freshly rendered page read."""
        ...


def make_env(templates: Path) -> jinja2.Environment:
    """Strict, autoescaping environment with the Indonesian formatting filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme.folders(templates)),  # the project's templates/ first, then the theme
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        angka=fmt.number, tanggal=fmt.date, tanggal_hari=fmt.long_date,
        nilai=fmt.figure_value, nilai_satuan=fmt.value_with_unit, telepon=fmt.dial,
    )
    env.globals.update(url=_url, url_absolut=_absolute, item_url=urls.item_url,
                       dataset_url=dataset_url, unduhan=download_paths, jenis_halaman=_page_type,
                       topik_url=lambda name: urls.topic_url(topic_slug(name)))
    env.globals.update(sel=fmt.cell, grafik=charts.svg, ringkasan_data=lambda d: charts.describe(d, charts.bars(d)),
                       json_ld=downloads.json_ld, json_ld_katalog=downloads.catalog_json_ld,
                       kutipan=downloads.citation, bagian_cari=search_parts.names,
                       unduhan_angka_kunci={"csv": urls.KEY_FIGURES_CSV, "json": urls.KEY_FIGURES_JSON, "datapackage": urls.KEY_FIGURES_PACKAGE},
                       riwayat_angka_url=urls.FIGURE_HISTORY, riwayat_angka_feed=urls.FIGURE_HISTORY_FEED,
                       pengumuman_url=urls.notice_url, punya_pengumuman=notice.has_notice,
                       angka_url=urls.figure_page_url, gambar_bagikan_url=urls.share_image_url)
    return env


@jinja2.pass_context
def _page_type(context: jinja2.runtime.Context) -> str:
    """The page's own template ("berita" for berita.html), so CSS and checks can tell page types apart."""
    return Path(context.name or "").stem


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered; the 404 page links from the site's base path."""
    if context.get("absolute_links"):
        return urls.base_path(context["site"].config.base_url) + urls.output_path(target)
    return urls.relative(context["page_url"], target)


@jinja2.pass_context
def _absolute(context: jinja2.runtime.Context, target: str) -> str:
    """Absolute URL from base_url, or '' when the site has no base_url."""
    base = context["site"].config.base_url
    return urls.absolute(base, target) if base else ""


def render_pages(templates: Path, site: Site, specs: list[PageSpec], tracker: PageTracker | None = None,
                 env: jinja2.Environment | None = None, sink: Callable[[OutputFile], OutputFile] | None = None,
                 order: Sequence[int] | None = None) -> tuple[list[OutputFile], list[Problem]]:
    """Render every planned page; a broken template is reported once, with its line.

    With a tracker, pages whose recorded inputs did not change are reused, not rendered.
    `env` reuses an environment of make_env() (its compiled templates); none with a tracker.
    `sink` writes each page as soon as it is made and gives what to keep of it (not its bytes).
    `order` is the order to make the pages in (indices of `specs`); what is returned is in spec order.
    """
    keep = sink or (lambda output: output)
    env = env or make_env(templates)
    if tracker:
        tracker.watch(env)
    made: dict[int, OutputFile] = {}
    failed: dict[int, Problem] = {}
    for index in (range(len(specs)) if order is None else order):
        spec = specs[index]
        reused = tracker.reuse(spec) if tracker else None
        if reused:
            made[index] = keep(reused)
            continue
        shown, extra = tracker.view(site, spec) if tracker else (site, spec.context)
        context: dict[str, Any] = {"site": shown, "page_url": spec.url, "title": spec.title, "absolute_links": False, **extra}
        try:
            html = env.get_template(spec.template).render(context)
        except jinja2.TemplateSyntaxError as exc:
            failed[index] = Problem(_template_name(templates, exc.filename, exc.name), exc.lineno, f"kesalahan sintaks templat: {exc.message}")
            continue
        except jinja2.TemplateNotFound as exc:
            failed[index] = Problem(f"templates/{spec.template}", 0, f"templat '{exc.name}' tidak ditemukan di templates/ maupun di tema bawaan Terang")
            continue
        except Exception as exc:  # any error raised while a template runs
            name, line = _template_frame(templates, exc)
            failed[index] = Problem(name, line, f"templat gagal dirender untuk {spec.origin}: {exc}")
            continue
        output = OutputFile(urls.output_path(spec.url), spec.origin, html.encode("utf-8"))
        made[index] = keep(tracker.made(spec, output) if tracker else output)
    return [made[i] for i in sorted(made)], _dedupe([failed[i] for i in sorted(failed)])


def _template_name(templates: Path, filename: str | None, name: str | None) -> str:
    return theme.shown_name(templates, filename) or f"templates/{name or '?'}"


def _template_frame(templates: Path, exc: BaseException) -> tuple[str, int]:
    """The innermost template file and line in the traceback Jinja rewrote for us."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        shown = theme.shown_name(templates, frame.filename)
        if shown:
            return shown, frame.lineno or 0
    return "templates", 0


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """A template error repeats for every page that uses it: keep the first of each place."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for problem in problems:
        if (problem.path, problem.line) not in seen:
            seen.add((problem.path, problem.line))
            kept.append(problem)
    return kept
