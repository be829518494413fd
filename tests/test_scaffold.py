"""`python build.py new`: a file with the right name, today's date and every key with a hint."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import Project
from terang.cli.main import main
from terang.cli.new import HINTS
from terang.urls import slugify
from terang.inputs.fields import FRONT_MATTER


def new(project: Project, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["new", *args, "--proyek", str(project.path)])
    out, err = capsys.readouterr()
    return code, out, err


def keys(text: str) -> list[str]:
    """Front-matter keys, used or commented out, in file order."""
    head = text.split("---\n")[1]
    return re.findall(r"^(?:# )?([a-z_]+):", head, flags=re.MULTILINE)


def test_every_declared_key_has_an_indonesian_hint() -> None:
    for kind, fields in FRONT_MATTER.items():
        assert sorted(HINTS[kind]) == sorted(f.name for f in fields), kind


def test_slugs_are_lowercase_ascii_words_joined_by_hyphens() -> None:
    assert slugify("Iuran Pekerja Rentan: Rp16.800 per Bulan?") == "iuran-pekerja-rentan-rp16-800-per-bulan"
    assert slugify("Kaderisasi Posyandu — Desa Pontang Édisi 2") == "kaderisasi-posyandu-desa-pontang-edisi-2"


def test_new_news_item_has_slug_date_every_key_and_builds(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = new(project, capsys, "berita", "Iuran Nelayan Mulai Dibayar")
    assert code == 0
    assert out.splitlines()[0] == "Berkas dibuat: content/berita/iuran-nelayan-mulai-dibayar.md"
    text = (project.path / "content/berita/iuran-nelayan-mulai-dibayar.md").read_text(encoding="utf-8")
    assert keys(text) == [f.name for f in FRONT_MATTER["berita"]]
    assert f"tanggal: {dt.date.today().isoformat()}  # tanggal terbit, TTTT-BB-HH\n" in text
    assert 'judul: "Iuran Nelayan Mulai Dibayar"  # judul berita' in text
    assert "draf: true  # true = belum terbit" in text
    code, _, err = project.build("--drafts", capsys=capsys)
    assert code == 0, err
    page = project.page("berita/iuran-nelayan-mulai-dibayar/index.html")
    assert "<h1>Iuran Nelayan Mulai Dibayar</h1>" in page
    assert "Tulis isinya" not in page  # the body hint is an HTML comment, never published
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    assert not (project.path / "site/berita/iuran-nelayan-mulai-dibayar").exists()  # a draft until the editor says so


def test_new_page_and_regulation_build(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(project, capsys, "halaman", "Cara Mendaftar")[0] == 0
    code, out, _ = new(project, capsys, "regulasi", "Peraturan Bupati Contoh Nomor 7 Tahun 2024 tentang Perlindungan: Nelayan")
    assert code == 0
    assert out == "Berkas dibuat: content/regulasi/peraturan-bupati-contoh-7-2024.md\n"
    text = (project.path / "content/regulasi/peraturan-bupati-contoh-7-2024.md").read_text(encoding="utf-8")
    assert keys(text) == [f.name for f in FRONT_MATTER["regulasi"]]
    assert 'nomor: "7"  #' in text and "tahun: 2024  #" in text and 'tentang: "Perlindungan: Nelayan"  #' in text
    code, _, err = project.build("--drafts", capsys=capsys)
    assert code == 0, err
    assert "Peraturan Bupati Contoh Nomor 7 Tahun 2024" in project.page("regulasi/peraturan-bupati-contoh-7-2024/index.html")
    assert "<h1>Cara Mendaftar</h1>" in project.page("cara-mendaftar/index.html")


def test_new_never_overwrites_a_file(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = new(project, capsys, "berita", "Kabar Baik")
    assert code == 1
    assert err == "content/berita/kabar-baik.md: berkas ini sudah ada dan tidak ditimpa; sunting berkas itu, atau pakai judul lain\n"
    assert "Isi berita dengan" in (project.path / "content/berita/kabar-baik.md").read_text(encoding="utf-8")


def test_a_regulation_title_must_name_type_number_year_and_subject(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = new(project, capsys, "regulasi", "Perbup baru")
    assert code == 1
    assert err.startswith("python build.py new: judul regulasi harus lengkap dengan jenis, nomor, tahun dan 'tentang', misalnya: ")
    assert not list((project.path / "content/regulasi").glob("perbup-baru*"))


def test_an_unknown_kind_is_refused_in_indonesian(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "artikel", "Judul"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[1:] == [
        "kesalahan: argumen JENIS: pilihan tidak sah: 'artikel' (pilih salah satu dari 'berita', 'regulasi', 'halaman')",
        "Lihat: python build.py new --help",
    ]


def test_a_page_may_not_take_the_name_of_a_section(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = new(project, capsys, "halaman", "Berita")
    assert code == 1
    assert err == "python build.py new: nama 'berita' dipakai oleh bagian situs; pakai judul lain, misalnya 'Berita Program'\n"
    assert not (project.path / "content/halaman/berita.md").exists()
