"""News: what is published (drafts, future dates), lists in pages, topics, years, related items."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Iterable

from . import urls
from .legal import slugify
from .model import NewsItem

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


def related(news: Iterable[NewsItem], item: NewsItem, limit: int = 3) -> tuple[NewsItem, ...]:
    """Other news sharing the most topics with `item`, newest first among equals."""
    mine = {slugify(t) for t in item.topics}
    scored = [(len(mine & {slugify(t) for t in n.topics}), n) for n in news if n.slug != item.slug]
    scored = [(score, n) for score, n in scored if score]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].date.toordinal(), pair[1].slug))
    return tuple(n for _, n in scored[:limit])


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    items: tuple[NewsItem, ...]

    @property
    def url(self) -> str:
        return urls.topic_url(self.slug)


def topics(news: Iterable[NewsItem]) -> tuple[Topic, ...]:
    """Every topic with its news; spellings that give the same slug are one topic, named as the newest item spells it."""
    names: dict[str, str] = {}
    members: dict[str, list[NewsItem]] = {}
    for item in news:
        for name in item.topics:
            slug = slugify(name)
            names.setdefault(slug, name)
            if item not in members.setdefault(slug, []):
                members[slug].append(item)
    return tuple(Topic(s, names[s], tuple(members[s])) for s in sorted(names, key=lambda s: names[s].lower()))


def years(news: Iterable[NewsItem]) -> list[int]:
    """Years with news, newest first."""
    return sorted({n.date.year for n in news}, reverse=True)


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
