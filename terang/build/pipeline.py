"""The build, as a short sequence of named stages: read, validate, assemble, render, write."""

from __future__ import annotations

import time
from functools import update_wrapper
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping

import datetime as dt

from terang.site import feeds
from terang.content import news
from terang.publish.indexer import Indexer
from terang.site.search_parts import plan as search_parts
from terang import urls
from terang.content.assets import publish as publish_assets
from terang.inputs.config import load_config
from terang.data.datasets import FIGURES_FILE, audit, conflicts, dataset_ids, read_datasets, read_figures
from terang.inputs.yamlsafe import read_yaml
from terang.errors import BuildFailed, Problem, raise_if
from terang.publish.finish import finish_site
from terang.publish.manifest import reserved
from terang.publish.lock import build_lock
from terang.build.incremental import Incremental, Stats
from terang.content.markdown import Rendered, Targets
from terang.content.parallel import render_all
from terang.model import Config, OutputFile
from terang.site.listings import listing_urls, plan_listings
from terang.site.plan import dataset_url, download_paths, downloads, plan, snippets
from terang.privacy.rules import scan_sources
from terang.privacy.output import rules as privacy_rules
from terang.build.state import State
from terang.reuse import NO_RESULTS, Answers
from terang.build.progress import Progress
from terang.content.read import KINDS, ContentFiles, read_content
from terang.data.history import read_changes
from terang.site.render import render_pages
from terang.inputs.schema import SLUG_RE, suggest
from terang.site.assemble import Site, assemble
from terang.content.validate import validate_sources
from terang.publish.write import Finisher, check_target, collisions, remove_later, staging_folder, write_file, write_site


@dataclass(frozen=True)
class Options:
    root: Path
    out: Path
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    future: bool = False
    clean: bool = False  # ignore the caches of earlier builds (they are refreshed all the same)
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
    if options.strict:
        problems += [Problem(a.figure.path, a.figure.line, f"angka '{a.figure.id}' ({a.figure.value}) tidak sama dengan jumlah tabel '{a.dataset.id}' ({a.summed}); selisih {a.difference} (--strict)") for a in audits if not a.matches]
        problems += [Problem(c.other.path, c.other.line, f"angka '{c.figure.id}' ditulis {c.other.value} di sini tetapi {c.figure.value} di {c.figure.path}; selisih {c.difference} (--strict)") for c in stated]
    if problems:  # the bodies' mistakes too, in the same run: an editor fixes everything at once
        problems += body_problems(options, config, items, content, (figures, datasets, audits), problems)
    raise_if(problems)
    assert config is not None
    items = news.publishable(items, options.drafts, options.future, config.build_date or dt.date.today())
    site = assemble(config, items, figures, datasets, audits, options.drafts)
    return replace(site, conflicts=tuple(stated), changes=tuple(changes)), content.assets


def body_problems(options: Options, config: Config | None, items: list, content: ContentFiles, data: tuple[list, list, list],
                  found: list[Problem]) -> list[Problem]:
    """Body, link and placeholder problems of a build that already failed, which render() would find only on the next run.

    The bodies of the items that would be published, and of the sources whose front matter failed, are rendered
    (nothing is written). A Markdown file that failed still counts as a link target by its path and slug, and a
    table or figure that failed as a placeholder, so only real mistakes are reported. Without a usable situs.yml
    (listing pages and downloads depend on it) no body is rendered.
    """
    if config is None:
        return []
    figures, datasets, audits = data
    published = news.publishable(items, options.drafts, options.future, config.build_date or dt.date.today())
    site = assemble(config, published, figures, datasets, audits, options.drafts)
    valid = {i.path for i in items}
    failed = [s for s in content.sources if s.path not in valid and (options.drafts or s.meta.value.get("draf") is not True)]
    unread = {p.path: _source_url(p.path) for p in found} | {s.path: _source_url(s.path) for s in failed}
    unread = {path: url for path, url in unread.items() if url is not None and path not in valid}
    static = options.root / "templates" / "aset"
    files = {f.path for f in downloads(site)} | set(content.assets)
    files |= {"aset/" + p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()} if static.is_dir() else set()
    targets = link_targets(site, files)
    missing_tables = dataset_ids(options.root) - {d.id for d in datasets}
    targets = replace(
        targets,
        pages=targets.pages | set(unread.values()) | {f"data/{i}/" for i in missing_tables},
        sources={**unread, **targets.sources},
        snippets=_failed_placeholders(options.root, figures, missing_tables, targets.snippets),
    )
    jobs = [(i.body, urls.item_url(i.kind, i.slug)) for i in [*site.news, *site.regulations, *site.pages]]
    jobs += [(s.body, urls.item_url(s.kind, s.slug)) for s in failed]
    return [problem for _, problems in render_all(jobs, targets) for problem in problems]


def _source_url(path: str) -> str | None:
    """The page URL a Markdown file under content/ would have, or None for any other path."""
    parts = path.split("/")
    stem = parts[-1][:-3] if parts[-1].endswith(".md") else ""
    if len(parts) < 3 or parts[0] != "content" or parts[1] not in KINDS or not SLUG_RE.match(stem):
        return None
    return urls.item_url(parts[1], stem)


def _failed_placeholders(root: Path, figures: list, tables: set[str], known: Mapping[str, str]) -> dict[str, str]:
    """`known` placeholders and stand-ins for the figures and tables that failed to read: their ids are not unknown.

    When data/angka_kunci.yml cannot be read at all, every figure placeholder is taken as known.
    """
    declared: object = []
    if (root / "data" / FIGURES_FILE).is_file():
        located, _ = read_yaml(root, "data/" + FIGURES_FILE)
        declared = located.value if located is not None else None
    stand_ins = {f"{kind}:{i}": "0" for i in tables for kind in ("tabel", "jumlah")}
    if not isinstance(declared, list):
        return _AnyOf({**stand_ins, **known}, ("angka:", "selisih:"))
    ids = {item["id"] for item in declared if isinstance(item, dict) and isinstance(item.get("id"), str)} - {f.id for f in figures}
    return {**stand_ins, **{f"{kind}:{i}": "0" for i in ids for kind in ("angka", "selisih")}, **known}


class _AnyOf(dict):
    """Placeholders where any key with one of `prefixes` counts as known (its text is a stand-in)."""

    def __init__(self, known: dict[str, str], prefixes: tuple[str, ...]) -> None:
        super().__init__(known)
        self.prefixes = prefixes

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or (isinstance(key, str) and key.startswith(self.prefixes))

    def __missing__(self, key: str) -> str:
        if key.startswith(self.prefixes):
            return "0"
        raise KeyError(key)

    def get(self, key: str, default: str | None = None) -> str | None:
        return self[key] if key in self else default


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
    static = root / "templates" / "aset"
    if static.is_dir():
        files += [OutputFile("aset/" + p.relative_to(static).as_posix(), f"templates/aset/{p.name}", source=str(p))
                  for p in sorted(static.rglob("*")) if p.is_file()]
    data_files = downloads(site)
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


def link_targets(site: Site, files: set[str]) -> Targets:
    """What Markdown bodies may link to (every page and file of the site) and insert."""
    items = [*site.news, *site.regulations, *site.pages]
    page_urls = {urls.HOME, "berita/", "regulasi/", "data/"}
    page_urls |= {urls.item_url(i.kind, i.slug) for i in items}
    page_urls |= {dataset_url(d) for d in site.datasets}
    page_urls |= listing_urls(site)
    return Targets(
        pages=frozenset(page_urls),
        files=frozenset(files),
        sources={i.path: urls.item_url(i.kind, i.slug) for i in items},
        snippets=snippets(site.figures, site.datasets, site.audits),
    )


def render_bodies(site: Site, targets: Targets, caches: Incremental | None = None) -> tuple[dict[str, Rendered], list[Problem]]:
    """Every Markdown body to HTML; links are checked against every page and file of the site."""
    items = [*site.news, *site.regulations, *site.pages]
    jobs = [(item.body, urls.item_url(item.kind, item.slug)) for item in items]
    results = caches.markdown.render_many(jobs, targets) if caches else render_all(jobs, targets)
    bodies: dict[str, Rendered] = {}
    problems: list[Problem] = []
    for item, (rendered, found) in zip(items, results):
        bodies[item.path] = rendered
        problems += found
    return bodies, problems


__all__ = ["Options", "Result", "build", "BuildFailed", "download_paths"]
