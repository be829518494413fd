"""What Markdown bodies may link to and insert: every page and file of the site, and its figures."""

from __future__ import annotations

from terang import urls
from terang.content.markdown import Targets
from terang.site.assemble import Site
from terang.site.listings import listing_urls
from terang.site.plan import dataset_url, dated_snippets, snippets


def link_targets(site: Site, files: set[str]) -> Targets:
    """What Markdown bodies may link to (every page and file of the site) and insert."""
    items = [*site.news, *site.regulations, *site.pages]
    page_urls = {urls.HOME, "berita/", "regulasi/", "data/", urls.FIGURE_HISTORY}
    page_urls |= {urls.item_url(i.kind, i.slug) for i in items}
    page_urls |= {dataset_url(d) for d in site.datasets}
    page_urls |= listing_urls(site)
    return Targets(
        pages=frozenset(page_urls),
        files=frozenset(files),
        sources={i.path: urls.item_url(i.kind, i.slug) for i in items},
        snippets=snippets(site.figures, site.datasets, site.audits),
        dated=dated_snippets(site),
    )
