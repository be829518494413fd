"""Every announced total is checked against its parts and every other place that states it, in the open."""

from __future__ import annotations

from pathlib import Path

from helpers import build_errors

STATED = """\
angka:
  - id: peserta
    label: Nelayan yang dijamin
    nilai: 35
    satuan: orang
    tanggal: 2024-02-01
    sumber: [Laporan Dinas Contoh Februari]
"""


def test_default_site_publishes_the_announced_total_the_sum_and_the_difference(default_site: Path) -> None:
    for page in ("index.html", "data/index.html", "data/peserta-per-segmen/index.html"):
        text = (default_site / page).read_text(encoding="utf-8")
        assert "Catatan data" in text, page
        assert "Angka yang diumumkan adalah <strong>21.234</strong> orang" in text, page
        assert "hasilnya <strong>21.434</strong>" in text and "Selisihnya <strong>200</strong> (lebih banyak dari angka yang diumumkan)" in text, page
        assert ('Sumber angka yang diumumkan: publisia.id (<time datetime="2025-12-09">9 Desember 2025</time>, tanpa tautan daring); '
                'suara.com (tanpa tautan daring)') in text, page


def test_default_site_offers_its_table_for_download(default_site: Path) -> None:
    page = (default_site / "data/peserta-per-segmen/index.html").read_text(encoding="utf-8")
    for link in ("peserta-per-segmen.csv", "peserta-per-segmen.json", "datapackage.json"):
        assert f'<a href="{link}">' in page
        assert (default_site / "data/peserta-per-segmen" / link).is_file()


def test_a_matching_total_says_so(project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    page = project.page("data/index.html")
    assert "Angka ini sama dengan jumlah rincian di tabel" in page and "Catatan data" not in page


def test_a_mismatch_is_published_and_strict_makes_it_an_error(project, capsys) -> None:
    project.write({"data/per-desa.csv": "desa,jumlah\nSatu,10\nDua,25\n"})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert "Angka yang diumumkan adalah <strong>30</strong> orang" in project.page("index.html")
    before = project.page("index.html")
    assert build_errors(project, capsys, "--strict")[0] == (
        "data/angka_kunci.yml:1: angka 'peserta' (30) tidak sama dengan jumlah tabel 'per-desa' (35); selisih 5 (--strict)")
    assert project.page("index.html") == before


def test_the_same_figure_stated_with_another_value_elsewhere_is_published_with_both_sources(project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"data/per-desa.yml": yml + STATED})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    for page in ("index.html", "data/index.html", "data/per-desa/index.html"):
        text = project.page(page)
        assert "tercatat <strong>30</strong> orang (sumber: Dinas Contoh (tanpa tautan daring), data per 1 Januari 2024)" in text, page
        assert ("sumber lain menyebut <strong>35</strong> orang (sumber: Laporan Dinas Contoh Februari (tanpa tautan daring), "
                "data per 1 Februari 2024)") in text, page
        assert "Selisihnya <strong>5</strong>." in text, page
    assert ("data/per-desa.yml:10: angka 'peserta' ditulis 35 di sini tetapi 30 di data/angka_kunci.yml; selisih 5 (--strict)"
            in build_errors(project, capsys, "--strict"))


def test_a_figure_stated_with_the_same_value_is_not_a_note(project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"data/per-desa.yml": yml + STATED.replace("nilai: 35", "nilai: 30")})
    assert project.build("--strict", capsys=capsys)[0] == 0
    assert "sumber lain menyebut" not in project.page("index.html")


def test_a_stated_figure_must_exist_in_the_key_figures(project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"data/per-desa.yml": yml + STATED.replace("id: peserta", "id: pesrta")})
    assert ("data/per-desa.yml:10: angka 'pesrta' tidak ada di data/angka_kunci.yml; tambahkan di sana dulu; apakah maksud Anda 'peserta'?"
            in build_errors(project, capsys))


def test_a_table_that_fails_to_read_is_not_also_reported_as_missing(project, capsys) -> None:
    project.write({"data/per-desa.csv": "desa,jumlah\nSatu,x\n"})
    assert build_errors(project, capsys) == ["data/per-desa.csv:2: baris 2, kolom B 'jumlah': 'x' bukan bilangan bulat; tulis angka saja, misalnya 2428"]


def test_a_stated_figure_that_is_not_a_list_says_what_to_write(project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"data/per-desa.yml": yml + "angka: 35\n"})
    assert ("data/per-desa.yml:9: 'angka' harus berupa daftar angka, tiap butir seperti di data/angka_kunci.yml "
            "(id, label, nilai, satuan, tanggal, sumber), bukan 35") in build_errors(project, capsys)
