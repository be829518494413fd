"""Accessible SVG bar charts made at build time: segments as bars, targets beside realisation."""

from __future__ import annotations

import html
from dataclasses import dataclass

from terang import fmt
from terang.model import Dataset
from terang.site.downloads import labelled

WIDTH = 360
ROW = 48
BAR = 18
LEFT = 4
VALUE_ROOM = 90  # room right of the longest bar for its value
BAR_COLOUR = "#0b5394"  # 7.9:1 on white
TARGET_COLOUR = "#1a1a1a"


def escape(text: str) -> str:
    """&, < and > as entities, as xml.sax.saxutils.escape gives (which imports urllib.request: 10 ms per build)."""
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and, when the table has one, its target."""

    label: str
    value: int
    target: int | None = None


def bars(dataset: Dataset) -> tuple[Bar, ...]:
    """What a dataset's chart shows: one bar per row, or per month for participant aggregates."""
    names = [c.name for c in dataset.columns]
    if dataset.aggregate:
        at = names.index("jumlah")
        return tuple(Bar(fmt.period(r[0]), r[at]) for r in dataset.rows if dataset.is_total_row(r) and isinstance(r[at], int))
    count = dataset.count_column
    if count is None:
        return ()
    label_columns = [i for i, c in enumerate(dataset.columns) if c.kind in ("teks", "periode", "tanggal")]
    value_at = names.index(count.name)
    target_at = names.index(dataset.target) if dataset.target else None
    result = []
    for row in dataset.rows:
        label = " · ".join(fmt.cell(row[i], dataset.columns[i].kind) for i in label_columns) or str(row[0])
        result.append(Bar(label, row[value_at], row[target_at] if target_at is not None else None))
    return tuple(result)


def describe(dataset: Dataset, items: tuple[Bar, ...]) -> str:
    """A plain-language summary written from the numbers, for people and for the SVG's desc."""
    if not items:
        return ""
    top = max(items, key=lambda b: b.value)
    total = sum(b.value for b in items)
    noun = "bulan" if dataset.aggregate else "baris"
    text = (f"Tabel ini berisi {fmt.number(len(items))} {noun} dengan jumlah {fmt.number(total)}. "
            f"Angka terbesar ada pada {top.label}: {fmt.number(top.value)}")
    if total:
        text += f" ({fmt.percent(top.value / total)} dari jumlah)"
    text += "."
    with_target = [b for b in items if b.target]
    if with_target:
        reached = sum(1 for b in with_target if b.value >= (b.target or 0))
        done = sum(b.value for b in with_target) / sum(b.target or 0 for b in with_target)
        text += (f" Dari {fmt.number(len(with_target))} baris yang punya sasaran, {fmt.number(reached)} sudah mencapai sasarannya; "
                 f"secara keseluruhan realisasi {fmt.percent(done)} dari sasaran.")
    return text


def svg(dataset: Dataset, chart_id: str) -> str:
    """The chart as inline SVG with a title and description; '' when there is nothing to draw."""
    items = bars(dataset)
    if not items:
        return ""
    top = max(max(b.value, b.target or 0) for b in items) or 1
    scale = (WIDTH - LEFT - VALUE_ROOM) / top
    has_target = any(b.target for b in items)
    legend = 28 if has_target else 0
    height = legend + ROW * len(items) + 8
    title = f"Grafik: {labelled(dataset)}"
    parts = [
        f'<svg class="grafik" id="{escape(chart_id)}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-judul {chart_id}-desk" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-judul">{escape(title)}</title>',
        f'<desc id="{chart_id}-desk">{escape(describe(dataset, items))}</desc>',
    ]
    if has_target:
        parts.append(f'<rect x="{LEFT}" y="6" width="14" height="14" fill="{BAR_COLOUR}"/><text x="{LEFT + 20}" y="18">Realisasi</text>'
                     f'<rect x="{LEFT + 120}" y="6" width="14" height="14" fill="none" stroke="{TARGET_COLOUR}" stroke-width="2"/>'
                     f'<text x="{LEFT + 140}" y="18">Sasaran</text>')
    for index, b in enumerate(items):
        y = legend + index * ROW
        width = max(round(b.value * scale), 1 if b.value else 0)
        shown = fmt.number(b.value) + (f" dari {fmt.number(b.target)}" if b.target else "")
        parts.append(f'<text x="{LEFT}" y="{y + 16}">{escape(b.label)}</text>')
        parts.append(f'<rect x="{LEFT}" y="{y + 22}" width="{width}" height="{BAR}" fill="{BAR_COLOUR}"/>')
        if b.target:
            parts.append(f'<rect x="{LEFT}" y="{y + 21}" width="{round(b.target * scale)}" height="{BAR + 2}" fill="none" stroke="{TARGET_COLOUR}" stroke-width="2"/>')
        end = max(width, round((b.target or 0) * scale))
        parts.append(f'<text x="{LEFT + end + 6}" y="{y + 36}">{escape(shown)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
