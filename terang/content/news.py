"""News: what is published (drafts, future dates), lists in pages, topics, years, related items."""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from terang import urls
from terang.model import NewsItem

WORDS_PER_MINUTE = 200  # a common reading speed for Indonesian prose on a phone
RELATED = 3  # related news under an article


def publishable(items: Iterable, drafts: bool, future: bool, build_date: dt.date | None) -> list:
    """Drop drafts (unless `drafts`) and news dated after the build's date (unless `future`).

    The build's date is situs.yml's `tanggal_build` when set (a reproducible build), else today.
    """
    today = build_date or dt.date.today()
    kept = []
    for item in items:
        if isinstance(item, NewsItem) and ((item.draft and not drafts) or (item.date > today and not future)):
            continue
        kept.append(item)
    return kept


def reading_minutes(item: NewsItem) -> int:
    """Minutes to read the body, rounded up, at least one."""
    prose = re.sub(r"\[\[[^\]]*\]\]|\]\([^)]*\)", " ", item.body.text)  # placeholders and link targets are not read
    words = len(re.findall(r"\w+", prose))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    items: tuple[NewsItem, ...]

    @property
    def url(self) -> str:
        return urls.topic_url(self.slug)


Group = tuple[tuple[int, str, NewsItem], ...]  # news with one set of topics: (-date ordinal, slug, item), newest first, then by slug


@dataclass(frozen=True)
class NewsIndex:
    """What the list and article pages ask about the site's news, answered once for the site (NewsIndex.of)."""

    news: tuple[NewsItem, ...]  # the news answered about
    topics: tuple[Topic, ...]
    years: tuple[int, ...]  # newest first
    groups: Mapping[frozenset[str], Group]  # news by their set of topic slugs, for related()

    @classmethod
    def of(cls, news: tuple[NewsItem, ...]) -> "NewsIndex":
        """The topics, years and groups of `news` (newest first)."""
        return cls(news, topics(news), years(news), _groups(news))


def related(index: NewsIndex, item: NewsItem, limit: int = RELATED) -> tuple[NewsItem, ...]:
    """Other news sharing the most topics with `item`, newest first among equals."""
    return _others(item, _ranked(index.groups, topic_set(item), limit + 1), limit)


def related_to_each(index: NewsIndex, limit: int = RELATED) -> dict[str, tuple[NewsItem, ...]]:
    """related() of every news item, by slug: each set of topics is ranked once, not once per article."""
    ranked = {tags: _ranked(index.groups, tags, limit + 1) for tags in index.groups}
    return {item.slug: _others(item, ranked[topic_set(item)], limit) for item in index.news}


def _others(item: NewsItem, ranked: tuple[NewsItem, ...], limit: int) -> tuple[NewsItem, ...]:
    return tuple(n for n in ranked if n.slug != item.slug)[:limit]


def topic_slug(name: str) -> str:
    """The slug of a topic in its URL; spellings that give the same slug are one topic."""
    return urls.slugify(name, fallback=urls.OTHERS)


def topic_set(item: NewsItem) -> frozenset[str]:
    """The slugs of an item's topics."""
    return frozenset(topic_slug(t) for t in item.topics)


def _ranked(groups: Mapping[frozenset[str], Group], mine: frozenset[str], count: int) -> tuple[NewsItem, ...]:
    """The `count` news sharing most topics with `mine`, newest first among equals.

    News with the same topics form one group, sorted once: a topic set is scored per group, not per article.
    """
    levels: dict[int, list[Group]] = {}
    for tags, members in groups.items():
        shared = len(mine & tags)
        if shared:
            levels.setdefault(shared, []).append(members)
    ranked: list[NewsItem] = []
    for shared in sorted(levels, reverse=True):
        for _, _, item in heapq.merge(*levels[shared]):  # (-date, slug): slugs are unique, items never compared
            if len(ranked) == count:
                return tuple(ranked)
            ranked.append(item)
    return tuple(ranked)


def _groups(news: tuple[NewsItem, ...]) -> dict[frozenset[str], Group]:
    """News by their set of topic slugs, each group newest first, then by slug."""
    groups: dict[frozenset[str], list[tuple[int, str, NewsItem]]] = {}
    for item in news:
        groups.setdefault(topic_set(item), []).append((-item.date.toordinal(), item.slug, item))
    return {tags: tuple(sorted(members, key=lambda entry: entry[:2])) for tags, members in groups.items()}


def topics(news: tuple[NewsItem, ...]) -> tuple[Topic, ...]:
    """Every topic with its news; spellings that give the same slug are one topic, named as the newest item spells it."""
    names: dict[str, str] = {}
    members: dict[str, dict[str, NewsItem]] = {}  # by item slug: an item is listed once per topic
    for item in news:
        for name in item.topics:
            slug = topic_slug(name)
            names.setdefault(slug, name)
            members.setdefault(slug, {}).setdefault(item.slug, item)
    return tuple(Topic(s, names[s], tuple(members[s].values())) for s in sorted(names, key=lambda s: names[s].lower()))


def years(news: tuple[NewsItem, ...]) -> tuple[int, ...]:
    """Years with news, newest first."""
    return tuple(sorted({n.date.year for n in news}, reverse=True))


@dataclass(frozen=True)
class Pager:
    """Where one page of a paginated list sits among the others."""

    number: int
    count: int

    @property
    def previous(self) -> str:
        return urls.news_page_url(self.number - 1) if self.number > 1 else ""

    @property
    def next(self) -> str:
        return urls.news_page_url(self.number + 1) if self.number < self.count else ""


def page_count(news: tuple[NewsItem, ...], per_page: int) -> int:
    return max(1, math.ceil(len(news) / per_page))


def listing(items: tuple[NewsItem, ...], per_page: int, number: int, index: NewsIndex, heading: str, current: str = "") -> dict:
    """Template context of page `number` of a news list, with links to every year and topic of the site (`index`)."""
    start = (number - 1) * per_page
    return {
        "items": items[start : start + per_page],
        "pager": Pager(number, page_count(items, per_page)),
        "heading": heading if number == 1 else f"{heading}, halaman {number}",
        "year_links": [(urls.news_year_url(y), str(y)) for y in index.years],
        "topic_links": [(t.url, t.name) for t in index.topics],
        "current": current,
    }
