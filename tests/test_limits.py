"""Bodies that would stall or crash the Markdown renderer get a clear error with their line."""

from __future__ import annotations

import pytest

HEAD = "---\njudul: Tentang\n---\n"  # the body starts on line 4


@pytest.mark.parametrize("body, message", [
    ("Pembuka.\n\n" + "[" * 20_000, "content/halaman/tentang.md:4: isi Markdown memuat lebih dari 5000 tanda '['; pecah menjadi beberapa halaman"),
    ("Pembuka.\n\n" + "[a](" * 400, "content/halaman/tentang.md:6: paragraf ini memuat lebih dari 300 tanda '['; pecah menjadi beberapa paragraf"),
    ("Daftar:\n\n" + "".join("  " * i + "- x\n" for i in range(150)),
     "content/halaman/tentang.md:107: baris ini bersarang terlalu dalam (lebih dari 200 spasi atau tanda '>' di awal baris)"),
    ("x" * 1_000_001, "content/halaman/tentang.md:4: isi Markdown lebih dari 1 MB; pecah menjadi beberapa halaman"),
])
def test_bodies_too_large_or_tangled_to_render_are_refused(project, capsys, body: str, message: str) -> None:
    project.write({"content/halaman/tentang.md": HEAD + body})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == message


def test_a_long_page_with_many_links_and_a_nested_list_still_builds(project, capsys) -> None:
    links = "\n\n".join(f"Bagian {i}: lihat [berita](/berita/kabar-baik/) dan [data](/data/)." for i in range(1000))
    nested = "".join("  " * i + "- tingkat\n" for i in range(20))
    project.write({"content/halaman/tentang.md": HEAD + links + "\n\n" + nested})
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    assert project.page("tentang/index.html").count('href="../berita/kabar-baik/index.html"') == 1000


def test_the_security_guide_states_the_limits_the_build_enforces() -> None:
    from conftest import ROOT

    from terang import mdlimits, tablefile, yamlsafe

    guide = " ".join((ROOT / "docs" / "keamanan.md").read_text(encoding="utf-8").split())
    assert f"lebih dari {yamlsafe.MAX_DEPTH} tingkat" in guide
    assert f"lebih besar dari {yamlsafe.MAX_BYTES // 1_000_000} MB" in guide
    assert f"{mdlimits.MAX_BYTES // 1_000_000} MB per berkas, 5.000 tanda `[` per berkas, {mdlimits.MAX_BRACKETS_PER_BLOCK} tanda `[` per paragraf" in guide
    assert mdlimits.MAX_BRACKETS == 5_000
    assert f"{mdlimits.MAX_PREFIX} spasi atau tanda `>`" in guide
    assert f"lebih dari {tablefile.MAX_FILE // 1_000_000} MB" in guide
    assert f"lebih dari {tablefile.MAX_EXPANDED // 1_000_000} MB saat dibuka" in guide


def test_a_number_too_large_to_be_a_real_figure_is_refused_in_tables(project, capsys) -> None:
    project.write({"data/per-desa.csv": "desa,jumlah\nSatu,10000000000000000000000000\nDua,20\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert "data/per-desa.csv:2: baris 2, kolom B 'jumlah': angka 10000000000000000000000000 terlalu besar (paling banyak 15 digit)" in err.splitlines()


def test_a_number_too_large_to_be_a_real_figure_is_refused_in_key_figures(project, capsys) -> None:
    project.write({"data/angka_kunci.yml": "- id: peserta\n  label: Nelayan\n  nilai: 10000000000000000\n  satuan: orang\n  tanggal: 2024-01-01\n  sumber: [Dinas Contoh]\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert "data/angka_kunci.yml:3: 'nilai' harus berupa bilangan bulat tanpa titik (contoh: 1500), bukan 10000000000000000" in err.splitlines()
