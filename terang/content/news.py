"""News: what is published (drafts, future dates), lists in pages, topics, years, related items."""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from dataclasses import dataclass
from typing import Iterable

from terang import urls
from terang.content.regulations import slugify
from terang.model import NewsItem

WORDS_PER_MINUTE = 200  # a common reading speed for Indonesian prose on a phone


def publishable(items: Iterable, drafts: bool, future: bool, today: dt.date) -> list:
    """Drop drafts (unless `drafts`) and news dated after `today` (unless `future`)."""
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


def related(news: tuple[NewsItem, ...], item: NewsItem, limit: int = 3) -> tuple[NewsItem, ...]:
    """Other news sharing the most topics with `item`, newest first among equals."""
    ranked = _ranked(news, frozenset(slugify(t) for t in item.topics), limit + 1)
    return tuple(n for n in ranked if n.slug != item.slug)[:limit]


_MEMO: dict[tuple, tuple] = {}


def forget() -> None:
    """Drop answers about earlier builds (a long `serve` session builds many sites)."""
    _MEMO.clear()


def _memo(news: tuple[NewsItem, ...], key: tuple, make):  # type: ignore[no-untyped-def]
    """One result per news tuple and key: every list and item page asks the same questions."""
    found = _MEMO.get((id(news), *key))
    if found is None or found[0] is not news:
        if len(_MEMO) > 10_000:
            _MEMO.clear()
        found = (news, make())
        _MEMO[(id(news), *key)] = found
    return found[1]


def _ranked(news: tuple[NewsItem, ...], mine: frozenset[str], count: int) -> tuple[NewsItem, ...]:
    """The `count` news sharing most topics with `mine`, newest first among equals (computed once per distinct topic set).

    News with the same topics form one group, sorted once: a topic set is scored per group, not per article.
    """
    def make() -> tuple[NewsItem, ...]:
        levels: dict[int, list[list[tuple[int, str, NewsItem]]]] = {}
        for tags, members in _memo(news, ("groups",), lambda: _groups(news)).items():
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
    return _memo(news, ("ranked", mine, count), make)


def _groups(news: tuple[NewsItem, ...]) -> dict[frozenset[str], list[tuple[int, str, NewsItem]]]:
    """News by their set of topic slugs, each group newest first, then by slug."""
    groups: dict[frozenset[str], list[tuple[int, str, NewsItem]]] = {}
    for item in news:
        groups.setdefault(frozenset(slugify(t) for t in item.topics), []).append((-item.date.toordinal(), item.slug, item))
    for members in groups.values():
        members.sort(key=lambda entry: entry[:2])
    return groups


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    items: tuple[NewsItem, ...]

    @property
    def url(self) -> str:
        return urls.topic_url(self.slug)


def topics(news: tuple[NewsItem, ...]) -> tuple[Topic, ...]:
    """Every topic with its news; spellings that give the same slug are one topic, named as the newest item spells it."""
    def make() -> tuple[Topic, ...]:
        names: dict[str, str] = {}
        members: dict[str, dict[str, NewsItem]] = {}  # by item slug: an item is listed once per topic
        for item in news:
            for name in item.topics:
                slug = slugify(name)
                names.setdefault(slug, name)
                members.setdefault(slug, {}).setdefault(item.slug, item)
        return tuple(Topic(s, names[s], tuple(members[s].values())) for s in sorted(names, key=lambda s: names[s].lower()))
    return _memo(news, ("topics",), make)


def years(news: tuple[NewsItem, ...]) -> list[int]:
    """Years with news, newest first."""
    return _memo(news, ("years",), lambda: sorted({n.date.year for n in news}, reverse=True))


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


def listing(items: tuple[NewsItem, ...], per_page: int, number: int, every: tuple[NewsItem, ...], heading: str, current: str = "") -> dict:
    """Template context of page `number` of a news list, with links to every year and topic."""
    start = (number - 1) * per_page
    return {
        "items": items[start : start + per_page],
        "pager": Pager(number, page_count(items, per_page)),
        "heading": heading if number == 1 else f"{heading}, halaman {number}",
        "year_links": [(urls.news_year_url(y), str(y)) for y in years(every)],
        "topic_links": [(t.url, t.name) for t in topics(every)],
        "current": current,
    }
