"""The bodies' mistakes in a build that already failed, so that an editor sees every problem in one run.

A build stops before rendering when any input is wrong; render() would find the bodies' broken
links and unknown placeholders only on the next run. These are checked here too, with the
inputs that failed standing in as known targets, so only real mistakes are reported.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from terang import urls
from terang.content import news
from terang.content.parallel import render_all
from terang.content.read import ContentFiles, KINDS
from terang.data.datasets import FIGURES_FILE, dataset_ids
from terang.errors import Problem
from terang.inputs.schema import SLUG_RE
from terang.inputs.yamlsafe import read_yaml
from terang.model import Config
from terang.site import theme
from terang.site.assemble import assemble
from terang.site.links import link_targets
from terang.site.plan import downloads


def body_problems(options: Any, config: Config | None, items: list, content: ContentFiles, data: tuple[list, list, list],
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
    published = news.publishable(items, options.drafts, options.future, config.build_date)
    site = assemble(config, published, figures, datasets, audits, options.drafts)
    valid = {i.path for i in items}
    failed = [s for s in content.sources if s.path not in valid and (options.drafts or s.meta.value.get("draf") is not True)]
    unread = {p.path: _source_url(p.path) for p in found} | {s.path: _source_url(s.path) for s in failed}
    unread = {path: url for path, url in unread.items() if url is not None and path not in valid}
    files = {f.path for f in downloads(site)} | set(content.assets) | set(theme.asset_files(options.root / "templates"))
    targets = link_targets(site, files)
    missing_tables = dataset_ids(options.root) - {d.id for d in datasets}
    snippets, unchecked = _failed_placeholders(options.root, figures, missing_tables, targets.snippets)
    targets = replace(
        targets,
        pages=targets.pages | set(unread.values()) | {f"data/{i}/" for i in missing_tables},
        sources={**unread, **targets.sources},
        snippets=snippets,
        unread=unchecked,
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


def _failed_placeholders(root: Path, figures: list, tables: set[str], known: Mapping[str, str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """`known` placeholders and stand-ins for the figures and tables that failed to read: their ids are not unknown.

    When data/angka_kunci.yml cannot be read at all, every figure placeholder is taken as known
    (the kinds returned beside the placeholders).
    """
    declared: object = []
    if (root / "data" / FIGURES_FILE).is_file():
        located, _ = read_yaml(root, "data/" + FIGURES_FILE)
        declared = located.value if located is not None else None
    stand_ins = {f"{kind}:{i}": "0" for i in tables for kind in ("tabel", "jumlah")}
    if not isinstance(declared, list):
        return {**stand_ins, **known}, ("angka:", "selisih:")
    ids = {item["id"] for item in declared if isinstance(item, dict) and isinstance(item.get("id"), str)} - {f.id for f in figures}
    return {**stand_ins, **{f"{kind}:{i}": "0" for i in ids for kind in ("angka", "selisih")}, **known}, ()
