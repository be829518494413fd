"""Participant files in data/mentah/ are counted per segmen × kecamatan × month; only suppressed aggregates are published."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from helpers import GROUPS, PARTICIPANTS_YML, build_errors, participants, person, xlsx

from terang.data.participants import count_files, raw_files


def test_participant_folder_is_ignored_by_git() -> None:
    assert "/data/mentah/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_participants_are_published_only_as_suppressed_aggregates(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": participants(GROUPS)})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert project.page("data/peserta/peserta.csv").splitlines() == [
        '"bulan","kode_wilayah","kode_wilayah_nama","guru-ngaji","nelayan","jumlah"',
        '"2025-01","36.04.05","Kramatwatu","×","×",32',
        '"2025-01","36.04.06","Waringinkurung","×","<5",12',
        '"2025-01","","Jumlah",29,15,44',
        '"2025-02","36.04.05","Kramatwatu",0,7,7',
        '"2025-02","","Jumlah",0,7,7',
    ]
    page = project.page("data/peserta/index.html")
    assert '<td>Waringinkurung</td><td class="rata-kanan">×</td><td class="rata-kanan">&lt;5</td>' in page
    assert "Tanda <strong>&lt;5</strong> berarti 1 sampai 4 orang" in page
    assert '<span class="simulasi">SIMULASI</span>' in page
    for name in ("data/peserta/peserta.csv", "data/peserta/peserta.json", "data/peserta/index.html", "data/index.html"):
        text = project.page(name)
        assert "Warga Simulasi" not in text and "3604054512900001" not in text and "Jl. Contoh" not in text


def test_hidden_cells_are_declared_as_missing_values_in_the_datapackage(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": participants(GROUPS)})
    assert project.build(capsys=capsys)[0] == 0
    package = json.loads(project.page("data/peserta/datapackage.json"))
    schema = package["resources"][0]["schema"]
    assert schema["missingValues"] == ["", "<5", "×"]
    assert [f["type"] for f in schema["fields"]] == ["yearmonth", "string", "string", "integer", "integer", "integer"]
    assert package["title"] == "Peserta terdaftar (SIMULASI)"


def test_the_threshold_is_set_per_dataset(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML + "ambang: 10\n", "data/mentah/peserta.csv": participants(GROUPS)})
    assert project.build(capsys=capsys)[0] == 0
    # the small row total is '×': a '<10' total would bound the small cells inside it (terang/data/suppression.py)
    assert '"2025-02","36.04.05","Kramatwatu",0,"<10","×"' in project.page("data/peserta/peserta.csv").splitlines()


def test_xlsx_participant_files_are_read_in_a_stream(project, capsys) -> None:
    rows = [line.split(";") for line in participants(GROUPS).splitlines()]
    project.write({"data/peserta.yml": PARTICIPANTS_YML.replace("peserta.csv", "peserta.xlsx"), "data/mentah/peserta.xlsx": xlsx(rows)})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert '"2025-01","36.04.06","Waringinkurung","×","<5",12' in project.page("data/peserta/peserta.csv").splitlines()


def test_participant_row_errors_name_file_row_and_column_without_personal_data(project, capsys) -> None:
    text = participants({("Nelayan", "36.04.05", "2025-01-10"): 2})
    text += person(90, "", "36.04.05", "2025-01-10") + person(91, "Nelayan", "36.04.99", "2025-01-10") + person(92, "Nelayan", "36.04.05", "kemarin")
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": text})
    errors = build_errors(project, capsys)
    assert errors[:3] == [
        "data/mentah/peserta.csv:4: baris 4, kolom F 'segmen' kosong; isi dengan nama segmen, misalnya Nelayan",
        "data/mentah/peserta.csv:5: baris 5, kolom G 'kode_wilayah': kode wilayah '36.04.99' tidak ada dalam daftar resmi Kemendagri; periksa kodenya (daftar kecamatan ada di panduan data)",
        "data/mentah/peserta.csv:6: baris 6, kolom H 'tanggal_terdaftar': 'kemarin' bukan tanggal; tulis misalnya 2025-12-09",
    ]
    assert not [line for line in errors if "Warga" in line or "36040545129" in line]


def test_a_missing_column_and_a_missing_file_are_explained(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/lain.yml": PARTICIPANTS_YML.replace("peserta.csv", "tidak-ada.csv"),
                   "data/mentah/peserta.csv": "nik;nama;segmen\n1;a;Nelayan\n"})
    errors = build_errors(project, capsys)
    assert "data/lain.yml:5: berkas peserta 'tidak-ada.csv' tidak ditemukan di data/mentah/; simpan ekspor CSV/XLSX di sana (folder ini tidak masuk git)" in errors
    assert "data/mentah/peserta.csv:1: kolom wajib tidak ada di baris judul: kode_wilayah, tanggal_terdaftar; kolom yang ada: nik, nama, segmen" in errors


def test_counting_reads_in_chunks_and_adds_files_together(tmp_path: Path, monkeypatch) -> None:
    import terang.data.participants as peserta

    monkeypatch.setattr(peserta, "CHUNK_ROWS", 7)
    folder = tmp_path / "data/mentah"
    folder.mkdir(parents=True)
    (folder / "a.csv").write_text(participants(GROUPS), encoding="utf-8")
    (folder / "b.csv").write_text(participants({("Nelayan", "36.04.05", "2025-01-01"): 5}).replace(";", ","), encoding="utf-8")
    counts, problems = count_files(tmp_path, raw_files(tmp_path, "*.csv"))
    assert problems == []
    assert counts[("Nelayan", "36.04.05", "2025-01")] == 17
    assert sum(counts.values()) == 56


def test_an_announced_total_can_be_audited_against_participant_counts(project, capsys) -> None:
    figures = (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8").replace("rincian: per-desa", "rincian: peserta")
    project.write({"data/angka_kunci.yml": figures, "data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": participants(GROUPS),
                   "content/halaman/tentang.md": "---\njudul: Tentang\n---\nTerdaftar [[jumlah:peserta]] orang.\n"})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert "Terdaftar <a href=\"../data/peserta/index.html\">51</a> orang." in project.page("tentang/index.html")
    assert "hasilnya <strong>51</strong>" in project.page("index.html")


def test_the_aggregate_chart_shows_months_and_says_so(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": participants(GROUPS)})
    assert project.build(capsys=capsys)[0] == 0
    page = project.page("data/peserta/index.html")
    assert "<p>Tabel ini berisi 2 bulan dengan jumlah 51. Angka terbesar ada pada Januari 2025: 44 (86,3% dari jumlah).</p>" in page
    assert '<div class="grafik-dan-tabel">' in page  # a wide table goes below the chart, not beside it


def test_segment_columns_get_unique_names_clear_of_the_fixed_columns() -> None:
    from terang.data.participants import column_names

    assert column_names(["Guru ngaji", "guru-ngaji", "Jumlah", "Perangkat RT/RW"]) == ["guru-ngaji", "guru-ngaji-2", "jumlah-2", "perangkat-rt-rw"]


def test_registration_dates_must_be_real_dates() -> None:
    from terang.data.participants import month_of

    assert [month_of(d) for d in ("2025-03-14", "14/03/2025", "2025-02-30", "31/04/2025", "Maret")] == ["2025-03", "2025-03", "", "", ""]


def test_a_key_figure_cannot_be_audited_against_hidden_monthly_totals(project, capsys) -> None:
    # February has 3 participants: its total is hidden. 'peserta' − (sum of the shown totals) would be exactly 3.
    groups = {**GROUPS, ("Nelayan", "36.04.05", "02/02/2025"): 3}
    figure = "- id: peserta\n  label: Peserta\n  nilai: 47\n  satuan: orang\n  tanggal: 2025-03-01\n  sumber: [Dinas Contoh]\n  rincian: peserta\n"
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": participants(groups), "data/angka_kunci.yml": figure})
    assert build_errors(project, capsys)[0] == (
        "data/angka_kunci.yml:1: angka 'peserta': rincian 'peserta' menyembunyikan jumlah bulan 2025-02 (kurang dari ambang); "
        "selisih angka ini dengan tabel itu akan membuka jumlah yang disembunyikan. Hapus 'rincian' dari angka ini")
    assert not (project.path / "site").exists()


def test_a_key_figure_is_audited_against_a_participant_table_whose_totals_are_all_shown(project, capsys) -> None:
    figure = "- id: peserta\n  label: Peserta\n  nilai: 51\n  satuan: orang\n  tanggal: 2025-03-01\n  sumber: [Dinas Contoh]\n  rincian: peserta\n"
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": participants(GROUPS), "data/angka_kunci.yml": figure})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert "Angka ini sama dengan jumlah rincian di tabel" in project.page("data/index.html")
