"""The build, as a short sequence of named stages: read, validate, assemble, render, write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from functools import update_wrapper
from pathlib import Path
from typing import Callable

from terang import urls
from terang.build.body_check import body_problems
from terang.build.incremental import Incremental, Stats
from terang.build.progress import Progress
from terang.build.state import State
from terang.content import news
from terang.content.assets import publish as publish_assets
from terang.content.markdown import Rendered, Targets
from terang.content.parallel import render_all
from terang.content.read import read_content
from terang.content.validate import page_problems, validate_sources
from terang.data.datasets import audit, conflicts, dataset_ids, read_datasets, read_figures
from terang.data.history import read_changes
from terang.errors import BuildFailed, Problem, raise_if
from terang.inputs.config import load_config
from terang.inputs.schema import suggest
from terang.model import NewsItem, OutputFile, Page, Regulation
from terang.privacy.output import rules as privacy_rules
from terang.privacy.rules import scan_sources
from terang.publish.finish import finish_site
from terang.publish.indexer import Indexer
from terang.publish.lock import build_lock
from terang.publish.manifest import reserved
from terang.publish.write import Finisher, check_target, collisions, remove_later, staging_folder, write_file, write_site
from terang.reuse import Answers, NO_RESULTS
from terang.site import feeds
from terang.site.assemble import Site, assemble
from terang.site.links import link_targets
from terang.site.listings import plan_listings
from terang.site.plan import downloads, plan
from terang.site.render import render_pages
from terang.site.search_parts import plan as search_parts
from terang.site import notice, theme
from terang.site.share_images import share_image_files


@dataclass(frozen=True)
class Options:
    root: Path
    out: Path
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    future: bool = False
    clean: bool = False  # ignore the caches of earlier builds (they are refreshed all the same)
    publish: bool = False  # --terbit: the public site, which needs its address and leaves out drafts and future news
    progress: Progress = field(default_factory=Progress, compare=False)  # output only, not an input
    # called with the page and file counts once the new site is in place (the old one is still being removed)
    on_swapped: Callable[[int, int], None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Result:
    pages: int
    files: int
    seconds: float
    site: Site
    stats: Stats = Stats()
    targets: Targets | None = None  # what bodies could link to and insert (serve renders single pages with it)


def build(options: Options) -> Result:
    """Build the site into options.out, or raise BuildFailed with every problem found."""
    start = time.perf_counter()
    raise_if(check_target(options.out, options.root))
    stage = options.progress.stage
    with build_lock(options.out):  # one build at a time writes to options.out
        state = State.open(options.root, options.out, options.clean)
        with stage("membaca dan memeriksa"):
            site, assets = load(options, state.answers)
        out = options.out.resolve()
        with staging_folder(out) as staging:  # pages go there as they are rendered, not kept in memory
            indexer = Indexer(staging, out, search_parts(site), state.search)  # indexes each year of news once it is written
            state.search_made = lambda: indexer.records.new if indexer.records else {}
            try:
                with stage("merender"):
                    outputs, targets = render(options.root, site, assets, state, options.progress,
                                              sink=lambda f: _written(write_file(staging, out, f), indexer), order=indexer.order)
                with stage("menulis"):
                    previous = write_site(options.out, outputs, finishers(options, site, indexer, state), staging)
            finally:
                indexer.cancel()  # stops Pagefind only when this build ends early
        removed = remove_later(previous)  # the previous site goes while the state is saved
        pages = sum(1 for f in outputs if f.path.endswith(".html"))
        if options.on_swapped is not None:
            options.on_swapped(pages, len(outputs))
        state.save(settled=removed)  # the pages' identities are taken once it is gone
    return Result(pages, len(outputs), time.perf_counter() - start, site, state.stats, targets)


def _written(f: OutputFile, indexer: Indexer) -> OutputFile:
    indexer.written(f.path)
    return f


def finishers(options: Options, site: Site, indexer: Indexer | None = None, state: State | None = None) -> list[Finisher]:
    """What runs on the complete staging folder before it replaces the old site: see terang.publish.finish.

    With the build `state`, files scanned clean or hashed by an earlier build are not read again
    (with --clean the state trusts nothing kept: every file is scanned and hashed again).
    """
    scans = state.scans_under(privacy_rules(options.root, site.config.official_phones)) if state else NO_RESULTS
    digests = state.digests if state else None

    def finish(staging: Path) -> list[Problem]:
        return finish_site(staging, options.root, site.config.official_phones, scans, indexer, digests)

    return [update_wrapper(finish, finish_site)]


def load(options: Options, answers: Answers | None = None) -> tuple[Site, tuple[str, ...]]:
    """Read and validate every input; all problems of all files are reported together (texts parsed and scanned through `answers`)."""
    root = options.root
    config, problems = load_config(root, options.base_url)
    problems += publishing_problems(options, config)
    content, found = read_content(root, answers)
    problems += found
    items, found = validate_sources(root, content.sources)
    problems += found
    figures, found = read_figures(root)
    problems += found
    datasets, found = read_datasets(root)
    problems += found
    audits, found = audit(figures, datasets, dataset_ids(root))
    problems += found
    stated, found = conflicts(figures, datasets)
    problems += found
    changes, found = read_changes(root, figures)
    problems += found
    problems += scan_sources(root, config.official_phones if config else (), answers)
    regulations = {i.slug for i in items if i.kind == "regulasi"}
    problems += legal_basis_problems(figures, datasets, config, regulations)
    problems += page_problems([i for i in items if isinstance(i, Page)], datasets, config.contact_page if config else "",
                              frozenset(notice.values(figures, datasets, audits)))
    if options.strict:
        problems += [Problem(a.figure.path, a.figure.line, f"angka '{a.figure.id}' ({a.figure.value}) tidak sama dengan jumlah tabel '{a.dataset.id}' ({a.summed}); selisih {a.difference} (--strict)") for a in audits if not a.matches]
        problems += [Problem(c.other.path, c.other.line, f"angka '{c.figure.id}' ditulis {c.other.value} di sini tetapi {c.figure.value} di {c.figure.path}; selisih {c.difference} (--strict)") for c in stated]
    if problems:  # the bodies' mistakes too, in the same run: an editor fixes everything at once
        problems += body_problems(options, config, items, content, (figures, datasets, audits), problems)
    raise_if(problems)
    assert config is not None
    items = news.publishable(items, options.drafts, options.future, config.build_date)
    site = assemble(config, items, figures, datasets, audits, options.drafts)
    return replace(site, conflicts=tuple(stated), changes=tuple(changes)), content.assets


NEEDS_ADDRESS = ("build terbit (--terbit) butuh alamat situs: isi base_url di situs.yml atau jalankan dengan --base-url https://alamat-situs/; "
                 "tanpa alamat itu situs publik tidak punya feed, peta situs, gambar bagikan dan kutipan dengan alamat lengkap")
NO_PREVIEW_IN_PUBLIC = "--terbit tidak boleh bersama {flag}: {what} hanya untuk pratinjau dan tidak ikut terbit"


def publishing_problems(options: Options, config) -> list[Problem]:
    """A public build (--terbit) has its address and publishes no draft or future news."""
    if not options.publish:
        return []
    problems = [Problem("situs.yml", 0, NEEDS_ADDRESS)] if config is not None and not config.base_url else []
    if options.drafts:
        problems.append(Problem("--terbit", 0, NO_PREVIEW_IN_PUBLIC.format(flag="--drafts", what="tulisan draf")))
    if options.future:
        problems.append(Problem("--terbit", 0, NO_PREVIEW_IN_PUBLIC.format(flag="--future", what="berita bertanggal nanti")))
    return problems


def legal_basis_problems(figures: list, datasets: list, config, regulations: set[str]) -> list[Problem]:
    """Every dasar_hukum must name a regulation in content/regulasi/."""
    named = [(f.path, f.line, f.legal_basis) for f in figures] + [(d.path, 0, d.legal_basis) for d in datasets]
    if config is not None:
        named.append(("situs.yml", 0, config.legal_basis))
    return [
        Problem(path, line, f"dasar_hukum '{slug}' tidak ada di content/regulasi/" + suggest(slug, sorted(regulations), "regulasi yang ada"))
        for path, line, slug in named if slug and slug not in regulations
    ]


def render(root: Path, site: Site, assets: tuple[str, ...], state: State | None = None, progress: Progress | None = None,
           sink: Callable[[OutputFile], OutputFile] | None = None,
           order: Callable[[list[str], set[str]], list[int]] | None = None) -> tuple[list[OutputFile], Targets]:
    """Markdown bodies, then templates, then downloads and copied files; and the link targets used.

    With the build `state`, what earlier builds made is reused where nothing it depends on changed.
    `order(page paths, paths of pages whose body changed)` gives the order to render pages in
    (Indexer.order: a changed part of the search index first); the result is the same.
    """
    caches, memo = (state.pages, state.answers) if state else (None, None)
    files, unsafe = publish_assets(root, assets, site.config.official_phones, memo, caches.out if caches else None)
    if sink is not None and not unsafe:
        files = [sink(f) for f in files]  # rebuilt pictures are not kept in memory
    files += [OutputFile(name, theme.shown_name(root / "templates", str(path)) or name, source=str(path))
              for name, path in theme.asset_files(root / "templates").items()]  # the theme's, or the project's of the same name
    data_files = downloads(site)
    if site.config.base_url:  # og:image needs an absolute address: without one no page could show a card
        data_files += share_image_files(site.figures, site.news, site.config.name, site.changes, memo, caches.out if caches else None,
                                        site.row_pages)
    targets = link_targets(site, {f.path for f in files + data_files} | set(assets))  # a refused file is not also a broken link
    bodies, problems = render_bodies(site, targets, caches)
    raise_if(unsafe + problems)
    specs = plan(site, bodies, memo) + plan_listings(site)
    tracker = None
    if caches:
        caches.on_page = (progress or Progress()).counter(len(specs), "Merender halaman")
        tracker = caches.pages(root / "templates", site)
    sequence = None
    if order is not None and caches is not None:
        changed = {urls.output_path(targets.sources[path]) for path in caches.markdown.fresh if path in targets.sources}
        sequence = order([urls.output_path(s.url) for s in specs], changed)
    pages, problems = render_pages(root / "templates", site, specs, tracker, sink=sink, order=sequence)
    outputs = pages + data_files + files + feeds.machine_files(site, [s.url for s in specs])
    raise_if(problems + collisions(outputs) + reserved(outputs))
    return sorted(outputs, key=lambda f: f.path), targets


def render_bodies(site: Site, targets: Targets, caches: Incremental | None = None,
                  items: list[NewsItem | Regulation | Page] | None = None) -> tuple[dict[str, Rendered], list[Problem]]:
    """Every Markdown body (or those of `items`) to HTML; links are checked against every page and file of the site."""
    items = [*site.news, *site.regulations, *site.pages] if items is None else items
    jobs = [(item.body, urls.item_url(item.kind, item.slug)) for item in items]
    results = caches.markdown.render_many(jobs, targets) if caches else render_all(jobs, targets)
    bodies: dict[str, Rendered] = {}
    problems: list[Problem] = []
    for item, (rendered, found) in zip(items, results):
        bodies[item.path] = rendered
        problems += found
    return bodies, problems


__all__ = ["Options", "Result", "build", "BuildFailed"]
