"""The privacy firewall: a NIK, a participant's name or an unlisted phone number never reaches site/."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import NIK, PARTICIPANT_HEADER, build_errors, xlsx

from terang.privacy import rules as privasi
from terang.privacy.output import scan_site
from terang.privacy.rules import CANDIDATE_RE, NIK_RE, PHONE_RE

PARTICIPANTS = PARTICIPANT_HEADER + f"{NIK};Siti Aminah;Jl. Mawar 1;081234567890;1990-12-05;Nelayan;36.04.05;2025-01-10\n" \
    + "3604050101850002;Sutrisno;Jl. Melati 2;081298765432;1985-01-01;Nelayan;36.04.05;2025-01-11\n"


def test_a_nik_in_a_markdown_page_fails_the_build_with_its_line_and_without_the_number(project, capsys) -> None:
    project.write({"content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi.\n\nPeserta dengan NIK 3604 0545 1290 0001 sudah terdaftar.\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == ("content/berita/kabar-baik.md:9: nomor yang mirip NIK (3604…, 16 digit) ditemukan; "
                                   "hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)")
    assert "3604 0545 1290 0001" not in err and NIK not in err
    assert not (project.path / "site").exists()


def test_a_source_found_clean_is_read_again_only_once_it_changed(project, capsys, monkeypatch) -> None:
    assert project.build(capsys=capsys)[0] == 0
    read: list[str] = []
    text = privasi.source_text
    monkeypatch.setattr(privasi, "source_text", lambda path: read.append(Path(path).relative_to(project.path).as_posix()) or text(path))
    project.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert read == ["content/halaman/baru.md"]
    # the same number of bytes, a new text: found by its changed times, not its size
    same_size = "Halaman tentang. Lihat [berita](/berita/kabar-baik/).\n"
    leaked = "NIK 3604054512900001 ada di sini. Lihat [berita](/berita/kabar-baik/).\n"[: len(same_size) - 1] + "\n"
    assert len(leaked) == len(same_size)
    project.write({"content/halaman/tentang.md": f"---\njudul: Tentang\n---\n{leaked}"})
    assert build_errors(project, capsys)[0] == ("content/halaman/tentang.md:4: nomor yang mirip NIK (3604…, 16 digit) ditemukan; "
                                                "hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)")


def test_sixteen_digits_that_cannot_be_a_nik_are_not_flagged(project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nNomor rekening 9904054512900001 dan 3604053512900001.\n"})
    assert project.build(capsys=capsys)[0] == 0


def test_a_nik_column_leaking_into_a_published_csv_is_caught_before_the_swap(project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    before = project.page("index.html")
    yml = (project.path / "data/per-desa.yml").read_text().replace("per-desa.csv", "per-desa.xlsx")
    yml += "  - {nama: keterangan, label: Keterangan, jenis: teks}\n"  # a column named 'nik' is refused earlier (test_privasi_wider)
    project.remove("data/per-desa.csv")
    project.write({"data/per-desa.yml": yml, "data/per-desa.xlsx": xlsx([["desa", "jumlah", "keterangan"], ["Satu", 10, NIK], ["Dua", 20, "-"]]),
                   "data/mentah/peserta.csv": PARTICIPANTS})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert ("site/data/per-desa/per-desa.csv:2: nomor yang mirip NIK (3604…, 16 digit) ditemukan (sama dengan NIK di "
            "data/mentah/peserta.csv baris 2); hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)") in err.splitlines()
    assert "site/data/per-desa/per-desa.json:" in err and "site/data/per-desa/index.html:" in err
    assert NIK not in err
    assert project.page("index.html") == before  # the previous site is untouched


def test_a_participant_name_in_markdown_is_caught_with_the_participant_file_row(project, capsys) -> None:
    project.write({"data/mentah/peserta.csv": PARTICIPANTS,
                   "content/halaman/tentang.md": "---\njudul: Tentang\n---\nHalaman tentang.\n\nTerima kasih kepada ibu siti  aminah dari Kramatwatu.\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == ("content/halaman/tentang.md:6: nama peserta (S… A…) ditemukan (nama ini ada di data/mentah/peserta.csv baris 2); "
                                   "hapus nama itu; situs hanya menerbitkan angka gabungan")
    assert "Siti" not in err and "Aminah" not in err


def test_a_one_word_name_is_caught_as_a_whole_table_cell(project, capsys) -> None:
    project.write({"data/mentah/peserta.csv": PARTICIPANTS, "data/per-desa.csv": "desa,jumlah\nSatu,10\nSutrisno,20\n"})
    assert ("data/per-desa.csv:3: nama peserta (S…) ditemukan (nama ini ada di data/mentah/peserta.csv baris 3); "
            "hapus nama itu; situs hanya menerbitkan angka gabungan") in build_errors(project, capsys)


def test_a_name_that_only_appears_in_the_output_is_caught_by_the_site_scan(project, capsys) -> None:
    base = project.template("base.html")
    project.write({"data/mentah/peserta.csv": PARTICIPANTS,
                   "templates/base.html": base.replace("<footer", "<p>Penghargaan untuk Siti Aminah.</p>\n<footer")})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert any(line.startswith("site/index.html:") and "nama peserta (S… A…) ditemukan (nama ini ada di data/mentah/peserta.csv baris 2)" in line
               for line in err.splitlines())


def test_only_listed_official_phone_numbers_may_be_published(project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nHubungi (0254) 200123 atau 0812-3456-7890.\n"})
    assert build_errors(project, capsys)[:2] == [
        "content/halaman/tentang.md:4: nomor telepon (0254…) yang tidak terdaftar di kontak_resmi situs.yml ditemukan; "
        "hapus nomor itu, atau tambahkan ke kontak_resmi di situs.yml jika nomor itu kontak resmi",
        "content/halaman/tentang.md:4: nomor telepon (0812…) yang tidak terdaftar di kontak_resmi situs.yml ditemukan; "
        "hapus nomor itu, atau tambahkan ke kontak_resmi di situs.yml jika nomor itu kontak resmi",
    ]
    config = (project.path / "situs.yml").read_text(encoding="utf-8")
    project.write({"situs.yml": config + "kontak_resmi: ['0254 200123', '+62 812 3456 7890']\n"})
    assert project.build(capsys=capsys)[0] == 0


def test_compressed_search_index_fragments_are_opened_and_scanned(tmp_path: Path) -> None:
    folder = tmp_path / "staging"
    (folder / "pagefind/fragment").mkdir(parents=True)
    (folder / "pagefind/fragment/id_1a2b.pf_fragment").write_bytes(gzip.compress(b'pagefind_dcd{"content":"NIK ' + NIK.encode() + b'"}'))
    (folder / "index.html").write_text("<p>Bersih.</p>", encoding="utf-8")
    problems = scan_site(tmp_path, folder, ())
    assert [str(p) for p in problems] == [
        "site/pagefind/fragment/id_1a2b.pf_fragment:1: nomor yang mirip NIK (3604…, 16 digit) ditemukan; hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)",
    ]


def test_the_firewall_scans_what_the_search_indexer_wrote(project, capsys, monkeypatch) -> None:
    from terang.publish import search

    assert project.build(capsys=capsys)[0] == 0
    fragment = gzip.compress(b'pagefind_dcd{"content":"NIK ' + NIK.encode() + b'"}')
    script = ("import pathlib, sys; folder = pathlib.Path(sys.argv[1]); (folder / 'fragment').mkdir(parents=True); "
              f"(folder / 'pagefind-entry.json').write_text('{{}}'); (folder / 'fragment' / 'id_1.pf_fragment').write_bytes({fragment!r})")
    monkeypatch.setattr(search, "command", lambda site, output: ["python3", "-c", script, str(output)])
    assert project.failing_rebuild(capsys) == ("site/pagefind/fragment/id_1.pf_fragment:1: nomor yang mirip NIK (3604…, 16 digit) ditemukan; "
                                               "hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)")


def test_the_default_site_passes_the_firewall(default_site: Path) -> None:
    assert scan_site(Path(__file__).resolve().parent.parent, default_site, ()) == []


def test_a_leaked_column_is_reported_ten_times_per_file_and_then_counted(tmp_path: Path) -> None:
    folder = tmp_path / "staging"
    folder.mkdir()
    niks = [f"360405451290{i:04d}" for i in range(1, 26)]
    (folder / "bocor.csv").write_text("nik\n" + "\n".join(niks) + "\n", encoding="utf-8")
    (tmp_path / "data/mentah").mkdir(parents=True)
    (tmp_path / "data/mentah/peserta.csv").write_text(PARTICIPANT_HEADER + "".join(f"{n};A;B;C;D;Nelayan;36.04.05;2025-01-01\n" for n in niks), encoding="utf-8")
    problems = [str(p) for p in scan_site(tmp_path, folder, ())]
    assert len(problems) == 11
    assert problems[9] == ("site/bocor.csv:11: nomor yang mirip NIK (3604…, 16 digit) ditemukan (sama dengan NIK di data/mentah/peserta.csv baris 11); "
                           "hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)")
    assert problems[10] == "site/bocor.csv: dan 15 temuan lain di berkas ini"


def test_a_zero_beside_a_large_amount_is_not_a_phone_number() -> None:
    from terang.privacy.rules import official_keys, scan_text

    assert scan_text("Desa 0 20.000.000 orang; Rp21.434.000", official_keys(())) == []
    assert [h.kind for h in scan_text("Hubungi 0812-3456-7890", official_keys(()))] == ["telepon"]


# The patterns as first written, with the "not after" check in front; the fast ones must find the same.
PLAIN_NIK = re.compile(r"(?<![\d])(\d{4}[ ./-]{0,3}\d{4}[ ./-]{0,3}\d{4}[ ./-]{0,3}\d{4})(?![\d])")
PLAIN_PHONE = re.compile(r"(?<![\w+.])((?:(?:\+62|62)[ .()/-]{0,3}|0)\d(?:[ .()/-]{0,3}\d){7,12})(?![\w])")
NUMBERISH = st.text(alphabet=st.sampled_from("0123456789012345666222 .()-/+a_\n\u0663\u00a0"), max_size=60)


@settings(max_examples=3000, deadline=None)
@given(NUMBERISH)
def test_the_fast_number_patterns_find_exactly_what_the_plain_ones_find(text: str) -> None:
    for fast, plain in ((NIK_RE, PLAIN_NIK), (PHONE_RE, PLAIN_PHONE)):
        found = [m.span(1) for m in fast.finditer(text)]
        assert found == [m.span(1) for m in plain.finditer(text)]
        assert [m.span() for m in fast.finditer(text)] == found
        if found:
            assert CANDIDATE_RE.search(text), "a text with a number always passes the quick check"
