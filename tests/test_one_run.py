"""One build reports every mistake: front matter, bodies, links, placeholders and data, of all files together."""

from __future__ import annotations

import pytest

from conftest import Project
from helpers import tree
from terang.cli.main import main

FRONT = "content/berita/salah.md"
LINKS = "content/berita/tautan.md"
TABLE_YML = "data/per-desa.yml"

MISTAKES = {
    # a front-matter error: its page and file still count as link targets
    FRONT: "---\njudul: Salah\ntanggal: 2024-01-03\nringkasan: R\ntopik: [uji]\ndraf: ya\n---\nIsi [tidak ada](/berita/hilang-juga/).\n",
    # YAML that cannot be read at all: still a link target by its path
    "content/berita/rusak.md": "---\njudul: \"Rusak\ntanggal: 2024-01-04\n---\nIsi.\n",
    # a broken link next to links to the two failed items, and a bad placeholder next to a failed table's
    LINKS: ("---\njudul: Tautan\ntanggal: 2024-01-05\nringkasan: R\ntopik: [uji]\n---\n"
            "Lihat [berita salah](/berita/salah/), [yang rusak](/berita/rusak/) dan [berkasnya](rusak.md).\n\n"
            "Lihat juga [tidak ada](/berita/tidak-ada/).\n\n"
            "Ada [[angka:pesrta]] nelayan.\n\n[[tabel:per-desa]]\n\n[[jumlah:per-desa]] orang, lihat [tabel](/data/per-desa/).\n"),
    # a data error: the table fails, so its placeholders and page are not reported as unknown
    TABLE_YML: "judul: Peserta per desa\ndeskripsi: Nelayan per desa.\ntanggal: 2024-01-01\nsumber: [Dinas Contoh]\nberkas: per-desa.csv\n"
               "judul: Lagi\nkolom:\n  - {nama: desa, label: Desa, jenis: teks}\n  - {nama: jumlah, label: Jumlah, jenis: bilangan}\n",
}

EXPECTED = [
    "content/berita/rusak.md:2: YAML tidak sah: tanda kutip yang dibuka di baris ini tidak ditutup; tutup tanda kutipnya di baris yang sama",
    f"{FRONT}:6: 'draf' hanya menerima true atau false, bukan 'ya'; tulis draf: true atau draf: false",
    f"{FRONT}:8: tautan '/berita/hilang-juga/' tidak menemukan halaman atau berkas di situs; apakah maksud Anda '/berita/salah/'?",
    f"{LINKS}:9: tautan '/berita/tidak-ada/' tidak menemukan halaman atau berkas di situs; apakah maksud Anda '/berita/tautan/'?",
    f"{LINKS}:11: '[[angka:pesrta]]' tidak dikenal; apakah maksud Anda 'peserta'?",
    f"{TABLE_YML}:6: kunci 'judul' ditulis dua kali: baris 1 dan baris 6; hapus salah satu",
]


def error_lines(err: str) -> list[str]:
    lines = err.strip().splitlines()
    assert "Traceback" not in err and lines[-1].startswith(("Build gagal: ", "Pemeriksaan gagal: "))
    return lines[:-1]


def test_every_kind_of_mistake_in_one_build_and_the_old_site_stays(project: Project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    project.write(MISTAKES)
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert error_lines(err) == EXPECTED  # sorted by file, line and message, as the build sorts them
    assert tree(project.path / "site") == before


def test_check_reports_them_all_too(project: Project, capsys) -> None:
    project.write(MISTAKES)
    code = main(["check", "--proyek", str(project.path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert error_lines(err) == EXPECTED
    assert not (project.path / "site").exists()


def test_fixing_the_front_matter_reveals_nothing_new(project: Project, capsys) -> None:
    project.write(MISTAKES)
    first = error_lines(project.build(capsys=capsys)[2])
    project.write({FRONT: MISTAKES[FRONT].replace("draf: ya", "draf: false")})
    second = error_lines(project.build(capsys=capsys)[2])
    assert second == [line for line in first if not line.startswith(f"{FRONT}:6:")]


@pytest.mark.parametrize("files, expected", [
    ({"situs.yml": "judul: [\n", FRONT: MISTAKES[FRONT]},  # no usable situs.yml: bodies are not rendered
     [f"{FRONT}:6: 'draf' hanya menerima true atau false, bukan 'ya'; tulis draf: true atau draf: false",
      "situs.yml:1: YAML tidak sah: kurung siku '[' yang dibuka di baris ini tidak ditutup; tutup dengan ']'"]),
    ({FRONT: MISTAKES[FRONT].replace("draf: ya", "draf: true\nwarna: biru")},  # a failed draft is not published: its body is not checked
     [f"{FRONT}:7: kunci 'warna' tidak dikenal; kunci yang dikenal: draf, gambar, gambar_alt, judul, regulasi, ringkasan, sumber, tanggal, topik"]),
], ids=["bad-config", "failed-draft"])
def test_what_cannot_be_rendered_is_left_out(project: Project, capsys, files: dict, expected: list[str]) -> None:
    project.write(files)
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert error_lines(err) == expected


def test_a_valid_site_builds_as_before(project: Project, capsys) -> None:
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err


def test_an_unreadable_figures_file_does_not_make_every_figure_placeholder_unknown(project: Project, capsys) -> None:
    project.write({
        "data/angka_kunci.yml": "- id: peserta\n  label: Nelayan\n  label: Nelayan lagi\n",
        LINKS: "---\njudul: Tautan\ntanggal: 2024-01-05\nringkasan: R\ntopik: [uji]\n---\nAda [[angka:peserta]] dan [[selisih:peserta]], lihat [x](/tentang-kami/).\n",
    })
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert error_lines(err) == [
        f"{LINKS}:7: tautan '/tentang-kami/' tidak menemukan halaman atau berkas di situs; apakah maksud Anda '/tentang/'?",
        "data/angka_kunci.yml:3: kunci 'label' ditulis dua kali: baris 2 dan baris 3; hapus salah satu",
    ]
