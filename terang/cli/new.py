"""`python build.py new`: a new Markdown file with every front-matter key and an Indonesian hint."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from terang.cli.common import new_parser
from terang.content.validate import RESERVED
from terang.inputs.fields import FRONT_MATTER
from terang.inputs.frontmatter import front_matter, quoted  # the layout the editor writes too
from terang.inputs.hints import HINTS
from terang.urls import slugify

REGULATION_TITLE = re.compile(r"^(?P<jenis>.+?)\s+Nomor\s+(?P<nomor>\S+)\s+Tahun\s+(?P<tahun>\d{4})\s+tentang\s+(?P<tentang>.+)$", re.IGNORECASE)
NAME_LIMIT = 70  # characters of a new file's name, cut at a word


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
