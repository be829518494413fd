"""The real default site: every page exists, figures come from data/, in Indonesian formats."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

PAGES = [
    "index.html", "404.html", "berita/index.html", "regulasi/index.html", "data/index.html",
    "berita/penandatanganan-nota-kesepakatan-bpjs-ketenagakerjaan/index.html",
    "tentang-program/index.html", "manfaat/index.html", "siapa-yang-dilindungi/index.html",
    "tanya-jawab/index.html", "tempat-bertanya/index.html", "data/peserta-per-segmen/index.html",
    "data/peserta-per-segmen/peserta-per-segmen.csv", "data/peserta-per-segmen/peserta-per-segmen.json",
]
REGULATIONS = ["uu-40-2004", "uu-24-2011", "pp-44-2015", "pp-82-2019", "inpres-2-2021", "permenaker-5-2021", "perbup-serang-59-2025"]


def test_every_page_of_the_default_site_is_written(default_site: Path) -> None:
    for page in PAGES + [f"regulasi/{r}/index.html" for r in REGULATIONS]:
        assert (default_site / page).is_file(), page


def test_home_shows_the_announced_total_and_the_audit_note(default_site: Path) -> None:
    home = (default_site / "index.html").read_text(encoding="utf-8")
    assert '<p class="nilai">21.234 orang</p>' in home
    assert "Catatan data" in home
    assert "<strong>21.234</strong>" in home and "<strong>21.434</strong>" in home and "<strong>200</strong>" in home
    assert 'href="regulasi/perbup-serang-59-2025/index.html"' in home


def test_news_date_is_written_the_indonesian_way(default_site: Path) -> None:
    page = (default_site / "berita/penandatanganan-nota-kesepakatan-bpjs-ketenagakerjaan/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2025-12-09">Selasa, 9 Desember 2025</time>' in page


def test_segment_table_comes_from_data_with_its_sum(default_site: Path) -> None:
    page = (default_site / "data/peserta-per-segmen/index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Kader Posyandu</th><td class="rata-kanan">7.690</td>' in page
    assert '<td class="rata-kanan">21.434</td>' in page
    csv = (default_site / "data/peserta-per-segmen/peserta-per-segmen.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[:2] == ['"segmen","jumlah"', '"Nelayan",200']


def test_no_figure_of_the_programme_is_typed_into_templates_or_the_package() -> None:
    for folder in ("templates", "terang"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".html", ".py", ".css"):
                text = path.read_text(encoding="utf-8")
                assert not re.search(r"Serang|21\.?234|21\.?434|BPJS", text), path
