"""`python build.py check`: every error of a build, reported the same way, and site/ untouched."""

from __future__ import annotations

import re

import pytest

from conftest import Project
from terang.cli.main import main


def check(project: Project, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--proyek", str(project.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_good_project_passes_without_writing_site(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(project, capsys)
    assert (code, err) == (0, "")
    assert re.fullmatch(r"Pemeriksaan selesai: tidak ada kesalahan\. 18 halaman dan \d+ berkas diperiksa; folder site/ tidak diubah\.\n", out)
    assert not (project.path / "site").exists()


def test_every_error_is_listed_with_file_and_line(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({
        "content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-02-30\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi.\n",
        "data/per-desa.csv": "desa,jumlah\nSatu,10\nDua,dua puluh\n",
    })
    code, out, err = check(project, capsys)
    assert code == 1
    assert err.splitlines() == [
        "content/berita/kabar-baik.md:3: 'tanggal' bukan tanggal yang sah: '2024-02-30' tidak ada di kalender (contoh: 2025-12-09)",
        "data/per-desa.csv:3: baris 3, kolom B 'jumlah': 'dua puluh' bukan bilangan bulat; tulis angka saja, misalnya 2428",
        "Pemeriksaan gagal: 2 kesalahan. Folder hasil tidak diubah; perbaiki kesalahan di atas lalu jalankan lagi.",
    ]


def test_broken_links_are_errors(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nLihat [berita](/berita/kabar-buruk/).\n"})
    code, _, err = check(project, capsys)
    assert code == 1
    assert err.splitlines()[0].startswith("content/halaman/tentang.md:4: tautan '/berita/kabar-buruk/' tidak menemukan halaman atau berkas di situs")


def test_an_audit_difference_is_a_note_and_an_error_with_strict(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"data/per-desa.csv": "desa,jumlah\nSatu,10\nDua,25\n"})
    code, out, _ = check(project, capsys)
    assert code == 0
    assert out.splitlines()[0] == ("Catatan: angka 'peserta' (30) berbeda dari jumlah tabel 'per-desa' (35), selisih 5. "
                                   "Situs menampilkan keduanya dengan terbuka; pakai --strict untuk menganggapnya kesalahan.")
    code, _, err = check(project, capsys, "--strict")
    assert code == 1
    assert err.splitlines()[0] == "data/angka_kunci.yml:1: angka 'peserta' (30) tidak sama dengan jumlah tabel 'per-desa' (35); selisih 5 (--strict)"


def test_check_leaves_an_existing_site_untouched(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build(capsys=capsys)
    before = project.page("index.html")
    project.write({"situs.yml": project.path.joinpath("situs.yml").read_text(encoding="utf-8").replace("Program Contoh", "Program Lain")})
    assert check(project, capsys)[0] == 0
    assert project.page("index.html") == before


def test_personal_data_is_an_error_of_check_too(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    nik = "3604" + "014507850001"  # SIMULASI: a made-up number shaped like a NIK
    project.write({"content/halaman/tentang.md": f"---\njudul: Tentang\n---\nPeserta SIMULASI, NIK {nik}.\n"})
    code, _, err = check(project, capsys)
    assert code == 1
    assert err.splitlines()[0] == "content/halaman/tentang.md:4: nomor yang mirip NIK (3604…, 16 digit) ditemukan; hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)"
    assert not (project.path / "site").exists()
