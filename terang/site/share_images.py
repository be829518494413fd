"""Share images (og:image): a 1200×630 PNG per key figure and per news item, showing the figure itself.

A link forwarded in WhatsApp then previews "1.500 orang" rather than a generic picture. The card is
drawn in one channel (how much text covers each pixel) and mapped onto a 16-step ramp from the dark
blue background to white, so the PNG is 4-bit and small. Only the font embedded in Pillow is used
(Aileron, `ImageFont.load_default(size=...)`, basic layout) and Pillow writes no time or text chunk,
so the same card gives the same bytes on every run and every machine with the pinned Pillow.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from typing import TYPE_CHECKING

from terang import fmt, urls
from terang.content.parallel import MIN_JOBS, workers
from terang.content.markdown import PLACEHOLDER
from terang.data.history import value_on
from terang.model import Change, Figure, NewsItem, OutputFile, Page
from terang.reuse import Answers, computed

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630  # the Open Graph size
PAD_X, PAD_TOP, PAD_BOTTOM = 72, 56, 48
BACKGROUND = (0x0B, 0x53, 0x94)  # #0b5394: white on it is 7.8:1 (WCAG AA needs 4.5:1)
FOREGROUND = (0xFF, 0xFF, 0xFF)
STEPS = 16  # shades from background to foreground: antialiased edges, and a 4-bit PNG
HEADLINE_SIZES = (168, 150, 136, 122, 110, 100, 90, 80, 72, 64, 56, 50, 46)  # largest first; the last may cut
HEADLINE_LINES = 3
LABEL_SIZE, LABEL_LINES = 38, 3
SITE_SIZE, MARK_SIZE = 30, 32
GAP = 24  # between the blocks of text
ELLIPSIS = "…"
NUMBER = re.compile(r"(Rp)?-?\d")  # a headline made by fmt.value_with_unit starts so


@dataclass(frozen=True)
class ShareCard:
    """What a share image shows: a big headline, the label below it, the site's name and an optional badge."""

    headline: str  # "1.500 orang", or a news title
    label: str  # the figure's label, or the news date line; "\n" starts a new line
    site: str  # the site name (config.name: judul_pendek, else judul), at the bottom
    mark: str = ""  # "PERKIRAAN" or "SIMULASI", shown as a badge at the top


def image_path(kind: str, slug: str) -> str:
    """'bagikan/berita/<slug>.png' or 'bagikan/angka/<id>.png', relative to the site root."""
    return urls.share_image_url(kind, slug)


def figure_card(figure: Figure, site_title: str) -> ShareCard:
    """A key figure's card: its value with unit, its label, PERKIRAAN for an estimate."""
    return ShareCard(fmt.value_with_unit(figure.value, figure.unit), figure.label, site_title, "PERKIRAAN" if figure.estimate else "")


def cited_figure(item: NewsItem, figures: Mapping[str, Figure]) -> Figure | None:
    """The first key figure the news body inserts with [[angka:ID]], among `figures`."""
    return next((figures[m.group(2)] for m in PLACEHOLDER.finditer(item.body.text)
                 if m.group(1) == "angka" and m.group(2) in figures), None)


def news_card(item: NewsItem, site_title: str, figures: Mapping[str, Figure], changes: Iterable[Change] = ()) -> ShareCard:
    """A news item's card: the first figure it cites (as it stood on the item's date, given the change log),
    with the figure's label and the title below; without one, the title and the item's date."""
    figure = cited_figure(item, figures)
    if figure is None:
        return ShareCard(item.title, fmt.long_date(item.date), site_title)
    value = value_on(figure, item.date, tuple(changes))
    return ShareCard(fmt.value_with_unit(value, figure.unit), f"{figure.label}\n{item.title}", site_title,
                     "PERKIRAAN" if figure.estimate else "")


def sentence(text: str) -> str:
    """Text with its spaces and line breaks tidied, ending in a full stop unless it ends in one already."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…" else text + "."


def card_alt(card: ShareCard) -> str:
    """Indonesian alt text: 'Gambar berisi angka 1.500 orang: Pekerja rentan. Perkiraan. Situs X.'"""
    what = "angka" if NUMBER.match(card.headline) else "judul"
    lines = [sentence(line) for line in card.label.split("\n") if line.strip()]
    head = f"Gambar berisi {what} {' '.join(card.headline.split())}"
    parts = [f"{head}: {' '.join(lines)}" if lines else sentence(head)]
    if card.mark.strip():
        parts.append(sentence(card.mark.strip().capitalize()))
    parts.append(sentence(f"Situs {card.site}"))
    return " ".join(parts)


@lru_cache(maxsize=32)
def font(size: int) -> ImageFont.FreeTypeFont:
    """Aileron at `size` pixels, embedded in Pillow; never a system font, which differs between machines."""
    from PIL import ImageFont, features  # Pillow is loaded only when cards are drawn (a site with a base_url)

    if not features.check_module("freetype2"):
        raise RuntimeError("Gambar bagikan butuh Pillow dengan FreeType (huruf Aileron bawaan Pillow); "
                           "pasang Pillow dari wheel resmi: python3 -m pip install -c constraints.txt pillow")
    loaded = ImageFont.load_default(size=size)
    assert isinstance(loaded, ImageFont.FreeTypeFont)
    return loaded


def width(text: str, face: ImageFont.FreeTypeFont, stroke: int = 0) -> int:
    """How far right of its origin `text` reaches, in pixels: its advance plus the stroke on both sides
    (an advance, not an ink box: laying out is cheaper than drawing, and the margins hold any overhang)."""
    return int(face.getlength(text)) + 2 * stroke + 1


def wrap(text: str, face: ImageFont.FreeTypeFont, room: int, most: int, stroke: int = 0) -> tuple[list[str], bool]:
    """`text` in lines no wider than `room`, breaking at spaces and "\\n" (inside a word too long for a line);
    at most `most` lines, the last ending in '…' when some was cut. Returns the lines and whether it was cut."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if width(candidate, face, stroke) <= room:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:  # a word that fills a line alone is broken where it must be
                if line and width(line + char, face, stroke) > room:
                    lines.append(line)
                    line = ""
                line += char
        if line:
            lines.append(line)
    if len(lines) <= most:
        return lines, False
    last = lines[most - 1]
    while last and width(last + ELLIPSIS, face, stroke) > room:
        last = last[:-1]
    return lines[: most - 1] + [last.rstrip() + ELLIPSIS], True


def line_height(face: ImageFont.FreeTypeFont) -> int:
    ascent, descent = face.getmetrics()
    return ascent + descent


def headline_lines(text: str, room: int, height: int) -> tuple[ImageFont.FreeTypeFont, int, list[str]]:
    """The largest headline size at which `text` fits `room` wide, `height` high and three lines; else the
    smallest, cut. Returns the font, its stroke (a fake bold) and the lines."""
    flat = " ".join(text.split())
    for size in HEADLINE_SIZES:
        face, stroke = font(size), max(1, size // 42)
        if size != HEADLINE_SIZES[-1] and width(flat, face, stroke) > HEADLINE_LINES * (room + width(" ", face)):
            continue  # even without the spaces wrapping drops, it needs more lines: skip the wrap
        lines, cut = wrap(text, face, room, HEADLINE_LINES, stroke)
        if not cut and len(lines) * line_height(face) <= height:
            return face, stroke, lines
    return face, stroke, lines


def draw_lines(draw: ImageDraw.ImageDraw, lines: list[str], face: ImageFont.FreeTypeFont, top: int, stroke: int = 0) -> int:
    """Lines from `top` down, in full coverage; returns the y below the last."""
    for line in lines:
        draw.text((PAD_X, top), line, fill=255, font=face, anchor="la", stroke_width=stroke, stroke_fill=255)
        top += line_height(face)
    return top


def coverage(card: ShareCard) -> Image.Image:
    """The card in mode L: 0 is background, 255 full text. Badge at the top, site name at the bottom,
    headline and label centred in between."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    room = WIDTH - 2 * PAD_X
    top = PAD_TOP
    if card.mark.strip():
        face = font(MARK_SIZE)
        text, _ = wrap(card.mark, face, room - 40, 1)
        box = (PAD_X, top, PAD_X + width(text[0], face) + 40, top + line_height(face) + 20)
        draw.rectangle(box, fill=255)
        draw.text((PAD_X + 20, top + 10), text[0], fill=0, font=face, anchor="la")  # background-coloured on white
        top = box[3] + GAP
    site_face = font(SITE_SIZE)
    site, _ = wrap(" ".join(card.site.split()), site_face, room, 1)
    site_top = HEIGHT - PAD_BOTTOM - line_height(site_face)
    draw_lines(draw, site, site_face, site_top)
    rule = site_top - 20
    draw.rectangle((PAD_X, rule - 4, WIDTH - PAD_X - 1, rule - 1), fill=255)
    bottom = rule - 4 - GAP
    label_face = font(LABEL_SIZE)
    label, _ = wrap(card.label, label_face, room, LABEL_LINES)
    label_height = len(label) * line_height(label_face)
    headline_room = bottom - top - (label_height + GAP if label else 0)
    face, stroke, headline = headline_lines(card.headline, room, headline_room)
    used = len(headline) * line_height(face) + (GAP + label_height if label else 0)
    y = draw_lines(draw, headline, face, top + max(0, (bottom - top - used) // 2), stroke)
    draw_lines(draw, label, label_face, y + GAP)
    return image


def palette() -> list[int]:
    """STEPS colours from BACKGROUND (index 0) to FOREGROUND, as Pillow's flat RGB list."""
    return [round(b + (f - b) * step / (STEPS - 1)) for step in range(STEPS) for b, f in zip(BACKGROUND, FOREGROUND)]


def card_png(card: ShareCard) -> bytes:
    """The card as a 1200×630 4-bit PNG, without metadata: the same bytes for the same card."""
    shades = coverage(card).point([round(v * (STEPS - 1) / 255) for v in range(256)])
    shades.putpalette(palette())  # mode L becomes P: each coverage step indexes its colour
    out = io.BytesIO()
    shades.save(out, "PNG", compress_level=3)  # level 6 saves 10-15% at twice the time; cards are about 25 KB
    return out.getvalue()


def row_card(page: Page, label: str, count: int, site_title: str) -> ShareCard:
    """The card of a page about one table row (a segment): its count, the column's label and the row."""
    return ShareCard(fmt.number(count), f"{label} {page.row}", site_title)


def cards(figures: Iterable[Figure], news: Iterable[NewsItem], site_title: str, changes: Iterable[Change] = (),
          rows: Iterable[tuple[Page, str, int]] = ()) -> list[tuple[str, str, ShareCard]]:
    """(path, origin, card) of every share image, by path: one per key figure, per news item and per page
    about a table row (`rows`: the page, the count column's label, the count)."""
    figures, changes = tuple(figures), tuple(changes)
    by_id = {f.id: f for f in figures}
    made = [(image_path("angka", f.id), f.path, figure_card(f, site_title)) for f in figures]
    made += [(image_path("berita", n.slug), n.path, news_card(n, site_title, by_id, changes)) for n in news]
    made += [(image_path("halaman", page.slug), page.path, row_card(page, label, count, site_title)) for page, label, count in rows]
    return sorted(made, key=lambda m: m[0])


def share_image_files(figures: Iterable[Figure], news: Iterable[NewsItem], site_title: str, changes: Iterable[Change] = (),
                      memo: Answers | None = None, current: Path | None = None,
                      rows: Iterable[tuple[Page, str, int]] = ()) -> list[OutputFile]:
    """One PNG per key figure (bagikan/angka/<id>.png) and per news item (bagikan/berita/<slug>.png), by path.

    A card drawn by an earlier build (`memo` keeps its bytes' SHA-256) is copied from the site in
    `current` when the file there still has those bytes, so an unchanged card is not drawn again.
    The others are drawn on every core when there are many (a cold build of a large site).
    """
    made = cards(figures, news, site_title, changes, rows)
    kept: dict[str, str] = {}
    for path, _, card in made:
        digest = computed("bagikan", repr(card), str, memo)  # '' when no earlier build drew this card ('' is never stored)
        published = current / path if current is not None and digest else None
        if published is not None and published.is_file() and not published.is_symlink() and _sha256(published) == digest:
            kept[path] = str(published)
    missing = [(path, card) for path, _, card in made if path not in kept]
    drawn = dict(zip((path for path, _ in missing), draw_all([card for _, card in missing])))
    for path, card in missing:
        computed("bagikan", repr(card), lambda: hashlib.sha256(drawn[path]).hexdigest(), memo)  # noqa: B023 (called at once)
    return [OutputFile(path, origin, source=kept[path]) if path in kept else OutputFile(path, origin, drawn[path])
            for path, origin, _ in made]


def draw_all(batch: list[ShareCard]) -> list[bytes]:
    """card_png() of every card, in order: on all cores when it pays and is safe (as terang.content.parallel)."""
    count = workers()
    if len(batch) < MIN_JOBS or count < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [card_png(card) for card in batch]
    with multiprocessing.get_context("fork").Pool(count) as pool:
        return pool.map(card_png, batch, chunksize=max(1, len(batch) // (count * 8)))


def _sha256(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
