"""The parts of a large site's search index: news by year, so an edit re-indexes one part only.

A site with more than SHARD_FROM indexed pages gets one index for everything but news
(pagefind/) and one per year of news (pagefind/berita-2024/), or per half year when a year
holds more than SHARD_MOST items. The search page merges them; terang.publish.indexer builds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from terang import urls

SHARD_FROM = 500  # indexed pages; a smaller site keeps one index
SHARD_MOST = 500  # news items of one year above which the year is split in halves


@dataclass(frozen=True)
class Shard:
    """One part of the index: its folder under pagefind/ and the site paths of its pages."""

    name: str
    pages: tuple[str, ...]


def plan(site: Any) -> tuple[Shard, ...]:
    """The news parts of the index, oldest first; () when the site is small enough for one index."""
    indexed = len(site.news) + len(site.regulations) + len(site.pages) + len(site.datasets)
    if indexed <= SHARD_FROM:
        return ()
    years: dict[int, list[Any]] = {}
    for item in site.news:
        years.setdefault(item.date.year, []).append(item)
    parts: dict[str, list[str]] = {}
    for year in sorted(years):
        for item in years[year]:
            half = f"-{1 if item.date.month <= 6 else 2}" if len(years[year]) > SHARD_MOST else ""
            parts.setdefault(f"berita-{year}{half}", []).append(urls.output_path(urls.item_url("berita", item.slug)))
    return tuple(Shard(name, tuple(sorted(pages))) for name, pages in sorted(parts.items()))


def names(site: Any) -> list[str]:
    """The parts' folders, for the search page to merge (a template global)."""
    return [shard.name for shard in plan(site)]
