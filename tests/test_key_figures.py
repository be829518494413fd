"""The key figures as data: data/angka-kunci/ holds a CSV, a JSON and a valid Frictionless data package,
linked from the Data page and from each figure's citation block (issue 16 item 3)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from frictionless import validate

from conftest import TINY_CONFIG, Project
from helpers import ROOT, build_errors
from siteparse import parse_page, resolve
from terang import urls
from terang.data.datasets import read_figures
from terang.site.downloads import sources_json

FILES = ["angka-kunci.csv", "angka-kunci.json", "datapackage.json"]
HEADER = '"id","label","nilai","satuan","tanggal","sumber","dasar_hukum","perkiraan","keterangan","catatan"'
ESTIMATE = """\
- id: perkiraan-biaya
  label: 'Perkiraan biaya; "kasar"'
  nilai: 360000
  satuan: rupiah
  tanggal: 2024-02-01
  sumber: [{nama: Portal Contoh, url: 'https://contoh.go.id/data', tanggal: 2024-01-05}]
  dasar_hukum: perbup-1-2024
  perkiraan: true
  catatan: 30 orang × Rp1.000 × 12 bulan.
"""


def package_errors(package: Path) -> list[str]:
    """The Frictionless framework's errors for a package and its CSV rows, as 'type: note' (none when valid)."""
    return [f"{kind}: {note}" for kind, note in validate(str(package)).flatten(["type", "note"])]


def links_to_key_figures(site: Path, page: str) -> list[str]:
    """The site files a page links to under data/angka-kunci/, in page order."""
    targets = [resolve(page, ref.url)[0] for ref in parse_page(site, page).refs]
    return [t for t in targets if t.startswith(urls.KEY_FIGURES)]


def with_estimate(project: Project) -> Project:
    """The tiny project plus an estimate with a legal basis and a label that needs CSV quoting."""
    figures = (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8")
    return project.write({"data/angka_kunci.yml": figures + ESTIMATE})


# --- the default site ---------------------------------------------------------------------------------------

def test_the_default_site_publishes_every_key_figure_as_csv(default_site: Path) -> None:
    assert sorted(p.name for p in (default_site / urls.KEY_FIGURES).iterdir()) == FILES
    lines = (default_site / urls.KEY_FIGURES_CSV).read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    assert lines[1] == (
        '"peserta-dijamin","Pekerja rentan yang iurannya dibayar APBD Kabupaten Serang (tahun anggaran 2025)",21234,'
        '"orang","2025-12-09","publisia.id; suara.com; metrosindonews.com; fokustv.com","perbup-serang-59-2025","false",'
        '"Angka total yang diumumkan Pemerintah Kabupaten Serang saat penandatanganan nota kesepakatan dengan BPJS '
        'Ketenagakerjaan Kantor Cabang Serang.","Rincian per segmen yang diberitakan, jika dijumlahkan, tidak sama dengan '
        'total yang diumumkan. Kedua angka ditampilkan apa adanya (lihat Catatan data)."')
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [(r["id"], r["nilai"], r["perkiraan"]) for r in rows] == [
        ("peserta-dijamin", "21234", "false"), ("iuran-minimum-bpu", "16800", "false"),
        ("perkiraan-iuran-per-tahun", "4280774400", "true")]
    assert rows[2]["catatan"].startswith("Perkiraan dengan anggapan")  # the estimate travels with its assumption


def test_the_default_site_publishes_each_figure_as_a_json_record(default_site: Path) -> None:
    data = json.loads((default_site / urls.KEY_FIGURES_JSON).read_text(encoding="utf-8"))
    assert (data["id"], data["judul"]) == ("angka-kunci", "Angka kunci: Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Serang")
    record = data["angka"][0]
    assert {k: v for k, v in record.items() if k != "sumber"} == {
        "id": "peserta-dijamin",
        "label": "Pekerja rentan yang iurannya dibayar APBD Kabupaten Serang (tahun anggaran 2025)",
        "nilai": 21234,
        "satuan": "orang",
        "tanggal": "2025-12-09",
        "dasar_hukum": {"id": "perbup-serang-59-2025", "judul": "Peraturan Bupati Serang Nomor 59 Tahun 2025",
                        "halaman": "regulasi/perbup-serang-59-2025/"},
        "perkiraan": False,
        "keterangan": "Angka total yang diumumkan Pemerintah Kabupaten Serang saat penandatanganan nota kesepakatan "
                      "dengan BPJS Ketenagakerjaan Kantor Cabang Serang.",
        "catatan": "Rincian per segmen yang diberitakan, jika dijumlahkan, tidak sama dengan total yang diumumkan. "
                   "Kedua angka ditampilkan apa adanya (lihat Catatan data).",
        "halaman": "data/#peserta-dijamin",
    }
    # the sources are the full objects every download carries (terang.site.downloads.sources_json)
    figure = read_figures(ROOT)[0][0]
    assert record["sumber"] == sources_json(figure.sources)
    assert [(s["nama"], s["tanggal"]) for s in record["sumber"]] == [
        ("publisia.id", "2025-12-09"), ("suara.com", None), ("metrosindonews.com", None), ("fokustv.com", None)]
    assert [(r["id"], r["perkiraan"]) for r in data["angka"]] == [
        ("peserta-dijamin", False), ("iuran-minimum-bpu", False), ("perkiraan-iuran-per-tahun", True)]


def test_the_default_sites_key_figures_package_validates_rows_included(default_site: Path) -> None:
    package = default_site / urls.KEY_FIGURES_PACKAGE
    assert package_errors(package) == []
    assert validate(str(package)).tasks[0].stats["rows"] == 3
    described = json.loads(package.read_text(encoding="utf-8"))
    fields = described["resources"][0]["schema"]["fields"]
    assert [(f["name"], f["type"]) for f in fields] == [
        ("id", "string"), ("label", "string"), ("nilai", "integer"), ("satuan", "string"), ("tanggal", "date"),
        ("sumber", "string"), ("dasar_hukum", "string"), ("perkiraan", "boolean"), ("keterangan", "string"),
        ("catatan", "string")]
    assert (fields[7]["trueValues"], fields[7]["falseValues"]) == (["true"], ["false"])
    assert described["resources"][0]["path"] == "angka-kunci.csv"
    assert described["created"] == "2025-12-09T00:00:00Z"
    assert described["licenses"] == [{"name": "CC-BY-4.0", "title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]


def test_the_data_page_and_each_citation_link_to_the_key_figures(default_site: Path) -> None:
    page = (default_site / "data/index.html").read_text(encoding="utf-8")
    links = ('<a href="angka-kunci/angka-kunci.csv">CSV</a>, <a href="angka-kunci/angka-kunci.json">JSON</a>, '
             '<a href="angka-kunci/datapackage.json">datapackage.json</a>')
    assert f'<h2>Angka kunci</h2>\n<p class="meta" id="unduh-angka-kunci">Unduh semua angka kunci: {links}</p>\n' in page
    assert ('<p class="teks-kutipan" id="peserta-dijamin-kutipan">' in page
            and f'<p class="unduh-angka">Angka ini juga ada dalam data angka kunci, baris <code>peserta-dijamin</code>: {links}</p>\n</div>' in page)
    assert page.count('<p class="unduh-angka">') == page.count('<div class="kutip">') == 3
    # the templates' paths are terang.urls', and every link reaches a published file
    expected = [urls.KEY_FIGURES_CSV, urls.KEY_FIGURES_JSON, urls.KEY_FIGURES_PACKAGE]
    assert links_to_key_figures(default_site, "data/index.html") == expected * 4
    assert all((default_site / target).is_file() for target in expected)


def test_the_key_figures_are_listed_in_sha256sums(default_site: Path) -> None:
    listed = [line.split("  ", 1)[1] for line in (default_site / "SHA256SUMS").read_text(encoding="utf-8").splitlines()]
    assert [name for name in listed if name.startswith(urls.KEY_FIGURES)] == [urls.KEY_FIGURES + name for name in FILES]


# --- a scratch project --------------------------------------------------------------------------------------

def test_an_estimate_is_flagged_and_text_cells_are_quoted(project: Project, capsys) -> None:
    code, _, err = with_estimate(project).build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page(urls.KEY_FIGURES_CSV) == (
        HEADER + "\n"
        '"peserta","Nelayan yang dijamin",30,"orang","2024-01-01","Dinas Contoh","","false","",""\n'
        '"perkiraan-biaya","Perkiraan biaya; ""kasar""",360000,"rupiah","2024-02-01","Portal Contoh","perbup-1-2024","true","",'
        '"30 orang × Rp1.000 × 12 bulan."\n')
    package = project.path / "site" / urls.KEY_FIGURES_PACKAGE
    assert package_errors(package) == []
    described = json.loads(package.read_text(encoding="utf-8"))
    assert described["created"] == "2024-02-01T00:00:00Z"  # the newest figure's date, never the clock
    assert [s["title"] for s in described["sources"]] == ["Dinas Contoh", "Portal Contoh"]


def test_the_json_gives_absolute_pages_with_a_base_url(project: Project, capsys) -> None:
    assert with_estimate(project).build("--base-url", "https://contoh.go.id/t/", capsys=capsys)[0] == 0
    records = json.loads(project.page(urls.KEY_FIGURES_JSON))["angka"]
    assert [(r["id"], r["dasar_hukum"], r["perkiraan"], r["halaman"]) for r in records] == [
        ("peserta", None, False, "https://contoh.go.id/t/data/#peserta"),
        ("perkiraan-biaya", {"id": "perbup-1-2024", "judul": "Peraturan Bupati Contoh Nomor 1 Tahun 2024",
                             "halaman": "https://contoh.go.id/t/regulasi/perbup-1-2024/"}, True,
         "https://contoh.go.id/t/data/#perkiraan-biaya")]


def test_the_validator_catches_a_bad_flag_and_a_repeated_id(project: Project, capsys) -> None:
    """The package check can fail: a flag written 'ya' and an id used twice are reported."""
    assert project.build(capsys=capsys)[0] == 0
    csv_file = project.path / "site" / urls.KEY_FIGURES_CSV
    good = csv_file.read_text(encoding="utf-8")
    csv_file.write_text(good.replace('"false"', '"ya"'), encoding="utf-8")
    assert [e.split(":", 1)[0] for e in package_errors(project.path / "site" / urls.KEY_FIGURES_PACKAGE)] == ["type-error"]
    csv_file.write_text(good + good.splitlines()[1] + "\n", encoding="utf-8")
    assert [e.split(":", 1)[0] for e in package_errors(project.path / "site" / urls.KEY_FIGURES_PACKAGE)] == ["unique-error", "primary-key"]


def test_a_site_without_figures_publishes_no_key_figures(project: Project, capsys) -> None:
    project.remove("data/angka_kunci.yml")
    project.write({"situs.yml": TINY_CONFIG.replace("angka_beranda: [peserta]\n", ""),
                   "content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi berita.\n"})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    site = project.path / "site"
    assert not (site / urls.KEY_FIGURES).exists()
    assert "angka-kunci" not in project.page("data/index.html")
    assert "angka-kunci" not in project.page("SHA256SUMS")
    assert links_to_key_figures(site, "data/index.html") == []


def test_a_table_named_angka_kunci_is_the_file_the_collision_names(project: Project, capsys) -> None:
    project.write({"data/angka-kunci.yml": (project.path / "data/per-desa.yml").read_text(encoding="utf-8")})
    assert build_errors(project, capsys)[0] == (
        "data/angka-kunci.yml: menghasilkan berkas 'data/angka-kunci/angka-kunci.csv' yang juga dihasilkan oleh "
        "data/angka_kunci.yml; ganti salah satu nama")
