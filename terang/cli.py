"""Command line: `python build.py` and its options, in Indonesian."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import BuildFailed

ARGPARSE_WORDS = {
    "unrecognized arguments": "argumen tidak dikenal",
    "expected one argument": "perlu satu nilai",
    "the following arguments are required": "argumen ini wajib",
    "invalid choice": "pilihan tidak sah",
}


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        super().add_usage(usage, actions, groups, prefix or "Pemakaian: ")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for english, indonesian in ARGPARSE_WORDS.items():
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(2, f"kesalahan: {message}\nLihat: python build.py --help\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python build.py",
        description="Membangun situs transparansi program dari content/, data/ dan templates/ ke folder site/.",
        epilog="Contoh: python build.py --out publik --base-url https://contoh.go.id/transparansi/",
        formatter_class=_Formatter,
        add_help=False,
    )
    p._optionals.title = "pilihan"
    p.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    p.add_argument("--out", metavar="FOLDER", default="site", help="folder hasil build (bawaan: site)")
    p.add_argument("--base-url", metavar="URL", default=None,
                   help="alamat lengkap situs saat dipublikasikan, untuk tautan kanonis (menimpa base_url di situs.yml)")
    p.add_argument("--drafts", action="store_true", help="ikut terbitkan tulisan yang bertanda 'draf: true' (untuk pratinjau)")
    p.add_argument("--future", action="store_true", help="ikut terbitkan berita bertanggal setelah hari ini (untuk pratinjau)")
    p.add_argument("--strict", action="store_true", help="anggap selisih antara angka yang diumumkan dan jumlah tabel sebagai kesalahan")
    p.add_argument("--proyek", metavar="FOLDER", default=".", help="folder proyek yang berisi situs.yml (bawaan: folder ini)")
    p.add_argument("-q", "--quiet", action="store_true", help="hanya tampilkan kesalahan")
    p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from . import feeds
    from .pipeline import Options, build  # imported after parsing so --help stays fast

    root = Path(args.proyek).resolve()
    out = Path(args.out)
    out = out if out.is_absolute() else Path.cwd() / out
    try:
        result = build(Options(root=root, out=out, base_url=args.base_url, drafts=args.drafts, strict=args.strict, future=args.future))
    except BuildFailed as failed:
        report(failed)
        return 1
    except OSError as exc:
        print(f"Build gagal: tidak dapat menulis atau membaca '{exc.filename}': {exc.strerror}. Folder {args.out}/ tidak diubah.", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug in Terang, not the editor's mistake: say so, without a traceback
        if args.debug:
            raise
        print(f"Build gagal karena kesalahan di dalam Terang ({type(exc).__name__}: {exc}). "
              "Folder hasil tidak diubah. Jalankan lagi dengan --debug dan laporkan ke pengembang.", file=sys.stderr)
        return 2
    if not args.quiet:
        shown = os.path.relpath(out) if not os.path.relpath(out).startswith("..") else str(out)
        seconds = f"{result.seconds:.2f}".replace(".", ",")
        print(f"Selesai: {result.pages} halaman ({result.files} berkas) ditulis ke {shown}/ dalam {seconds} detik.")
        if feeds.skipped_note(result.site.config.base_url):
            print(feeds.skipped_note(result.site.config.base_url))
        print(f"Buka {shown}/index.html di peramban, atau jalankan: python -m http.server -d {shown} lalu buka http://localhost:8000/")
    return 0


def report(failed: BuildFailed) -> None:
    """Every problem as `path:line: message`, then one line that says what happened to site/."""
    count = len(failed.problems)
    for problem in failed.problems:
        print(problem, file=sys.stderr)
    print(f"Build gagal: {count} kesalahan. Folder hasil tidak diubah; perbaiki kesalahan di atas lalu jalankan lagi.", file=sys.stderr)
