"""Smaller holes (issue 13, item 8): unwritable or full disks, out-of-range numbers, control characters,
the umask, the manifest's completeness and spreadsheets too large to read."""

from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import Project
from helpers import GROUPS, PARTICIPANTS_YML, participants, per_desa_yml, tree

from terang.publish import write
from terang.cli.common import display
from terang.cli.main import main
from terang.site.feeds import xml_bytes
from terang.publish.manifest import MANIFEST, read_manifest
from terang.site.theme import THEME

REGULATION = "---\njenis: Peraturan Bupati Contoh\nnomor: \"1\"\ntahun: {tahun}\ntentang: Uji coba\nstatus: berlaku\n---\nPenjelasan.\n"
NEWS = "---\njudul: {judul}\ntanggal: 2024-01-02\nringkasan: {ringkasan}\ntopik: [uji]\n---\nIsi berita dengan [[angka:peserta]].\n"
TABLE_YML = per_desa_yml("per-desa.xlsx")
FIX = "simpan ulang tabelnya sebagai CSV UTF-8 atau periksa asal berkas ini"


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


def failing(project: Project, capsys, *args: str) -> list[str]:
    """Build, expect failure (exit 1, no traceback): the error lines."""
    code, _, err = project.build(*args, capsys=capsys)
    assert code == 1, err
    assert "Traceback" not in err and "kesalahan di dalam Terang" not in err
    return err.splitlines()


def leftovers(project: Project) -> list[str]:
    """What a build may leave beside site/ besides its lock and caches: nothing half-written."""
    return sorted(p.name for p in project.path.iterdir() if p.name.startswith((".tmp-", ".site.baru-", ".site.lama-")))


# 1. An output folder that cannot be written ------------------------------------------------------

def refuse_writes(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    """Make `folder` behave as unwritable: creating anything in it fails with `code` (tests run as root)."""
    real_open, real_mkdir = os.open, os.mkdir

    def inside(path) -> bool:
        return Path(os.fsdecode(path)).absolute().is_relative_to(folder)

    def fake_open(path, flags, *args, **kwargs):
        if inside(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if inside(path):
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)


@pytest.mark.parametrize("code, message", [
    (errno.EROFS, "folder {ro}/ ada di disk yang hanya bisa dibaca; pilih folder lain dengan --out"),
    (errno.EACCES, "tidak ada izin untuk menulis atau membaca folder {ro}/; periksa izinnya atau pilih folder lain dengan --out"),
])
def test_an_output_folder_that_cannot_be_written_is_named_without_a_traceback(project, capsys, monkeypatch, code, message) -> None:
    ro = project.path.parent / "hanya-baca"
    ro.mkdir()
    refuse_writes(monkeypatch, ro, code)
    out = ro / "site"
    status = main(["--proyek", str(project.path), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert err.splitlines() == [f"Build gagal: {message.format(ro=display(ro))}. Folder {display(out)}/ tidak diubah."]
    assert not out.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into a 0555 folder")
def test_a_read_only_folder_for_real(project, capsys) -> None:
    ro = project.path.parent / "hanya-baca"
    ro.mkdir(mode=0o555)
    status = main(["--proyek", str(project.path), "--out", str(ro / "site")])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith(f"Build gagal: tidak ada izin untuk menulis atau membaca folder {display(ro)}/")


def test_check_without_a_usable_temporary_folder_says_so(project, capsys, monkeypatch) -> None:
    import tempfile

    def no_temporary_folder(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No usable temporary directory found")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_temporary_folder)
    assert main(["check", "--proyek", str(project.path)]) == 1
    assert capsys.readouterr().err == ("Pemeriksaan gagal: folder sementara (TMPDIR, bawaan /tmp) tidak dapat ditulis atau sudah penuh; "
                                       "kosongkan ruang disk atau isi TMPDIR dengan folder lain yang bisa ditulis.\n")


# 2. Whole numbers out of range -------------------------------------------------------------------

@pytest.mark.parametrize("year", ["0", "-44", "123456", "1799", "2101"])
def test_a_regulation_year_out_of_range_names_the_line(project, capsys, year) -> None:
    project.write({"content/regulasi/perbup-1-2024.md": REGULATION.format(tahun=year)})
    assert failing(project, capsys, "--base-url", "https://contoh.go.id/")[0] == (
        f"content/regulasi/perbup-1-2024.md:4: 'tahun' harus antara 1800 dan 2100, bukan {year}")
    assert main(["check", "--proyek", str(project.path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"content/regulasi/perbup-1-2024.md:4: 'tahun' harus antara 1800 dan 2100, bukan {year}"


@pytest.mark.parametrize("key, value, span", [
    ("berita_per_halaman", "0", (1, 100)), ("berita_per_halaman", "-3", (1, 100)), ("berita_per_halaman", "101", (1, 100)),
    ("berita_di_beranda", "-1", (0, 50)), ("berita_di_beranda", "100000000", (0, 50)),
])
def test_site_numbers_out_of_range_name_the_line(project, capsys, key, value, span) -> None:
    project.write({"situs.yml": (project.path / "situs.yml").read_text(encoding="utf-8") + f"{key}: {value}\n"})
    assert failing(project, capsys) == [f"situs.yml:12: '{key}' harus antara {span[0]} dan {span[1]}, bukan {value}",
                                        "Build gagal: 1 kesalahan. Folder hasil tidak diubah; perbaiki kesalahan di atas lalu jalankan lagi."]


def test_page_order_and_threshold_out_of_range(project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\nurutan: 5000\n---\nIsi.\n",
                   "data/peserta.yml": PARTICIPANTS_YML + "ambang: 1\n", "data/mentah/peserta.csv": participants(GROUPS)})
    found = failing(project, capsys)
    assert "content/halaman/tentang.md:3: 'urutan' harus antara -1000 dan 1000, bukan 5000" in found
    assert "data/peserta.yml:7: 'ambang' harus antara 3 dan 100, bukan 1" in found


def test_numbers_at_the_edges_of_their_ranges_build(project, capsys) -> None:
    project.write({"content/regulasi/perbup-1-2024.md": REGULATION.format(tahun=1800),
                   "situs.yml": (project.path / "situs.yml").read_text(encoding="utf-8") + "berita_per_halaman: 1\nberita_di_beranda: 0\n"})
    code, _, err = project.build("--base-url", "https://contoh.go.id/", capsys=capsys)
    assert (code, err) == (0, "")
    assert "<updated>1800-01-01T00:00:00+07:00</updated>" in project.page("regulasi/atom.xml")


# 3. A full disk ----------------------------------------------------------------------------------

def disk_full_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    """The disk fills while the build writes its `files`-th file: half of it is written, then ENOSPC (no file name, as write() gives)."""
    real = write.place
    count = [0]

    def place(f, target, current):
        count[0] += 1
        if count[0] == files:
            with open(target, "wb") as handle:
                handle.write(b"<!doctype html><html")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(f, target, current)

    monkeypatch.setattr(write, "place", place)


@pytest.mark.parametrize("files", [1, 5, 15])
def test_a_full_disk_says_so_and_keeps_the_old_site(project, capsys, monkeypatch, files) -> None:
    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    project.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
    disk_full_after(monkeypatch, files)
    assert failing(project, capsys) == [
        f"Build gagal: disk penuh: tidak ada ruang lagi untuk menulis di folder {display(project.path)}/; "
        f"kosongkan ruang disk atau pilih folder lain dengan --out, lalu jalankan lagi. Folder {display(project.path / 'site')}/ tidak diubah."]
    assert tree(project.path / "site") == before
    assert leftovers(project) == []


def test_a_disk_that_fills_while_the_manifest_is_written_keeps_the_old_site(project, capsys, monkeypatch) -> None:
    from terang.publish import finish

    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    project.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})

    def full(staging, *args, **kwargs):
        (staging / MANIFEST).write_bytes(b"0" * 10)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(finish, "write_manifest", full)
    assert failing(project, capsys)[0].startswith("Build gagal: disk penuh: tidak ada ruang lagi untuk menulis di folder ")
    assert tree(project.path / "site") == before
    assert leftovers(project) == []


def test_an_unreadable_source_names_that_file_in_indonesian(project, capsys, monkeypatch) -> None:
    import shutil

    real = shutil.copyfile

    def copy(source, target, *args, **kwargs):
        if str(source).endswith("gaya.css"):
            raise PermissionError(errno.EACCES, "Permission denied", source)
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", copy)
    assert failing(project, capsys) == [
        f"Build gagal: tidak ada izin untuk menulis atau membaca '{display(THEME / 'aset/gaya.css')}'; "
        f"periksa izin berkas itu. Folder {display(project.path / 'site')}/ tidak diubah."]


# 4. Control characters ---------------------------------------------------------------------------

@pytest.mark.parametrize("escape, code", [("\\x01", "0001"), ("\\v", "000B"), ("\\x7f", "007F"), ("\\x85", "0085"), ("\\e", "001B"),
                                          ("\\0", "0000"), ("\\uffff", "FFFF")])
def test_a_control_character_in_a_title_is_refused_with_its_line(project, capsys, escape, code) -> None:
    project.write({"content/berita/kabar-baik.md": NEWS.format(judul=f'"Kabar{escape}baik"', ringkasan="Ringkas.")})
    assert failing(project, capsys, "--base-url", "https://contoh.go.id/")[0] == (
        f"content/berita/kabar-baik.md:2: 'judul' memuat karakter kendali (U+{code}) yang tidak terlihat; hapus karakter itu")


def test_control_characters_are_refused_in_every_kind_of_text_field(project, capsys) -> None:
    project.write({
        "content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: \"Satu\\x02dua\"\ntopik: [\"uji\\x03\"]\n"
                                        "sumber: [{nama: \"Dinas\\x04\", url: \"https://contoh.go.id/\"}]\n---\nIsi.\n",
        "situs.yml": (project.path / "situs.yml").read_text(encoding="utf-8").replace("judul: Transparansi Program Contoh", 'judul: "Transparansi\\x05"'),
        "content/regulasi/perbup-1-2024.md": REGULATION.format(tahun=2024).replace("tentang: Uji coba", 'tentang: "Uji\\x06coba"'),
    })
    found = failing(project, capsys)
    for line in ["content/berita/kabar-baik.md:4: 'ringkasan' memuat karakter kendali (U+0002) yang tidak terlihat; hapus karakter itu",
                 "content/berita/kabar-baik.md:5: 'topik' memuat karakter kendali (U+0003) yang tidak terlihat; hapus karakter itu",
                 "content/berita/kabar-baik.md:6: 'sumber' memuat karakter kendali (U+0004) yang tidak terlihat; hapus karakter itu",
                 "situs.yml:1: 'judul' memuat karakter kendali (U+0005) yang tidak terlihat; hapus karakter itu",
                 "content/regulasi/perbup-1-2024.md:5: 'tentang' memuat karakter kendali (U+0006) yang tidak terlihat; hapus karakter itu"]:
        assert line in found


def test_tabs_and_line_breaks_stay_allowed(project, capsys) -> None:
    project.write({"content/berita/kabar-baik.md": NEWS.format(judul='"Kabar\\tbaik"', ringkasan="|\n  Baris satu.\n  Baris dua.")})
    code, _, err = project.build("--base-url", "https://contoh.go.id/", capsys=capsys)
    assert (code, err) == (0, "")
    ET.fromstring(project.page("berita/atom.xml").encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40))
def test_feeds_are_well_formed_xml_whatever_text_reaches_them(text: str) -> None:
    root = ET.Element("feed")
    child = ET.SubElement(root, "title", term=text)
    child.text, child.tail = text, text
    parsed = ET.fromstring(xml_bytes(root))  # raises when the document is not well-formed
    kept = "".join(c for c in text if c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000)
    assert parsed[0].get("term") == kept
    assert (parsed[0].text or "") == kept.replace("\r\n", "\n").replace("\r", "\n")  # XML parsers read a CR as a line feed


def test_every_forbidden_character_is_left_out_of_a_feed() -> None:
    forbidden = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xD800, 0xDFFF, 0xFFFE, 0xFFFF]]
    root = ET.Element("feed")
    ET.SubElement(root, "title").text = "a" + "".join(forbidden) + "b"
    assert b"<title>ab</title>" in xml_bytes(root)


# 5. Published files are readable whatever the umask ----------------------------------------------

def modes(folder: Path) -> set[tuple[str, int]]:
    found = {("folder", stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        found.add(("folder" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode)))
    return found


def test_a_private_umask_still_publishes_world_readable_files(project, capsys) -> None:
    project.write({"content/gambar/foto.png": png()})
    previous = os.umask(0o077)
    try:
        code, _, err = project.build("--base-url", "https://contoh.go.id/", capsys=capsys)
        assert os.umask(0o077) == 0o077  # the build gave the editor's umask back
    finally:
        os.umask(previous)
    assert (code, err) == (0, "")
    assert modes(project.path / "site") == {("folder", 0o755), ("file", 0o644)}
    assert (project.path / "site/cari/index.html").is_file()  # Pagefind's own files are checked too
    assert stat.S_IMODE((project.path / ".cache").stat().st_mode) == 0o700  # the editor's own folders keep the umask


def test_an_unreadable_file_of_an_earlier_site_is_readable_once_linked_again(project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    kept = project.path / "site/berita/kabar-baik/index.html"
    kept.chmod(0o600)  # as a build under umask 077 by an older Terang left it
    project.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644


# 6. SHA256SUMS lists every published file --------------------------------------------------------

def test_every_file_but_the_manifest_is_listed_and_sha256sum_accepts_it(project, capsys) -> None:
    project.write({"content/gambar/foto.png": png()})
    assert project.build("--base-url", "https://contoh.go.id/", capsys=capsys)[0] == 0
    site = project.path / "site"
    assert set(read_manifest(site)) == set(tree(site)) - {MANIFEST}
    assert ".terang" in read_manifest(site)
    result = subprocess.run(["sha256sum", "--check", "--strict", MANIFEST], cwd=site, capture_output=True, text=True)
    assert result.returncode == 0 and ".terang: OK" in result.stdout, result.stdout + result.stderr


# 7. Spreadsheets too large to read ---------------------------------------------------------------

def workbook(sheet: str, strings: str | None = None, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The smallest zip an Excel reader opens: a sheet, and shared strings when given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if strings is not None:
            archive.writestr("xl/sharedStrings.xml", strings)
    return buffer.getvalue()


SHEET = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>'
ROW = '<row r="{r}"><c r="{c}{r}"><v>1</v></c></row>'
HUGE = {
    "dimension": (SHEET.format(dimension='<dimension ref="A1:XFD1048576"/>', rows=ROW.format(r=1, c="A")), "1.048.576 baris × 16.384 kolom"),
    "prefixed": ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref = \'A1:ZZ60000\'/></x:worksheet>',
                 "60.000 baris × 702 kolom"),
    "rows-far-apart": (SHEET.format(dimension="", rows=ROW.format(r=1, c="A") + ROW.format(r=999999999, c="A")), "999.999.999 baris × 1 kolom"),
    "wide-rows": (SHEET.format(dimension="", rows="".join(ROW.format(r=r, c="XFD") for r in range(1, 80))), "79 baris × 16.384 kolom"),
    "lying-dimension": (SHEET.format(dimension='<dimension ref="A1:B2"/>', rows=ROW.format(r=2000000, c="B")), "2.000.000 baris × 2 kolom"),
}


@pytest.mark.parametrize("case", list(HUGE))
def test_a_table_workbook_declaring_a_huge_sheet_is_refused_quickly(project, capsys, case) -> None:
    sheet, size = HUGE[case]
    data = workbook(sheet)
    assert len(data) < 3_000
    project.write({"data/per-desa.yml": TABLE_YML, "data/per-desa.xlsx": data})
    start = time.perf_counter()
    found = failing(project, capsys)
    assert time.perf_counter() - start < 5
    assert (f"data/per-desa.xlsx: lembar kerja 'xl/worksheets/sheet1.xml' berukuran {size}, lebih dari 1.000.000 sel; "
            f"hapus baris dan kolom kosong di Excel atau {FIX}") in found


def test_a_table_workbook_with_too_many_cells_is_refused(project, capsys) -> None:
    cells = "".join(f'<c r="A{r}"/>' for r in range(1, 700)) * 1500  # 1,048,500 cells in 700 rows' worth of references
    data = workbook(SHEET.format(dimension='<dimension ref="A1:A700"/>', rows=f'<row r="1">{cells}</row>'), method=zipfile.ZIP_STORED)
    project.write({"data/per-desa.yml": TABLE_YML, "data/per-desa.xlsx": data})
    assert f"data/per-desa.xlsx: lembar kerja 'xl/worksheets/sheet1.xml' berisi 1.048.500 sel, lebih dari 1.000.000; {FIX}" in failing(project, capsys)


def test_a_table_workbook_with_too_many_shared_strings_is_refused(project, capsys) -> None:
    strings = "<sst>" + "<si><t/></si>" * 1_000_001 + "</sst>"  # stored, not compressed: 13 MB on disk
    project.write({"data/per-desa.yml": TABLE_YML, "data/per-desa.xlsx": workbook(SHEET.format(dimension="", rows=""), strings, zipfile.ZIP_STORED)})
    start = time.perf_counter()
    found = failing(project, capsys)
    assert time.perf_counter() - start < 5
    assert f"data/per-desa.xlsx: tabel teks bersama berkas Excel ini berisi 1.000.001 teks, lebih dari 1.000.000; {FIX}" in found


def test_a_compression_bomb_is_refused_by_its_ratio(project, capsys) -> None:
    data = workbook(SHEET.format(dimension="", rows=""), "<sst>" + " " * 20_000_000 + "</sst>")
    assert len(data) < 100_000
    project.write({"data/per-desa.yml": TABLE_YML, "data/per-desa.xlsx": data})
    assert f"data/per-desa.xlsx: berkas Excel ini dimampatkan lebih dari 200 kali (ciri bom zip); {FIX}" in failing(project, capsys)


def test_a_participant_workbook_declaring_a_huge_sheet_is_refused_quickly(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML.replace("peserta.csv", "peserta.xlsx"),
                   "data/mentah/peserta.xlsx": workbook(HUGE["dimension"][0])})
    start = time.perf_counter()
    found = failing(project, capsys)
    assert time.perf_counter() - start < 5
    assert found[0] == ("data/mentah/peserta.xlsx: lembar kerja 'xl/worksheets/sheet1.xml' berukuran 1.048.576 baris × 16.384 kolom, "
                        f"lebih dari 50.000.000 sel; hapus baris dan kolom kosong di Excel atau {FIX}")


def test_a_participant_file_too_large_to_read_is_refused_before_reading(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML})
    raw = project.path / "data/mentah/peserta.csv"
    raw.parent.mkdir(parents=True)
    with raw.open("wb") as handle:  # sparse: 2 GB and a byte, on no disk space
        handle.truncate(2_000_000_001)
    start = time.perf_counter()
    found = failing(project, capsys)
    assert time.perf_counter() - start < 5
    assert found[0] == "data/mentah/peserta.csv: berkas tabel lebih dari 2.000 MB; pecah menjadi beberapa tabel"


def test_a_participant_workbook_without_a_declared_size_is_still_counted(project, capsys) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)  # openpyxl's streaming writer declares no <dimension>
    sheet = book.create_sheet()
    for line in participants(GROUPS).splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    project.write({"data/peserta.yml": PARTICIPANTS_YML.replace("peserta.csv", "peserta.xlsx"), "data/mentah/peserta.xlsx": buffer.getvalue()})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert '"2025-01","","Jumlah",29,15,44' in project.page("data/peserta/peserta.csv")
