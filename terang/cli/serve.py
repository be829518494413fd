"""`python build.py serve`: the live preview (terang.preview.server) with its options, in Indonesian."""

from __future__ import annotations

import argparse
from dataclasses import replace

from terang.cli.common import add_site_options, new_parser, options
from terang.inputs.paths import STATE_DIR

DRAFTS_OUT = STATE_DIR / "pratinjau-draf"  # serve --drafts writes here unless --out says otherwise


def parser() -> argparse.ArgumentParser:
    """The command's options, with Indonesian help."""
    p = new_parser(
        "python build.py serve",
        "Membangun situs, menyajikannya di http://127.0.0.1:PORT/ untuk pratinjau, dan membangun ulang setiap kali "
        "berkas di content/, data/, templates/ atau situs.yml disimpan. Peramban dimuat ulang sendiri. Editor formulir "
        "ada di /_admin/: buka alamat bertoken yang dicetak saat pratinjau mulai (baris 'Editor: ...').",
        "Contoh: python build.py serve --port 8001 --drafts",
    )
    add_site_options(p, publish=False)
    p.add_argument("--port", type=int, default=8000, metavar="NOMOR", help="nomor port (bawaan: 8000)")
    p.add_argument("-q", "--quiet", action="store_true", help="hanya tampilkan alamat dan kesalahan")
    p.add_argument("--buka", action="store_true", help="buka pratinjau di peramban bawaan setelah siap")
    return p


def main(argv: list[str]) -> int:
    """`python build.py serve [--port N]`."""
    from terang.preview.server import Preview, run_server  # after parsing: --help stays fast
    from terang.preview.watch import snapshot

    args = parser().parse_args(argv)
    built = options(args)
    if args.drafts and args.out == "site":  # drafts must never end up in the folder that gets uploaded
        built = replace(built, out=built.root / DRAFTS_OUT)
    preview = Preview(built, args.quiet, args.port)
    if args.drafts:
        preview.say(f"Draf ikut tampil. Hasilnya ditulis ke {built.out}, bukan ke site/, agar draf tidak ikut terunggah.")
    preview.say("Membangun situs...")
    preview.inputs = snapshot(built.root)  # before the first build: a save during it, or just after, is seen
    preview.build()
    return run_server(preview, args.port, args.buka)
