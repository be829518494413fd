"""Every editor mistake is reported as `path:line: message` in Indonesian, all at once, exit 1."""

from __future__ import annotations

from conftest import Project
from helpers import build_errors, tree

NEWS = "content/berita/kabar-baik.md"


def news(front: str, body: str = "Isi.\n") -> str:
    return f"---\n{front}---\n{body}"


def test_bad_yaml_names_the_line(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntanggal: 2024-01-02\nringkasan: [tidak ditutup\ntopik: [uji]\n")})
    [message] = build_errors(project, capsys)
    assert message == f"{NEWS}:4: YAML tidak sah: kurung siku '[' yang dibuka di baris ini tidak ditutup; tutup dengan ']'"


def test_missing_required_key(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntanggal: 2024-01-02\ntopik: [uji]\n")})
    assert build_errors(project, capsys) == [f"{NEWS}:1: kunci wajib 'ringkasan' tidak ada; tambahkan (contoh: ringkasan: Satu atau dua kalimat)"]


def test_unknown_key_suggests_the_known_one(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntangal: 2024-01-02\nringkasan: R\ntopik: [uji]\n")})
    assert build_errors(project, capsys) == [
        f"{NEWS}:1: kunci wajib 'tanggal' tidak ada; tambahkan (contoh: tanggal: 2025-12-09)",
        f"{NEWS}:3: kunci 'tangal' tidak dikenal; apakah maksud Anda 'tanggal'?",
    ]


def test_wrong_type(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\ndraf: mungkin\n")})
    assert build_errors(project, capsys) == [f"{NEWS}:6: 'draf' hanya menerima true atau false, bukan 'mungkin'; tulis draf: true atau draf: false"]


def test_impossible_date(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntanggal: 2025-02-30\nringkasan: R\ntopik: [uji]\n")})
    assert build_errors(project, capsys) == [f"{NEWS}:3: 'tanggal' bukan tanggal yang sah: '2025-02-30' tidak ada di kalender (contoh: 2025-12-09)"]


def test_date_in_the_wrong_format(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntanggal: 9 Desember 2025\nringkasan: R\ntopik: [uji]\n")})
    assert build_errors(project, capsys) == [f"{NEWS}:3: 'tanggal' harus berupa tanggal dengan format TTTT-BB-HH (contoh: 2025-12-09), bukan '9 Desember 2025'"]


def test_duplicate_slug(project: Project, capsys) -> None:
    project.write({"content/berita/2024/kabar-baik.md": news("judul: Lagi\ntanggal: 2024-01-03\nringkasan: R\ntopik: [uji]\n")})
    assert build_errors(project, capsys) == [
        f"{NEWS}:1: slug 'kabar-baik' sudah dipakai oleh content/berita/2024/kabar-baik.md; ganti nama salah satu berkas"
    ]


def test_link_to_a_page_that_does_not_exist(project: Project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nBaris satu.\n\nLihat [berita](/berita/kabar-buruk/).\n"})
    assert build_errors(project, capsys) == [
        "content/halaman/tentang.md:6: tautan '/berita/kabar-buruk/' tidak menemukan halaman atau berkas di situs; apakah maksud Anda '/berita/kabar-baik/'?"
    ]


def test_link_to_a_markdown_file_that_does_not_exist(project: Project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nLihat [ini](../berita/tidak-ada.md).\n"})
    assert build_errors(project, capsys) == [
        "content/halaman/tentang.md:4: tautan '../berita/tidak-ada.md' menunjuk ke berkas Markdown yang tidak ada (content/berita/tidak-ada.md)"
    ]


def test_missing_image(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\ngambar: gambar/foto.jpg\ngambar_alt: Foto\n")})
    assert build_errors(project, capsys) == [f"{NEWS}:6: berkas 'gambar/foto.jpg' tidak ditemukan di content/; periksa nama dan foldernya"]


def test_image_needs_alt_text(project: Project, capsys) -> None:
    project.write({"content/gambar/foto.jpg": b"\xff\xd8\xff", NEWS: news("judul: Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\ngambar: gambar/foto.jpg\n")})
    assert build_errors(project, capsys) == [f"{NEWS}:6: 'gambar' perlu 'gambar_alt': tulis apa yang tampak di gambar untuk pembaca tunanetra"]


def test_missing_image_in_markdown_body(project: Project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\n![Peta](/gambar/peta.png)\n"})
    [message] = build_errors(project, capsys)
    assert message.startswith("content/halaman/tentang.md:4: tautan '/gambar/peta.png' tidak menemukan gambar di situs")


def test_missing_pdf(project: Project, capsys) -> None:
    reg = "content/regulasi/perbup-1-2024.md"
    project.write({reg: '---\njenis: Peraturan Bupati Contoh\nnomor: "1"\ntahun: 2024\ntentang: Uji\nstatus: berlaku\nberkas: berkas/perbup-1-2024.pdf\n---\nIsi.\n'})
    assert build_errors(project, capsys) == [f"{reg}:7: berkas 'berkas/perbup-1-2024.pdf' tidak ditemukan di content/; periksa nama dan foldernya"]


def test_pdf_path_cannot_leave_content(project: Project, capsys) -> None:
    reg = "content/regulasi/perbup-1-2024.md"
    project.write({reg: '---\njenis: Perbup\nnomor: "1"\ntahun: 2024\ntentang: Uji\nstatus: berlaku\nberkas: ../situs.yml\n---\nIsi.\n'})
    assert build_errors(project, capsys) == [f"{reg}:7: jalur '../situs.yml' tidak boleh memakai '..' untuk keluar dari content/"]


def test_bad_status_lists_the_choices(project: Project, capsys) -> None:
    reg = "content/regulasi/perbup-1-2024.md"
    project.write({reg: '---\njenis: Perbup\nnomor: "1"\ntahun: 2024\ntentang: Uji\nstatus: aktif\n---\nIsi.\n'})
    assert build_errors(project, capsys) == [f"{reg}:6: 'status' harus berupa salah satu dari: berlaku, diubah, dicabut, bukan 'aktif'"]


def test_template_error_names_the_template_and_line(project: Project, capsys) -> None:
    project.write({"templates/halaman.html": '{% extends "base.html" %}\n{% block main %}\n<h1>{{ item.judul_salah }}</h1>\n{% endblock %}\n'})
    [message] = build_errors(project, capsys)
    assert message.startswith("templates/halaman.html:3: templat gagal dirender untuk content/halaman/tentang.md:")
    assert "judul_salah" in message


def test_template_syntax_error_names_the_template_and_line(project: Project, capsys) -> None:
    project.write({"templates/halaman.html": '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n'})
    [message] = build_errors(project, capsys)
    assert message.startswith("templates/halaman.html:3: kesalahan sintaks templat:")


def test_file_name_that_is_not_a_slug(project: Project, capsys) -> None:
    project.write({"content/berita/Kabar Baru.md": news("judul: K\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\n")})
    assert build_errors(project, capsys) == [
        "content/berita/Kabar Baru.md: nama berkas 'Kabar Baru' tidak bisa menjadi alamat halaman; ganti namanya menjadi 'kabar-baru' (huruf kecil, angka dan tanda hubung)"
    ]


def test_every_error_of_a_build_is_reported_at_once(project: Project, capsys) -> None:
    project.write({
        NEWS: news("judul: Kabar\ntanggal: 2024-13-01\nringkasan: R\ntopik: [uji]\n"),
        "content/halaman/tentang.md": "---\njudul: Tentang\nurutan: satu\n---\nIsi.\n",
        "data/per-desa.csv": "desa,jumlah\nSatu,10\nDua,dua puluh\n",
    })
    messages = build_errors(project, capsys)
    assert [m.split(":")[0] + ":" + m.split(":")[1] for m in messages] == [
        f"{NEWS}:3", "content/halaman/tentang.md:3", "data/per-desa.csv:3",
    ]
    assert messages[2] == "data/per-desa.csv:3: baris 3, kolom B 'jumlah': 'dua puluh' bukan bilangan bulat; tulis angka saja, misalnya 2428"


def test_unknown_figure_placeholder(project: Project, capsys) -> None:
    project.write({NEWS: news("judul: Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\n", "Ada [[angka:pesrta]] nelayan.\n")})
    assert build_errors(project, capsys) == [f"{NEWS}:7: '[[angka:pesrta]]' tidak dikenal; apakah maksud Anda 'peserta'?"]


def test_failed_build_leaves_the_previous_site_as_it_was(project: Project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    project.write({NEWS: news("judul: Kabar\n")})
    build_errors(project, capsys)
    assert tree(project.path / "site") == before
    leftovers = [p.name for p in project.path.iterdir() if p.name.startswith((".site.baru-", ".site.lama-"))]
    assert leftovers == []  # the lock file stays beside site/, no staging folder does


def test_refuses_to_replace_a_folder_that_is_not_a_terang_site(project: Project, capsys) -> None:
    (project.path / "site").mkdir()
    (project.path / "site" / "penting.txt").write_text("jangan dihapus")
    [message] = build_errors(project, capsys)
    assert message.endswith("folder keluaran sudah berisi berkas lain yang bukan situs Terang; kosongkan atau pilih folder lain dengan --out")
    assert (project.path / "site" / "penting.txt").read_text() == "jangan dihapus"
