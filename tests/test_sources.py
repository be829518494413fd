"""Sources a reader can check: title, outlet, link, date and the day read online, on pages, in citations and downloads.

A source without a URL is shown as having none; the default site's sources have none (facts.md gives no URL).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from frictionless import validate

from conftest import ROOT
from helpers import build_errors

from terang.inputs.schema import SOURCE_FIELDS

# A fictional outlet on a reserved domain (.example): every key a source may have.
FULL_YAML = ("{nama: Kabar Contoh, judul: Nelayan Desa Satu kini dijamin, url: 'https://kabar-contoh.example/berita/nelayan-dijamin', "
             "tanggal: 2024-01-02, diakses: 2024-01-03}")
URL = "https://kabar-contoh.example/berita/nelayan-dijamin"
FULL_HTML = (f'<cite><a href="{URL}">Nelayan Desa Satu kini dijamin</a></cite>, Kabar Contoh '
             '(<time datetime="2024-01-02">2 Januari 2024</time>, diakses <time datetime="2024-01-03">3 Januari 2024</time>)')
PLAIN_HTML = "Dinas Contoh (tanpa tautan daring)"
NEWS = "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n{sumber}---\nIsi berita.\n"


def with_full_sources(project) -> None:
    """The tiny project with the full source first and the plain one after it, in news, table and key figure."""
    sources = f"sumber: [{FULL_YAML}, Dinas Contoh]\n"
    table = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    figures = (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8")
    project.write({"content/berita/kabar-baik.md": NEWS.format(sumber=sources),
                   "data/per-desa.yml": table.replace("sumber: [Dinas Contoh]\n", sources),
                   "data/angka_kunci.yml": figures.replace("  sumber: [Dinas Contoh]\n", "  " + sources)})


@pytest.fixture
def full(project, capsys):
    with_full_sources(project)
    code, _, err = project.build("--base-url", "https://contoh.go.id/t/", capsys=capsys)
    assert (code, err) == (0, "")
    return project


def package_errors(package: Path) -> list[str]:
    """The Frictionless framework's errors for a package and its rows (none when valid)."""
    return [f"{kind}: {note}" for kind, note in validate(str(package)).flatten(["type", "note"])]


def test_the_news_page_shows_the_linked_title_outlet_and_dates(full) -> None:
    assert f'<p class="meta">Sumber: {FULL_HTML}; {PLAIN_HTML}.</p>' in full.page("berita/kabar-baik/index.html")


def test_the_data_pages_show_the_linked_title_of_the_table_and_of_the_figure(full) -> None:
    assert f"<dt>Sumber</dt><dd>{FULL_HTML}; {PLAIN_HTML}</dd>" in full.page("data/per-desa/index.html")
    catalogue = full.page("data/index.html")
    assert f"<dt>Sumber</dt><dd>{FULL_HTML}; {PLAIN_HTML}</dd>" in catalogue  # the key figure
    assert f"Sumber: {FULL_HTML}; {PLAIN_HTML} · Unduh:" in catalogue  # the table in the list


def test_the_citation_names_title_outlet_date_url_and_day_read(full) -> None:
    assert ('<p class="teks-kutipan" id="peserta-kutipan">Pemerintah Kabupaten Contoh. &#34;Nelayan yang dijamin: 30 orang.&#34; '
            'Transparansi Program Contoh, data per 1 Januari 2024. Sumber: &#34;Nelayan Desa Satu kini dijamin&#34;, Kabar Contoh, '
            f'2 Januari 2024, {URL} (diakses 3 Januari 2024); Dinas Contoh. https://contoh.go.id/t/data/#peserta</p>') in full.page("data/index.html")


def test_the_json_gives_every_key_null_where_absent(full) -> None:
    assert json.loads(full.page("data/per-desa/per-desa.json"))["sumber"] == [
        {"nama": "Kabar Contoh", "judul": "Nelayan Desa Satu kini dijamin", "url": URL, "tanggal": "2024-01-02", "diakses": "2024-01-03"},
        {"nama": "Dinas Contoh", "judul": None, "url": None, "tanggal": None, "diakses": None},
    ]


def test_the_data_package_carries_title_path_and_dates_and_stays_valid(full) -> None:
    package = full.path / "site/data/per-desa/datapackage.json"
    assert json.loads(package.read_text(encoding="utf-8"))["sources"] == [
        {"title": "Nelayan Desa Satu kini dijamin", "path": URL, "publisher": "Kabar Contoh", "issued": "2024-01-02", "accessed": "2024-01-03"},
        {"title": "Dinas Contoh"},
    ]
    assert package_errors(package) == []


def test_a_source_the_data_package_spec_refuses_is_caught(full) -> None:
    """The validator does look at sources: a title that is not text is an error."""
    package = full.path / "site/data/per-desa/datapackage.json"
    record = json.loads(package.read_text(encoding="utf-8"))
    record["sources"][1]["title"] = 5
    package.write_text(json.dumps(record), encoding="utf-8")
    assert [e.split(":", 1)[0] for e in package_errors(package)] == ["package-error"]


def test_the_json_ld_is_based_on_named_dated_linked_works(full) -> None:
    page = full.page("data/per-desa/index.html")
    record = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert record["isBasedOn"] == [
        {"@type": "CreativeWork", "name": "Nelayan Desa Satu kini dijamin", "url": URL, "datePublished": "2024-01-02",
         "publisher": {"@type": "Organization", "name": "Kabar Contoh"}},
        {"@type": "CreativeWork", "name": "Dinas Contoh"},
    ]


def test_a_source_without_a_url_says_so_and_links_nowhere(project, capsys) -> None:
    project.write({"content/berita/kabar-baik.md": NEWS.format(sumber="sumber:\n  - Dinas Contoh\n  - {nama: Laporan Contoh, judul: Laporan Januari, tanggal: 2024-01-05}\n")})
    assert project.build(capsys=capsys)[0] == 0
    shown = re.findall(r'<p class="meta">Sumber: (.*?)</p>', project.page("berita/kabar-baik/index.html"))
    assert shown == ['Dinas Contoh (tanpa tautan daring); <cite>Laporan Januari</cite>, Laporan Contoh '
                     '(<time datetime="2024-01-05">5 Januari 2024</time>, tanpa tautan daring).']
    assert "<a" not in shown[0]


def test_the_default_site_shows_its_sources_honestly_without_links(default_site: Path) -> None:
    page = (default_site / "berita/penandatanganan-nota-kesepakatan-bpjs-ketenagakerjaan/index.html").read_text(encoding="utf-8")
    assert ('Sumber: publisia.id (<time datetime="2025-12-09">9 Desember 2025</time>, tanpa tautan daring); suara.com (tanpa tautan daring); '
            'metrosindonews.com (tanpa tautan daring); fokustv.com (tanpa tautan daring).</p>') in page
    record = json.loads((default_site / "data/peserta-per-segmen/peserta-per-segmen.json").read_text(encoding="utf-8"))
    assert {(s["judul"], s["url"], s["diakses"]) for s in record["sumber"]} == {(None, None, None)}  # facts.md gives no title or URL
    package = json.loads((default_site / "data/peserta-per-segmen/datapackage.json").read_text(encoding="utf-8"))
    assert package["sources"][0] == {"title": "publisia.id", "issued": "2025-12-09"}
    assert not any("path" in s for s in package["sources"])


FRONT = "content/berita/kabar-baik.md"


def test_a_bad_url_a_day_read_without_url_and_an_unknown_key_are_errors_at_their_lines(project, capsys) -> None:
    project.write({FRONT: NEWS.format(sumber=(
        "sumber:\n"
        "  - nama: Kabar Contoh\n"
        "    url: kabar-contoh.example/berita/satu\n"
        "  - nama: Dinas Contoh\n"
        "    diakses: 2024-01-03\n"
        "  - nama: Portal Contoh\n"
        "    tautan: https://portal-contoh.example/\n"))})
    assert build_errors(project, capsys) == [
        f"{FRONT}:8: 'url' harus berupa alamat web lengkap yang diawali https:// atau http://, bukan 'kabar-contoh.example/berita/satu'; "
        "tulis url: https://kabar-contoh.example/berita/satu",
        f"{FRONT}:10: 'diakses' hanya untuk sumber daring: tambahkan 'url' sumber itu, atau hapus 'diakses'",
        f"{FRONT}:12: kunci 'tautan' tidak dikenal; kunci yang dikenal: diakses, judul, nama, tanggal, url",
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://kabar-contoh.example/satu", "https://", "/berita/satu/"])
def test_only_absolute_web_addresses_are_accepted(project, capsys, url) -> None:
    project.write({FRONT: NEWS.format(sumber=f"sumber: [{{nama: Kabar Contoh, url: '{url}'}}]\n")})
    assert build_errors(project, capsys) == [
        f"{FRONT}:6: 'url' harus berupa alamat web lengkap yang diawali https:// atau http://, bukan '{url}'; "
        "salin alamat lengkapnya dari bilah alamat peramban"]


def test_source_errors_in_data_files_name_their_line_and_suggest_the_key(project, capsys) -> None:
    figures = (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8")
    project.write({"data/angka_kunci.yml": figures.replace(
        "  sumber: [Dinas Contoh]\n", "  sumber:\n    - Dinas Contoh\n    - nama: Laporan Contoh\n      tangal: 2024-01-05\n    - {judul: Tanpa nama}\n")})
    assert build_errors(project, capsys) == [
        "data/angka_kunci.yml:9: kunci 'tangal' tidak dikenal; apakah maksud Anda 'tanggal'?",
        "data/angka_kunci.yml:10: kunci wajib 'nama' tidak ada; tambahkan (contoh: nama: publisia.id)",
    ]


def test_every_source_key_is_explained_in_the_data_guide_with_a_fictional_example() -> None:
    guide = (ROOT / "docs/panduan-data.md").read_text(encoding="utf-8")
    section = guide.split("## Sumber: nama, judul, tautan dan tanggal\n", 1)[1].split("\n## ", 1)[0]
    assert [spec.name for spec in SOURCE_FIELDS] == ["nama", "judul", "url", "tanggal", "diakses"]
    for spec in SOURCE_FIELDS:
        assert f"| `{spec.name}` | {'ya' if spec.required else 'tidak'} |" in section, spec.name
    assert "**media rekaan**" in section and "url: https://kabar-contoh.example/" in section  # .example: a domain that cannot exist
