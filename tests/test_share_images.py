"""Share images (terang.site.share_images): one 1200×630 PNG per key figure and news item, for link previews."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import struct
import subprocess
import sys

import pytest
from PIL import Image, ImageChops

from helpers import ROOT
from terang.model import Body, Change, Figure, NewsItem, OutputFile
from terang.site import share_images
from terang.site.share_images import (BACKGROUND, FOREGROUND, ShareCard, card_alt, card_png, figure_card, font, image_path,
                                      news_card, share_image_files, wrap)

SITE = "Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Serang"
WORKERS = Figure(id="pekerja", path="data/angka_kunci.yml", label="Pekerja rentan yang iurannya dibayar APBD",
                 value=21234, unit="orang", date=dt.date(2025, 11, 30))
FEE = Figure(id="iuran", path="data/angka_kunci.yml", label="Iuran JKK dan JKM", value=16800,
             unit="rupiah per orang per bulan", date=dt.date(2025, 11, 30), estimate=True)
FIGURES = {f.id: f for f in (WORKERS, FEE)}
NORMAL = ShareCard("21.234 orang", "Pekerja rentan yang iurannya dibayar APBD", SITE, "PERKIRAAN")
LONG = ShareCard("Pemkab Serang mulai membayar iuran BPJS Ketenagakerjaan untuk pekerja rentan di seluruh kecamatan",
                 "Selasa, 9 Desember 2025", SITE)
VERY_LONG = ShareCard(("Angka " * 40).strip() + " " + "W" * 80, "label yang sangat panjang " * 12, SITE * 3, "SIMULASI " * 8)


def news(slug: str = "iuran-dibayar", text: str = "Tanpa angka.", title: str = "Iuran mulai dibayar",
         date: dt.date = dt.date(2025, 12, 9)) -> NewsItem:
    path = f"content/berita/{slug}.md"
    return NewsItem(slug=slug, path=path, title=title, date=date, summary="Ringkasan.", topics=("iuran",),
                    body=Body(path, 7, text))


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        found.append(kind)
        at += 12 + length
    return found


def ink(card: ShareCard) -> tuple[int, int, int, int] | None:
    """The box around every pixel that is not the background colour."""
    image = opened(card_png(card)).convert("RGB")
    return ImageChops.difference(image, Image.new("RGB", image.size, BACKGROUND)).getbbox()


def contrast(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    def luminance(colour: tuple[int, ...]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the image ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("card", [NORMAL, LONG, VERY_LONG], ids=["normal", "long", "very-long"])
def test_every_card_is_a_1200_by_630_png_under_100_kb(card: ShareCard) -> None:
    data = card_png(card)
    image = opened(data)
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
    assert len(data) < 100_000


def test_the_same_card_gives_the_same_bytes() -> None:
    assert card_png(NORMAL) == card_png(NORMAL)
    assert card_png(VERY_LONG) == card_png(VERY_LONG)
    assert card_png(NORMAL) != card_png(LONG)


@pytest.mark.parametrize("seed", ["0", "4242"])
def test_another_process_with_other_hash_seeds_makes_the_same_bytes(seed: str) -> None:
    code = ("import hashlib; from terang.site.share_images import ShareCard, card_png; "
            f"print(hashlib.sha256(card_png(ShareCard({NORMAL.headline!r}, {NORMAL.label!r}, {NORMAL.site!r}, {NORMAL.mark!r}))).hexdigest())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
    assert result.stdout.strip() == hashlib.sha256(card_png(NORMAL)).hexdigest()


def test_the_png_holds_no_text_or_time_chunk() -> None:
    data = card_png(NORMAL)
    assert set(chunks(data)) == {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
    for kind in (b"tEXt", b"zTXt", b"iTXt", b"tIME"):
        assert kind not in data


def test_sixteen_shades_from_the_dark_blue_background_to_white_with_enough_contrast() -> None:
    image = opened(card_png(NORMAL))
    palette = image.getpalette()
    assert len(palette) == 16 * 3
    assert (tuple(palette[:3]), tuple(palette[-3:])) == ((0x0B, 0x53, 0x94), (255, 255, 255))
    assert (BACKGROUND, FOREGROUND) == ((0x0B, 0x53, 0x94), (255, 255, 255))
    assert round(contrast(BACKGROUND, FOREGROUND), 2) == 7.84  # WCAG AA asks 4.5:1


@pytest.mark.parametrize("card", [
    ShareCard("W" * 200, "M" * 300, SITE * 4, "PERKIRAAN" * 10),
    ShareCard(("judul " * 34).strip(), ("keterangan " * 28).strip(), SITE),
    VERY_LONG,
], ids=["unbroken", "words", "mixed"])
def test_no_text_reaches_the_outer_20_pixels(card: ShareCard) -> None:
    assert len(card.label) >= 300 and len(card.headline) >= 200
    left, top, right, bottom = ink(card)
    assert left >= 20 and top >= 20 and right <= 1200 - 20 and bottom <= 630 - 20


def test_a_long_text_is_cut_to_three_lines_ending_in_an_ellipsis() -> None:
    lines, cut = wrap("kata " * 100, font(46), 1056, 3)
    assert cut and len(lines) == 3 and lines[-1].endswith("…")
    assert all(font(46).getbbox(line)[2] <= 1056 for line in lines)
    assert wrap("Pekerja rentan\nIuran mulai dibayar", font(38), 1056, 3) == (["Pekerja rentan", "Iuran mulai dibayar"], False)


def test_the_card_is_not_blank_and_the_headline_is_the_biggest_text() -> None:
    image = opened(card_png(NORMAL))
    assert len(image.getcolors()) >= 2
    white = [y for y in range(image.height) if any(image.getpixel((x, y)) == 15 for x in range(image.width))]
    bands: list[list[int]] = []  # runs of rows holding white pixels: badge, headline, label, rule, site name
    for y in white:
        if bands and bands[-1][1] == y - 1:
            bands[-1][1] = y
        else:
            bands.append([y, y])
    assert len(bands) == 5
    heights = [end - start + 1 for start, end in bands]
    assert max(heights) == heights[1] >= 120  # the figure, in letters over 120 px tall, below the badge


# --- what the card says ---------------------------------------------------------------------------------------

def test_a_key_figure_shows_its_value_and_label() -> None:
    assert figure_card(WORKERS, SITE) == ShareCard("21.234 orang", "Pekerja rentan yang iurannya dibayar APBD", SITE, "")


def test_an_estimate_is_marked_perkiraan_in_a_badge_not_in_the_headline() -> None:
    assert figure_card(FEE, SITE) == ShareCard("Rp16.800 per orang per bulan", "Iuran JKK dan JKM", SITE, "PERKIRAAN")


def test_news_citing_a_figure_shows_the_first_known_one_then_its_label_and_the_title() -> None:
    item = news(text="Belum ada [[angka:tidak-ada]]. [[jumlah:pekerja]] tercatat; [[angka:pekerja]] pekerja, iuran [[angka:iuran]].")
    assert news_card(item, SITE, FIGURES) == ShareCard(
        "21.234 orang", "Pekerja rentan yang iurannya dibayar APBD\nIuran mulai dibayar", SITE, "")
    assert news_card(news(text="Iuran [[angka:iuran]]."), SITE, FIGURES).mark == "PERKIRAAN"


def test_news_without_a_figure_shows_its_title_and_date() -> None:
    assert news_card(news(), SITE, FIGURES) == ShareCard("Iuran mulai dibayar", "Selasa, 9 Desember 2025", SITE, "")
    assert news_card(news(text="[[angka:pekerja]]"), SITE, {}).headline == "Iuran mulai dibayar"


def test_news_shows_the_figure_as_it_stood_on_its_date() -> None:
    changes = (Change("pekerja", dt.date(2025, 12, 20), 20100, 21234, "Data baru"),)
    before = news(text="[[angka:pekerja]]", date=dt.date(2025, 12, 9))
    after = news(text="[[angka:pekerja]]", date=dt.date(2025, 12, 21))
    assert news_card(before, SITE, FIGURES, changes).headline == "20.100 orang"
    assert news_card(after, SITE, FIGURES, changes).headline == "21.234 orang"


def test_alt_text_says_what_the_image_shows() -> None:
    assert card_alt(NORMAL) == ("Gambar berisi angka 21.234 orang: Pekerja rentan yang iurannya dibayar APBD. Perkiraan. "
                                "Situs Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Serang.")
    assert card_alt(ShareCard("Rp16.800", "Iuran\nIuran naik?", "Situs Contoh.")) == (
        "Gambar berisi angka Rp16.800: Iuran. Iuran naik? Situs Situs Contoh.")
    assert card_alt(news_card(news(title="Iuran  mulai\ndibayar!"), "Contoh", {})) == (
        "Gambar berisi judul Iuran mulai dibayar!: Selasa, 9 Desember 2025. Situs Contoh.")


# --- paths and files ------------------------------------------------------------------------------------------

def test_image_paths() -> None:
    assert image_path("berita", "iuran-dibayar") == "bagikan/berita/iuran-dibayar.png"
    assert image_path("angka", "pekerja") == "bagikan/angka/pekerja.png"


def test_one_file_per_figure_and_news_item_in_path_order() -> None:
    items = [news("b-kedua", "[[angka:iuran]]"), news("a-pertama")]
    files = share_image_files([WORKERS, FEE], items, SITE)
    assert [(f.path, f.origin) for f in files] == [
        ("bagikan/angka/iuran.png", "data/angka_kunci.yml"),
        ("bagikan/angka/pekerja.png", "data/angka_kunci.yml"),
        ("bagikan/berita/a-pertama.png", "content/berita/a-pertama.md"),
        ("bagikan/berita/b-kedua.png", "content/berita/b-kedua.md"),
    ]
    assert files[1] == OutputFile("bagikan/angka/pekerja.png", "data/angka_kunci.yml", card_png(figure_card(WORKERS, SITE)))
    assert files[3].data == card_png(news_card(items[0], SITE, FIGURES))
    assert share_image_files([], [], SITE) == []


def test_without_freetype_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    font.cache_clear()
    from PIL import features

    monkeypatch.setattr(features, "check_module", lambda name: False)
    with pytest.raises(RuntimeError) as raised:
        card_png(NORMAL)
    font.cache_clear()
    assert str(raised.value) == ("Gambar bagikan butuh Pillow dengan FreeType (huruf Aileron bawaan Pillow); "
                                 "pasang Pillow dari wheel resmi: python3 -m pip install -c constraints.txt pillow")
