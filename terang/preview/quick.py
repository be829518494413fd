"""The preview's fast path: the page of an edited article, rendered at once from the last good build.

`serve` shows this page while the full build (listings, search index, scans of every file) runs
behind it; the full build then replaces it. Nothing here is written to disk. Whenever the edit
is anything but a change to the text or front matter of an existing news item, regulation or
page, or the page would not pass the checks a build makes of it, there is no fast answer and
the preview waits for the full build, which reports the problem.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import jinja2

from terang.build.pipeline import render_bodies
from terang.content import news
from terang.content.markdown import Targets
from terang.content.read import KINDS, read_source
from terang.content.validate import validate_sources
from terang.privacy.rules import official_keys, source_text, text_problems
from terang.publish.htmlscan import scan
from terang.site.assemble import Site, with_item
from terang.site.plan import item_spec
from terang.site.render import make_env, render_pages
from terang.urls import item_url, output_path


@dataclass(frozen=True)
class Baseline:
    """What the last good build knew: its site and the link targets of its bodies."""

    site: Site
    targets: Targets
    drafts: bool
    future: bool


class QuickPages:
    """Renders single pages against a baseline; keeps one Jinja environment between edits."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._env: jinja2.Environment | None = None

    def env(self) -> jinja2.Environment:
        if self._env is None:  # Jinja checks each template file's time on use: edits to templates are seen
            self._env = make_env(self.root / "templates")
        return self._env

    def render(self, baseline: Baseline, changed: list[str]) -> dict[str, bytes]:
        """Site path -> page bytes for every edited item; {} when there is no fast answer."""
        site, pages = baseline.site, {}
        items = []
        for name in changed:
            item = self.item(baseline, site, name)
            if item is None:
                return {}
            site = with_item(site, item)
            items.append(item)
        for item in items:
            page = self.page(site, baseline.targets, item)
            if page is None:
                return {}
            pages[output_path(item_url(item.kind, item.slug))] = page
        return pages

    def item(self, baseline: Baseline, site: Site, name: str):  # type: ignore[no-untyped-def]
        """The item an edited file now holds, when it replaces a published item of the same file."""
        parts = name.split("/")
        if len(parts) != 3 or parts[0] != "content" or parts[1] not in KINDS or not name.endswith(".md"):
            return None
        known = {i.path: i for i in (*site.news, *site.regulations, *site.pages)}
        path = self.root / name
        if name not in known or not path.is_file():
            return None
        source, problems = read_source(self.root, path, parts[1])
        if source is None or problems or text_problems(self.root, {name: source_text(path)}, official_keys(site.config.official_phones)):
            return None
        items, problems = validate_sources(self.root, (source,), frozenset(r.slug for r in site.regulations))
        if problems or len(items) != 1 or items[0].slug != known[name].slug:
            return None
        return items[0] if news.publishable(items, baseline.drafts, baseline.future, site.config.build_date) else None

    def page(self, site: Site, targets: Targets, item) -> bytes | None:  # type: ignore[no-untyped-def]
        """The item's page, when it renders and passes the output scans a build would make."""
        bodies, problems = render_bodies(site, targets, items=[item])  # as the build renders every body
        if problems:
            return None
        pages, problems = render_pages(self.root / "templates", site, [item_spec(site, item, bodies[item.path])], env=self.env())
        if problems or len(pages) != 1:
            return None
        text = pages[0].data.decode("utf-8")
        _, findings = scan(text)
        if findings or text_problems(self.root, {item.path: html.unescape(text)}, official_keys(site.config.official_phones)):
            return None
        return pages[0].data
