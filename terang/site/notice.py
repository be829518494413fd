"""The notice-board page: a key page on one A4 sheet for a village notice board, with its QR code.

Perki 1/2021 names the notice board (papan pengumuman) as a channel for public information. A page
gets a notice when it answers a citizen's question (pertanyaan), shows a table row (baris) or has
notice points (pengumuman); the home page always has one.
"""

from __future__ import annotations

from typing import Mapping

from markupsafe import Markup, escape

from terang import fmt, urls
from terang.content.markdown import PLACEHOLDER
from terang.model import Audit, Config, Dataset, Figure, Page


def has_notice(page: Page) -> bool:
    return bool(page.question or page.row or page.notice)


def values(figures: tuple[Figure, ...], datasets: tuple[Dataset, ...], audits: tuple[Audit, ...]) -> dict[str, str]:
    """What each placeholder a notice point may hold reads as on paper (no links: paper has none); its keys are
    the placeholders the build accepts in notice points (terang.content.validate.page_problems)."""
    known = {f"angka:{f.id}": fmt.figure_value(f) for f in figures}
    known |= {f"selisih:{a.figure.id}": fmt.number(abs(a.difference)) for a in audits}
    known |= {f"jumlah:{d.id}": fmt.number(d.column_total(d.count_column.name)) for d in datasets if d.count_column}
    return known


def filled(point: str, known: Mapping[str, str]) -> str:
    """A notice point with its placeholders replaced by the figures they name."""
    return PLACEHOLDER.sub(lambda m: known.get(f"{m.group(1)}:{m.group(2)}", m.group(0)), point)


def qr_code(address: str, label: str) -> Markup:
    """An inline SVG QR code of `address`, scalable, named for screen readers."""
    import segno  # only here: it costs 8 MB, and a site without base_url prints no QR code

    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def context(config: Config, page_url: str, title: str, lead: str, points: tuple[str, ...], known: Mapping[str, str]) -> dict:
    """What the notice of the page at `page_url` shows: its question or title, lead, points, address and QR code."""
    address = urls.address(config.base_url, page_url)  # printed only with a base_url (templates/pengumuman.html)
    qr = qr_code(address, f"Kode QR menuju {address}") if config.base_url else None
    return {"target_url": page_url, "heading": title, "lead": lead, "points": [filled(p, known) for p in points],
            "address": address, "qr": qr}
