"""Figures people can read and cite: chart, summary, citation, downloads, datapackage.json, JSON-LD, history."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT

from terang.site.theme import THEME

CHANGES = """\
- angka: peserta
  tanggal: 2024-01-15
  nilai_lama: 25
  nilai_baru: 28
  alasan: Tambahan data dari Desa Dua.
- angka: peserta
  tanggal: 2024-02-01
  nilai_lama: 28
  nilai_baru: 30
  alasan: Koreksi salah ketik.
"""


def test_each_table_has_a_frictionless_datapackage(project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    package = json.loads(project.page("data/per-desa/datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"] == [{"name": "CC-BY-4.0", "title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]
    assert package["sources"] == [{"title": "Dinas Contoh"}]
    assert package["created"] == "2024-01-01T00:00:00Z"  # RFC 3339, from the table's date
    resource = package["resources"][0]
    assert resource["path"] == "per-desa.csv"
    assert resource["schema"]["fields"] == [{"name": "desa", "title": "Desa", "type": "string"},
                                            {"name": "jumlah", "title": "Jumlah", "type": "integer"}]


def test_the_catalogue_lists_every_table_with_its_downloads(project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    page = project.page("data/index.html")
    assert ('Unduh: <a href="per-desa/per-desa.csv">CSV</a>, <a href="per-desa/per-desa.json">JSON</a>, '
            '<a href="per-desa/datapackage.json">datapackage.json</a>') in page
    assert project.page("data/per-desa/per-desa.csv") == '"desa","jumlah"\n"Satu",10\n"Dua",20\n'
    assert json.loads(project.page("data/per-desa/per-desa.json"))["baris"] == [{"desa": "Satu", "jumlah": 10}, {"desa": "Dua", "jumlah": 20}]


def test_data_pages_carry_schema_org_dataset_json_ld(project, capsys) -> None:
    assert project.build("--base-url", "https://contoh.go.id/t/", capsys=capsys)[0] == 0
    page = project.page("data/per-desa/index.html")
    record = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert record["@type"] == "Dataset" and record["name"] == "Peserta per desa"
    assert record["url"] == "https://contoh.go.id/t/data/per-desa/"
    assert record["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert record["isBasedOn"] == [{"@type": "CreativeWork", "name": "Dinas Contoh"}]
    assert record["distribution"][0] == {"@type": "DataDownload", "encodingFormat": "text/csv",
                                         "contentUrl": "https://contoh.go.id/t/data/per-desa/per-desa.csv"}


def test_each_key_figure_has_an_anchor_and_a_ready_citation_with_a_copy_button_script(project, capsys) -> None:
    assert project.build("--base-url", "https://contoh.go.id/t/", capsys=capsys)[0] == 0
    page = project.page("data/index.html")
    assert '<section class="angka" id="peserta" aria-labelledby="peserta-judul">' in page
    assert ('<p class="teks-kutipan" id="peserta-kutipan">Pemerintah Kabupaten Contoh. &#34;Nelayan yang dijamin: 30 orang.&#34; '
            'Transparansi Program Contoh, data per 1 Januari 2024. Sumber: Dinas Contoh. https://contoh.go.id/t/data/#peserta</p>') in page
    assert '<script src="../aset/salin.js" defer></script>' in page
    assert "<script>" not in page  # no inline script: the button is progressive enhancement
    assert (project.path / "site/aset/salin.js").read_text(encoding="utf-8") == (THEME / "aset/salin.js").read_text(encoding="utf-8")


def test_the_chart_is_an_svg_with_title_description_and_the_table_beside_it(project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    page = project.page("data/per-desa/index.html")
    assert '<svg class="grafik" id="grafik-per-desa" role="img" viewBox="0 0 360 104" aria-labelledby="grafik-per-desa-judul grafik-per-desa-desk"' in page
    assert '<title id="grafik-per-desa-judul">Grafik: Peserta per desa</title>' in page
    summary = "Tabel ini berisi 2 baris dengan jumlah 30. Angka terbesar ada pada Dua: 20 (66,7% dari jumlah)."
    assert f'<desc id="grafik-per-desa-desk">{summary}</desc>' in page
    assert f'<h2 id="ringkasan">Ringkasan</h2>\n<p>{summary}</p>' in page
    assert page.index("<svg") < page.index("<table>")


def test_chart_colours_meet_aa_contrast_on_white() -> None:
    from terang.site.charts import BAR_COLOUR, TARGET_COLOUR

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in (BAR_COLOUR, TARGET_COLOUR):
        assert (1.05) / (luminance(colour) + 0.05) >= 4.5, colour


def test_a_changed_figure_keeps_its_history(project, capsys) -> None:
    project.write({"data/riwayat.yml": CHANGES})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    page = project.page("data/index.html")
    assert "<caption>Riwayat angka: Nelayan yang dijamin</caption>" in page
    assert ('<tr><th scope="row"><a href="../riwayat-angka/index.html#peserta-2024-02-01"><time datetime="2024-02-01">1 Februari 2024</time></a></th><td class="rata-kanan">28</td>'
            '<td class="rata-kanan">30</td><td>Koreksi salah ketik.</td></tr>') in page


def test_the_history_must_end_at_the_published_value_and_name_known_figures(project, capsys) -> None:
    project.write({"data/riwayat.yml": CHANGES.replace("nilai_baru: 30", "nilai_baru: 31") + "- angka: pesrta\n  tanggal: 2024-01-01\n  nilai_lama: 1\n  nilai_baru: 2\n  alasan: x\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[:2] == [
        "data/riwayat.yml:6: perubahan terakhir angka 'peserta' berakhir di 31, tetapi data/angka_kunci.yml menyebut 30; samakan nilai_baru dengan nilai sekarang",
        "data/riwayat.yml:11: angka 'pesrta' tidak ada di data/angka_kunci.yml; apakah maksud Anda 'peserta'?",
    ]


def test_synthetic_tables_are_labelled_simulasi_everywhere(project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"data/per-desa.yml": yml + "simulasi: true\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert "<strong>SIMULASI:</strong>" in project.page("data/per-desa/index.html")
    assert "<title id=\"grafik-per-desa-judul\">Grafik: Peserta per desa (SIMULASI)</title>" in project.page("data/per-desa/index.html")
    assert '<span class="simulasi">SIMULASI</span>' in project.page("data/index.html")
    assert json.loads(project.page("data/per-desa/per-desa.json"))["judul"] == "Peserta per desa (SIMULASI)"
    assert json.loads(project.page("data/per-desa/datapackage.json"))["title"] == "Peserta per desa (SIMULASI)"


def test_default_site_data_is_only_what_facts_md_allows(default_site: Path) -> None:
    assert sorted(p.name for p in (default_site / "data").iterdir()) == ["angka-kunci", "index.html", "peserta-per-segmen"]
    assert "SIMULASI" not in (default_site / "data/index.html").read_text(encoding="utf-8")


def test_the_catalogue_carries_a_schema_org_data_catalog(project, capsys) -> None:
    project.write({"data/per-desa.yml": (project.path / "data/per-desa.yml").read_text(encoding="utf-8").replace("Nelayan per desa.", "Nelayan </script> per desa.")})
    assert project.build("--base-url", "https://contoh.go.id/t/", capsys=capsys)[0] == 0
    page = project.page("data/index.html")
    record = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert record["@type"] == "DataCatalog" and record["url"] == "https://contoh.go.id/t/data/"
    assert [(d["@type"], d["url"], d["description"]) for d in record["dataset"]] == [
        ("Dataset", "https://contoh.go.id/t/data/per-desa/", "Nelayan </script> per desa.")]
