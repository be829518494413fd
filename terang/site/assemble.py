"""Assemble stage: the validated content, sorted and filtered, with lookups for templates."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from terang.content.news import NewsIndex
from terang.content.validate import row_of
from terang.data.history import anchor, history
from terang.model import Audit, Change, Config, Conflict, Dataset, Figure, NewsItem, Page, Regulation


@dataclass(frozen=True)
class Site:
    """Everything a page may show; built once, read by every template."""

    config: Config
    news: tuple[NewsItem, ...]  # newest first
    regulations: tuple[Regulation, ...]  # newest first
    pages: tuple[Page, ...]  # in menu order
    figures: tuple[Figure, ...]
    datasets: tuple[Dataset, ...]
    audits: tuple[Audit, ...]
    conflicts: tuple[Conflict, ...] = ()  # a figure stated with another value elsewhere in data/
    changes: tuple[Change, ...] = ()  # data/riwayat.yml
    news_index: NewsIndex = field(default=None, repr=False, compare=False)  # type: ignore[assignment]  # made from `news`

    def __post_init__(self) -> None:
        """Index the news once: a copy made with replace() keeps the index while its news stay the same."""
        if self.news_index is None or self.news_index.news is not self.news:
            object.__setattr__(self, "news_index", NewsIndex.of(self.news))

    def conflicts_of(self, figure_id: str) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.figure.id == figure_id)

    def history(self, figure_id: str) -> tuple[Change, ...]:
        """A figure's published changes, oldest first."""
        return history(figure_id, self.changes)

    def version_anchor(self, change: Change) -> str:
        """The id of a change on the Riwayat angka page ("peserta-dijamin-2025-12-20")."""
        return anchor(change, self.changes)

    def regulation(self, slug: str) -> Regulation | None:
        return next((r for r in self.regulations if r.slug == slug), None)

    def figure(self, figure_id: str) -> Figure | None:
        return next((f for f in self.figures if f.id == figure_id), None)

    def audit_for(self, figure_id: str) -> Audit | None:
        return next((a for a in self.audits if a.figure.id == figure_id), None)

    def audits_of(self, dataset_id: str) -> tuple[Audit, ...]:
        return tuple(a for a in self.audits if a.dataset.id == dataset_id)

    @property
    def mismatches(self) -> tuple[Audit, ...]:
        return tuple(a for a in self.audits if not a.matches)

    @property
    def questions(self) -> tuple[Page, ...]:
        """The pages that answer a citizen's question, in their order: the first thing on the home page."""
        return tuple(p for p in self.pages if p.question)

    @property
    def top_pages(self) -> tuple[Page, ...]:
        """The pages not listed under another page."""
        return tuple(p for p in self.pages if not p.parent)

    @property
    def contact_page(self) -> Page | None:
        """situs.yml's halaman_kontak, linked in every footer while there is no official contact (a property:
        a page records reading this one page, not every page's slug)."""
        return self.page(self.config.contact_page) if self.config.contact_page else None

    def page(self, slug: str) -> Page | None:
        return next((p for p in self.pages if p.slug == slug), None)

    def children(self, slug: str) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.parent == slug)

    def row_count(self, page: Page) -> tuple[Dataset, int | None] | None:
        """The table and the count of the row a page shows (None when the table hides a small count)."""
        dataset = next((d for d in self.datasets if d.id == page.table), None) if page.table else None
        row = row_of(dataset, page.row) if dataset is not None else ""
        if isinstance(row, str):  # no such row: the build refused the page already (content.validate.page_problems)
            return None
        value = row[[c.name for c in dataset.columns].index(dataset.count_column.name)]
        return dataset, value if isinstance(value, int) else None

    @property
    def row_pages(self) -> tuple[tuple[Page, str, int], ...]:
        """The pages about one table row that has a count: (page, the count column's label, the count)."""
        return tuple((p, found[0].count_column.label, found[1]) for p in self.pages
                     if (found := self.row_count(p)) is not None and found[1] is not None)

    @property
    def home_figures(self) -> tuple[Figure, ...]:
        wanted = self.config.home_figures or tuple(f.id for f in self.figures)
        return tuple(f for f in (self.figure(i) for i in wanted) if f)


def assemble(config: Config, items: list, figures: list[Figure], datasets: list[Dataset], audits: list[Audit], drafts: bool) -> Site:
    """Sort and filter the content for publishing; drafts only when asked for."""
    news = [i for i in items if isinstance(i, NewsItem) and (drafts or not i.draft)]
    regulations = [i for i in items if isinstance(i, Regulation)]
    pages = [i for i in items if isinstance(i, Page) and (drafts or not i.draft)]
    return Site(
        config=config,
        news=_ordered("news", news),
        regulations=_ordered("regulations", regulations),
        pages=_ordered("pages", pages),
        figures=tuple(figures),
        datasets=tuple(datasets),
        audits=tuple(audits),
    )


ORDER = {  # Site field -> (sort key, newest first)
    "news": (lambda n: (n.date, n.slug), True),
    "regulations": (lambda r: (-r.tahun, r.jenis, r.nomor, r.slug), False),
    "pages": (lambda p: (p.order, p.title, p.slug), False),
}
FIELD = {NewsItem: "news", Regulation: "regulations", Page: "pages"}


def _ordered(name: str, items: list) -> tuple:
    key, newest_first = ORDER[name]
    return tuple(sorted(items, key=key, reverse=newest_first))


def with_item(site: Site, item: NewsItem | Regulation | Page) -> Site:
    """The site with `item` in place of the item read from the same file, in its sorted place."""
    name = FIELD[type(item)]
    others = [i for i in getattr(site, name) if i.path != item.path]
    return replace(site, **{name: _ordered(name, [*others, item])})
