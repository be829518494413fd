"""The build, as a short sequence of named stages: read, validate, assemble, render, write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import datetime as dt

from . import feeds, news, search, urls
from .config import load_config
from .data import audit, dataset_ids, read_datasets, read_figures
from .errors import BuildFailed, Problem, raise_if
from .markup import Rendered, Targets, render_markdown
from .model import OutputFile
from .listings import listing_urls, plan_listings
from .pages import dataset_url, download_paths, downloads, plan, snippets
from .read import read_content
from .render import render_pages
from .schema import suggest
from .site import Site, assemble
from .validate import validate_sources
from .write import check_target, collisions, write_site


@dataclass(frozen=True)
class Options:
    root: Path
    out: Path
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    future: bool = False


@dataclass(frozen=True)
class Result:
    pages: int
    files: int
    seconds: float
    site: Site


def build(options: Options) -> Result:
    """Build the site into options.out, or raise BuildFailed with every problem found."""
    start = time.perf_counter()
    site, assets = load(options)
    outputs = render(options.root, site, assets)
    raise_if(check_target(options.out, options.root))
    write_site(options.out, outputs, finishers(options, site))
    pages = sum(1 for f in outputs if f.path.endswith(".html"))
    return Result(pages, len(outputs), time.perf_counter() - start, site)


def finishers(options: Options, site: Site) -> list:
    """Steps that run on the complete staging folder before it replaces the old site."""
    return [search.index_site]


def load(options: Options) -> tuple[Site, tuple[str, ...]]:
    """Read and validate every input; all problems of all files are reported together."""
    root = options.root
    config, problems = load_config(root, options.base_url)
    content, found = read_content(root)
    problems += found
    items, found = validate_sources(root, content.sources)
    problems += found
    figures, found = read_figures(root)
    problems += found
    datasets, found = read_datasets(root)
    problems += found
    audits, found = audit(figures, datasets, dataset_ids(root))
    problems += found
    regulations = {i.slug for i in items if i.kind == "regulasi"}
    problems += legal_basis_problems(figures, datasets, config, regulations)
    if options.strict:
        problems += [Problem(a.figure.path, a.figure.line, f"angka '{a.figure.id}' ({a.figure.value}) tidak sama dengan jumlah tabel '{a.dataset.id}' ({a.summed}); selisih {a.difference} (--strict)") for a in audits if not a.matches]
    raise_if(problems)
    assert config is not None
    items = news.publishable(items, options.drafts, options.future, config.build_date or dt.date.today())
    return assemble(config, items, figures, datasets, audits, options.drafts), content.assets


def legal_basis_problems(figures: list, datasets: list, config, regulations: set[str]) -> list[Problem]:
    """Every dasar_hukum must name a regulation in content/regulasi/."""
    named = [(f.path, f.line, f.legal_basis) for f in figures] + [(d.path, 0, d.legal_basis) for d in datasets]
    if config is not None:
        named.append(("situs.yml", 0, config.legal_basis))
    return [
        Problem(path, line, f"dasar_hukum '{slug}' tidak ada di content/regulasi/" + suggest(slug, sorted(regulations), "regulasi yang ada"))
        for path, line, slug in named if slug and slug not in regulations
    ]


def render(root: Path, site: Site, assets: tuple[str, ...]) -> list[OutputFile]:
    """Markdown bodies, then templates, then downloads and copied files."""
    files = [OutputFile(a, f"content/{a}", source=str(root / "content" / a)) for a in assets]
    static = root / "templates" / "aset"
    if static.is_dir():
        files += [OutputFile("aset/" + p.relative_to(static).as_posix(), f"templates/aset/{p.name}", source=str(p))
                  for p in sorted(static.rglob("*")) if p.is_file()]
    data_files = downloads(site)
    bodies, problems = render_bodies(site, {f.path for f in files + data_files})
    raise_if(problems)
    specs = plan(site, bodies) + plan_listings(site)
    pages, problems = render_pages(root / "templates", site, specs)
    outputs = pages + data_files + files + feeds.machine_files(site, [s.url for s in specs])
    raise_if(problems + collisions(outputs))
    return sorted(outputs, key=lambda f: f.path)


def render_bodies(site: Site, files: set[str]) -> tuple[dict[str, Rendered], list[Problem]]:
    """Every Markdown body to HTML; links are checked against every page and file of the site."""
    items = [*site.news, *site.regulations, *site.pages]
    page_urls = {urls.HOME, "berita/", "regulasi/", "data/"}
    page_urls |= {urls.item_url(i.kind, i.slug) for i in items}
    page_urls |= {dataset_url(d) for d in site.datasets}
    page_urls |= listing_urls(site)
    targets = Targets(
        pages=frozenset(page_urls),
        files=frozenset(files),
        sources={i.path: urls.item_url(i.kind, i.slug) for i in items},
        snippets=snippets(site.figures, site.datasets, site.audits),
    )
    bodies: dict[str, Rendered] = {}
    problems: list[Problem] = []
    for item in items:
        bodies[item.path], found = render_markdown(item.body, urls.item_url(item.kind, item.slug), targets)
        problems += found
    return bodies, problems


__all__ = ["Options", "Result", "build", "BuildFailed", "download_paths"]
