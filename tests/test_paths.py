"""Paths in front matter, data files and config cannot reach outside the project."""

from __future__ import annotations

import pytest

from helpers import build_errors, per_desa_yml

REG = "---\njenis: Peraturan Bupati Contoh\nnomor: \"1\"\ntahun: 2024\ntentang: Uji coba\nstatus: berlaku\nberkas: {berkas}\n---\nPenjelasan.\n"
NEWS = "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\ngambar: {gambar}\ngambar_alt: Foto\n---\nIsi.\n"


@pytest.mark.parametrize("berkas, message", [
    ("../situs.yml", "jalur '../situs.yml' tidak boleh memakai '..' untuk keluar dari content/"),
    ("regulasi/../../situs.yml", "jalur 'regulasi/../../situs.yml' tidak boleh memakai '..' untuk keluar dari content/"),
    ("/etc/passwd", "jalur '/etc/passwd' harus relatif terhadap content/, bukan jalur mutlak"),
    ("'C:\\Windows\\win.ini'", "jalur 'C:\\Windows\\win.ini' harus relatif terhadap content/, bukan jalur mutlak"),
    ("'\\\\server\\share\\a.pdf'", "jalur '\\\\server\\share\\a.pdf' harus relatif terhadap content/, bukan jalur mutlak"),
])
def test_regulation_files_outside_content_are_refused(project, capsys, berkas: str, message: str) -> None:
    project.write({"content/regulasi/perbup-1-2024.md": REG.format(berkas=berkas)})
    assert build_errors(project, capsys) == [f"content/regulasi/perbup-1-2024.md:7: {message}"]


def test_a_news_image_outside_content_is_refused(project, capsys) -> None:
    project.write({"content/berita/kabar-baik.md": NEWS.format(gambar="../../../etc/hostname")})
    assert build_errors(project, capsys) == ["content/berita/kabar-baik.md:6: jalur '../../../etc/hostname' tidak boleh memakai '..' untuk keluar dari content/"]


def test_a_symlink_in_content_that_points_outside_is_refused(project, capsys, tmp_path) -> None:
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(b"%PDF-1.4 rahasia")
    (project.path / "content" / "naskah.pdf").symlink_to(secret)
    project.write({"content/regulasi/perbup-1-2024.md": REG.format(berkas="naskah.pdf")})
    assert build_errors(project, capsys) == [
        "content/naskah.pdf: tautan simbolik tidak boleh ada di content/ karena bisa menerbitkan berkas dari tempat lain "
        "(misalnya data/mentah/); salin berkasnya ke dalam content/",
        "content/regulasi/perbup-1-2024.md:7: 'naskah.pdf' menunjuk ke luar content/ (tautan simbolik?); salin berkasnya ke dalam content/",
    ]
    assert not (project.path / "site").exists()


@pytest.mark.parametrize("berkas, message", [
    ("../situs.yml", "jalur '../situs.yml' tidak boleh memakai '..' untuk keluar dari data/"),
    ("/etc/passwd", "jalur '/etc/passwd' harus relatif terhadap data/, bukan jalur mutlak"),
])
def test_table_files_outside_data_are_refused(project, capsys, berkas: str, message: str) -> None:
    project.write({"data/per-desa.yml": per_desa_yml(berkas)})
    assert f"data/per-desa.yml:5: {message}" in build_errors(project, capsys)


def test_a_table_symlinked_from_outside_is_refused(project, capsys, tmp_path) -> None:
    outside = tmp_path / "bocor.csv"
    outside.write_text("desa,jumlah\nSatu,10\nDua,20\n", encoding="utf-8")
    project.remove("data/per-desa.csv")
    (project.path / "data" / "per-desa.csv").symlink_to(outside)
    assert "data/per-desa.yml:5: 'per-desa.csv' menunjuk ke luar data/ (tautan simbolik?); salin berkasnya ke dalam data/" in build_errors(project, capsys)


def test_a_data_description_symlinked_from_outside_is_refused(project, capsys, tmp_path) -> None:
    outside = tmp_path / "luar.yml"
    outside.write_text(per_desa_yml(), encoding="utf-8")
    project.remove("data/per-desa.yml")
    (project.path / "data" / "per-desa.yml").symlink_to(outside)
    assert "data/per-desa.yml: tautan simbolik ini menunjuk ke luar proyek; salin berkasnya ke dalam proyek" in build_errors(project, capsys)


def test_a_table_name_must_be_a_slug_because_it_becomes_its_address(project, capsys) -> None:
    project.write({"data/..yml": per_desa_yml(), "data/Per Desa<x>.yml": per_desa_yml()})
    found = build_errors(project, capsys)
    assert "data/..yml: nama berkas '.' tidak bisa menjadi alamat halaman; ganti namanya menjadi 'judul' (huruf kecil, angka dan tanda hubung)" in found
    assert "data/Per Desa<x>.yml: nama berkas 'Per Desa<x>' tidak bisa menjadi alamat halaman; ganti namanya menjadi 'per-desa-x' (huruf kecil, angka dan tanda hubung)" in found


def test_slugs_come_from_file_names_so_a_content_file_cannot_name_a_path(project, capsys) -> None:
    project.write({"content/berita/Kabar Baru!.md": NEWS.format(gambar="x.png"), "content/halaman/a..b.md": "---\njudul: x\n---\n"})
    found = build_errors(project, capsys)
    assert "content/berita/Kabar Baru!.md: nama berkas 'Kabar Baru!' tidak bisa menjadi alamat halaman; ganti namanya menjadi 'kabar-baru' (huruf kecil, angka dan tanda hubung)" in found
    assert "content/halaman/a..b.md: nama berkas 'a..b' tidak bisa menjadi alamat halaman; ganti namanya menjadi 'a-b' (huruf kecil, angka dan tanda hubung)" in found


def test_an_excel_zip_bomb_is_refused_before_it_is_read(project, capsys) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * 210_000_000)  # a few hundred KB on disk
    assert len(buffer.getvalue()) < 1_000_000
    project.write({"data/per-desa.yml": per_desa_yml("per-desa.xlsx"), "data/per-desa.xlsx": buffer.getvalue()})
    assert ("data/per-desa.xlsx: berkas Excel ini mengembang menjadi lebih dari 200 MB saat dibuka; "
            "simpan ulang tabelnya sebagai CSV UTF-8 atau periksa asal berkas ini") in build_errors(project, capsys)
