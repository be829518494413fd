"""`python build.py new`: a new Markdown file with every front-matter key and an Indonesian hint."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from terang.cli.common import new_parser
from terang.content.validate import RESERVED
from terang.inputs.fields import FRONT_MATTER
from terang.inputs.schema import Field
from terang.urls import slugify

# One hint per declared key; tests/test_scaffold.py fails when a key of schema.py has none.
HINTS: dict[str, dict[str, str]] = {
    "berita": {
        "judul": "judul berita: singkat, jelas, tanpa singkatan yang asing bagi warga",
        "tanggal": "tanggal terbit, TTTT-BB-HH",
        "ringkasan": "satu atau dua kalimat untuk daftar berita dan pratinjau tautan",
        "topik": "satu atau beberapa topik dalam kurung siku, dipisah koma",
        "gambar": "berkas gambar di dalam content/, misalnya berkas/penandatanganan.jpg",
        "gambar_alt": "wajib bila ada gambar: tulis apa yang tampak, untuk pembaca tunanetra",
        "draf": "true = belum terbit (lihat dengan: python build.py serve --drafts); ganti false saat siap terbit",
        "sumber": "asal informasi, misalnya [{nama: nama media atau dinas, judul: judul berita, url: https://..., tanggal: 2025-12-09, diakses: 2025-12-10}]; tanpa url jika tidak ada alamat daringnya",
        "regulasi": "nama berkas (tanpa .md) regulasi di content/regulasi/ yang disebut, misalnya [perbup-1-2024]",
    },
    "regulasi": {
        "jenis": "jenis peraturan, misalnya Peraturan Bupati Contoh",
        "singkatan": "singkatan jenisnya, misalnya Perbup Contoh",
        "nomor": "nomor peraturan, dalam tanda kutip",
        "tahun": "tahun peraturan, angka saja",
        "tentang": "judul peraturan setelah kata 'tentang'",
        "status": "berlaku, diubah atau dicabut",
        "tanggal_penetapan": "tanggal ditetapkan, TTTT-BB-HH (kosongkan bila tidak diketahui)",
        "berkas": "salinan PDF resmi di dalam content/, misalnya berkas/perbup-1-2024.pdf",
        "ringkasan": "satu atau dua kalimat tentang isi peraturan, dalam bahasa sehari-hari",
        "sumber": "tempat teks resmi didapat, misalnya [{nama: JDIH kabupaten, url: https://...}]",
        "tanggal_pengundangan": "tanggal diundangkan, TTTT-BB-HH (kosongkan bila tidak diketahui)",
        "tempat_terbit": "tempat penetapan, misalnya Kabupaten Contoh",
        "teu_badan": "badan pembuat peraturan (TEU), misalnya Kabupaten Contoh",
        "bidang_hukum": "bidang hukum menurut JDIH, misalnya Hukum Administrasi Negara",
        "subjek": "subjek atau kata kunci, misalnya [jaminan sosial, ketenagakerjaan]",
        "bahasa": "bahasa teks resmi, misalnya Bahasa Indonesia",
        "mengubah": "nama berkas regulasi yang diubah oleh peraturan ini, misalnya [perbup-1-2020]",
        "mencabut": "nama berkas regulasi yang dicabut oleh peraturan ini, misalnya [perbup-1-2020]",
    },
    "halaman": {
        "judul": "judul halaman, juga dipakai di daftar halaman beranda",
        "ringkasan": "satu kalimat di bawah judul dan di beranda",
        "urutan": "urutan di beranda: angka kecil tampil lebih dulu",
        "draf": "true = belum terbit (lihat dengan: python build.py serve --drafts); ganti false saat siap terbit",
        "pertanyaan": "pertanyaan warga yang dijawab halaman ini, tampil paling atas di beranda, misalnya Apakah saya termasuk?",
        "induk": "nama berkas halaman tempat halaman ini didaftar, misalnya siapa-yang-dilindungi",
        "tabel": "tabel di data/ yang satu barisnya dibahas halaman ini, misalnya peserta-per-segmen (bersama baris)",
        "baris": "isi kolom pertama baris itu, persis seperti di tabel, misalnya Nelayan",
        "pengumuman": "poin singkat untuk versi cetak papan pengumuman, paling banyak 6, misalnya [\"Iuran dibayar APBD.\"]",
    },
}
REGULATION_TITLE = re.compile(r"^(?P<jenis>.+?)\s+Nomor\s+(?P<nomor>\S+)\s+Tahun\s+(?P<tahun>\d{4})\s+tentang\s+(?P<tentang>.+)$", re.IGNORECASE)
NAME_LIMIT = 70  # characters of a new file's name, cut at a word
BODY_HINT = "<!-- Tulis isinya di bawah baris ini dengan Markdown. Petunjuk: docs/panduan.md. Komentar ini tidak ikut terbit. -->\n"


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def values_for(kind: str, title: str, today: dt.date) -> tuple[str, dict[str, str]] | str:
    """The slug and the filled-in keys of a new file, or an Indonesian message why not."""
    if kind == "regulasi":
        match = REGULATION_TITLE.match(title.strip())
        if not match:
            return ("judul regulasi harus lengkap dengan jenis, nomor, tahun dan 'tentang', misalnya: "
                    "python build.py new regulasi \"Peraturan Bupati Contoh Nomor 1 Tahun 2024 tentang Jaminan Sosial Pekerja Rentan\"")
        jenis, nomor, tahun, tentang = (match.group(k).strip() for k in ("jenis", "nomor", "tahun", "tentang"))
        slug = slugify(f"{jenis} {nomor} {tahun}", NAME_LIMIT)
        return slug, {"jenis": quoted(jenis), "nomor": quoted(nomor), "tahun": tahun, "tentang": quoted(tentang), "status": "berlaku"}
    slug = slugify(title, NAME_LIMIT)
    values = {"judul": quoted(title.strip()), "draf": "true"}
    if kind == "berita":
        values.update(tanggal=today.isoformat(), ringkasan=quoted("Tulis ringkasan satu atau dua kalimat."), topik="[jaminan sosial]")
    else:
        values["ringkasan"] = quoted("Tulis satu kalimat tentang isi halaman ini.")
    return slug, values


def front_matter(kind: str, values: dict[str, str]) -> str:
    """Every declared key in schema order: filled ones as values, the others as comments."""
    lines = ["---", f"# {kind.capitalize()} baru. Baris yang diawali # hanya petunjuk; hapus # di depan kunci untuk memakainya."]
    for spec in FRONT_MATTER[kind]:
        hint = HINTS[kind][spec.name]
        if spec.name in values:
            lines.append(f"{spec.name}: {values[spec.name]}  # {hint}")
        else:
            lines.append(f"# {spec.name}: {example(spec)}  # {hint}")
    lines.append("---")
    return "\n".join(lines) + "\n" + BODY_HINT


def example(spec: Field) -> str:
    """A sample value for a commented-out key."""
    samples = {"tanggal": "2025-12-09", "bilangan": "10", "ya/tidak": "false", "daftar-slug": "[]", "sumber": "[]", "daftar": "[]"}
    return samples.get(spec.kind, '""')


def create(root: Path, kind: str, title: str, today: dt.date) -> tuple[Path | None, str]:
    """Write content/<kind>/<slug>.md; never overwrites. Returns the file or a message why not."""
    if not title.strip():
        return None, "judul tidak boleh kosong"
    made = values_for(kind, title, today)
    if isinstance(made, str):
        return None, made
    slug, values = made
    if not slug:
        return None, f"judul '{title}' tidak menghasilkan nama berkas; pakai huruf atau angka"
    if kind == "halaman" and slug in RESERVED:
        return None, f"nama '{slug}' dipakai oleh bagian situs; pakai judul lain, misalnya '{title} Program'"
    path = root / "content" / kind / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as stream:  # "x": fail if it exists, even in a race
            stream.write(front_matter(kind, values))
    except FileExistsError:
        return None, "berkas ini sudah ada dan tidak ditimpa; sunting berkas itu, atau pakai judul lain"
    return path, ""


def parser() -> argparse.ArgumentParser:
    """The command's options, with Indonesian help."""
    p = new_parser(
        "python build.py new",
        "Membuat berkas Markdown baru di content/ dengan nama berkas yang benar, tanggal hari ini dan semua kunci front matter beserta petunjuknya.",
        'Contoh: python build.py new berita "Iuran pekerja rentan mulai dibayar"',
    )
    p.add_argument("jenis", choices=tuple(FRONT_MATTER), metavar="JENIS", help="berita, regulasi atau halaman")
    p.add_argument("judul", metavar="JUDUL", help="judul tulisan, dalam tanda kutip")
    p.add_argument("--proyek", metavar="FOLDER", default=".", help="folder proyek yang berisi situs.yml (bawaan: folder ini)")
    return p


def main(argv: list[str]) -> int:
    """`python build.py new berita|regulasi|halaman "Judul"`."""
    args = parser().parse_args(argv)
    root = Path(args.proyek).resolve()
    path, message = create(root, args.jenis, args.judul, dt.date.today())
    if path is None:
        where = f"content/{args.jenis}/{slugify(args.judul, NAME_LIMIT, '?')}.md" if "sudah ada" in message else "python build.py new"
        print(f"{where}: {message}", file=sys.stderr)
        return 1
    shown = path.relative_to(root).as_posix()
    print(f"Berkas dibuat: {shown}")
    if args.jenis != "regulasi":
        print("Tulisan ini masih draf. Lihat pratinjaunya dengan: python build.py serve --drafts")
        print("Saat siap terbit, ganti 'draf: true' menjadi 'draf: false'.")
    return 0
