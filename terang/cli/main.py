"""Command line: `python build.py` and its options, in Indonesian."""

from __future__ import annotations

import argparse
import errno
import gc
import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from terang.publish import interrupt
from terang.errors import BuildFailed

if TYPE_CHECKING:
    from terang.build.pipeline import Options, Result

COMMANDS = {  # the first word selects a command; each lives in its own module
    "serve": ("terang.preview.server", "pratinjau langsung di peramban, dibangun ulang setiap kali berkas disimpan"),
    "new": ("terang.cli.new", "buat berkas berita, regulasi atau halaman baru dengan semua kuncinya"),
    "check": ("terang.cli.check", "periksa semua isi, data dan tautan tanpa mengubah folder site/"),
}

ARGPARSE_WORDS = {
    "unrecognized arguments": "argumen tidak dikenal",
    "expected one argument": "perlu satu nilai",
    "the following arguments are required": "argumen ini wajib",
    "invalid choice": "pilihan tidak sah",
    "choose from": "pilih salah satu dari",
    "argument ": "argumen ",
    "invalid int value": "bukan bilangan bulat",
}


STOPPED = "Build dihentikan. Folder {out}/ tetap berisi situs yang utuh (yang lama, atau yang baru jika build sudah selesai menukarnya)."


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        super().add_usage(usage, actions, groups, prefix or "Pemakaian: ")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for english, indonesian in ARGPARSE_WORDS.items():
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(2, f"kesalahan: {message}\nLihat: {self.prog} --help\n")


def new_parser(prog: str, description: str, epilog: str) -> argparse.ArgumentParser:
    """A parser with Indonesian usage, help and error messages."""
    p = _Parser(prog=prog, description=description, epilog=epilog, formatter_class=_Formatter, add_help=False)
    p._optionals.title = "pilihan"
    p._positionals.title = "argumen"
    p.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    return p


def parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  python build.py {name:<6} {text}" for name, (_, text) in COMMANDS.items())
    p = new_parser(
        "python build.py",
        "Membangun situs transparansi program dari content/, data/ dan templates/ ke folder site/.",
        "Contoh: python build.py --out publik --base-url https://contoh.go.id/transparansi/\n\n"
        f"Perintah lain:\n{commands}\nBantuan tiap perintah: python build.py serve --help",
    )
    p.formatter_class = _RawFormatter
    add_site_options(p)
    p.add_argument("--clean", action="store_true", help="bangun ulang semuanya, tanpa memakai hasil build sebelumnya")
    p.add_argument("-v", "--verbose", action="store_true", help="tampilkan lama tiap tahap dan berapa halaman yang dirender ulang")
    p.add_argument("-q", "--quiet", action="store_true", help="hanya tampilkan kesalahan")
    p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return p


class _RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    pass


def add_site_options(p: argparse.ArgumentParser, out: bool = True) -> None:
    """Options every command that builds the site shares."""
    if out:
        p.add_argument("--out", metavar="FOLDER", default="site", help="folder hasil build (bawaan: site)")
    p.add_argument("--base-url", metavar="URL", default=None,
                   help="alamat lengkap situs saat dipublikasikan, untuk tautan kanonis (menimpa base_url di situs.yml)")
    p.add_argument("--drafts", action="store_true", help="ikut terbitkan tulisan yang bertanda 'draf: true' (untuk pratinjau)")
    p.add_argument("--future", action="store_true", help="ikut terbitkan berita bertanggal setelah hari ini (untuk pratinjau)")
    p.add_argument("--strict", action="store_true", help="anggap selisih antara angka yang diumumkan dan jumlah tabelnya, atau angka yang sama yang ditulis berbeda di berkas lain, sebagai kesalahan")
    p.add_argument("--proyek", metavar="FOLDER", default=".", help="folder proyek yang berisi situs.yml (bawaan: folder ini)")


def output_folder(args: argparse.Namespace) -> Path:
    """--out as an absolute path (relative to the current folder)."""
    out = Path(getattr(args, "out", "site"))
    return out if out.is_absolute() else Path.cwd() / out


def display(out: Path) -> str:
    """The output folder as the editor typed it: relative when it lies below the current folder."""
    relative = os.path.relpath(out)
    return str(out) if relative.startswith("..") else relative


def options(args: argparse.Namespace, **extra: object) -> Options:
    """Build options from the parsed site options."""
    from terang.build.pipeline import Options  # imported after parsing so --help stays fast

    extra.setdefault("out", output_folder(args))
    return Options(root=Path(args.proyek).resolve(), base_url=args.base_url, drafts=args.drafts, strict=args.strict, future=args.future, **extra)  # type: ignore[arg-type]


def settings(args: argparse.Namespace) -> dict[str, object]:
    """The options that change what a build writes (for the no-change fast path)."""
    return {"base_url": args.base_url, "drafts": args.drafts, "strict": args.strict, "future": args.future}


def fast_path(args: argparse.Namespace, root: Path, out: Path, current: str) -> bool:
    """Say so and stop when nothing changed since the last good build into `out` (`current`: the inputs' fingerprint)."""
    import time

    from terang.build.stamp import unchanged

    from terang.publish.lock import build_lock

    start = time.perf_counter()
    try:
        with build_lock(out):  # a build that is writing now may change the answer
            last = unchanged(root, out, current)
    except (BuildFailed, OSError):
        return False  # the normal path reports the lock, or why its folder cannot be written
    if last is None:
        return False
    if not args.quiet:
        shown = display(out)
        seconds = f"{time.perf_counter() - start:.2f}".replace(".", ",")
        print(f"Tidak ada yang berubah sejak build terakhir: {last['pages']} halaman ({last['files']} berkas) di {shown}/ sudah terbaru ({seconds} detik). "
              "Pakai --clean untuk membangun ulang semuanya.")
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        return int(importlib.import_module(COMMANDS[argv[0]][0]).main(argv[1:]))
    args = parser().parse_args(argv)
    interrupt.install()
    try:
        status = build_command(args)
        interrupt.check()  # Ctrl+C after the swap, or one Python lost: still not a success
        return status
    except KeyboardInterrupt:  # Ctrl+C at any moment: the folder is whole (the swap is atomic)
        print(STOPPED.format(out=output_folder(args)), file=sys.stderr)
        return 130


def build_command(args: argparse.Namespace) -> int:
    """`python build.py`: the fast path when nothing changed, else a build and its closing lines."""
    from terang.build.stamp import fingerprint, remember

    root, out = Path(args.proyek).resolve(), output_folder(args)
    before = fingerprint(root, out, settings(args))  # before anything is read: a file saved meanwhile is built next time
    if not (args.clean or args.verbose) and fast_path(args, root, out, before):
        return 0
    from terang.site import feeds
    from terang.data.datasets import found_notes
    from terang.build.progress import Progress

    # A build allocates millions of objects that live until it ends: a collection every 700 allocations
    # (Python's default) cost 0.16 s of a 2 s rebuild of 5,000 news items, every 10,000 costs 0.05 s.
    gc.set_threshold(10_000, 10, 10)
    # The stamp is written as soon as the new site is in place, while the old one is being removed.
    built = options(args, clean=args.clean, progress=Progress.for_cli(args.quiet, args.verbose),
                    on_swapped=lambda pages, files: remember(root, out, before, pages, files))
    result = run(built, args.debug)
    if isinstance(result, int):
        return result
    if not args.quiet:
        shown = display(built.out)
        seconds = f"{result.seconds:.2f}".replace(".", ",")
        print(f"Selesai: {result.pages} halaman ({result.files} berkas) ditulis ke {shown}/ dalam {seconds} detik.")
        if args.verbose:
            s = result.stats
            print(f"Markdown: {s.markdown_rendered} dirender, {s.markdown_reused} dari cache. "
                  f"Halaman: {s.pages_rendered} dirender, {s.pages_reused} dipakai ulang.")
        if feeds.skipped_note(result.site.config.base_url):
            print(feeds.skipped_note(result.site.config.base_url))
        for note in found_notes(result.site.datasets):
            print(note)
        print(f"Buka {shown}/index.html di peramban, atau jalankan: python -m http.server -d {shown} lalu buka http://localhost:8000/")
    return 0


def run(built: Options, debug: bool = False, failed: str = "Build gagal") -> Result | int:
    """Build, or print why it failed (without a traceback) and return the exit code."""
    from terang.build.pipeline import build

    try:
        return build(built)
    except BuildFailed as exc:
        report(exc, failed)
        return 1
    except OSError as exc:
        print(f"{failed}: {disk_message(exc, built.out)}. Folder {display(built.out)}/ tidak diubah.", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug in Terang, not the editor's mistake: say so, without a traceback
        if debug:
            raise
        print(f"{failed} karena kesalahan di dalam Terang ({type(exc).__name__}: {exc}). "
              "Folder hasil tidak diubah. Jalankan lagi dengan --debug dan laporkan ke pengembang.", file=sys.stderr)
        return 2


def disk_message(exc: OSError, out: Path) -> str:
    """Why the disk refused, in Indonesian and naming the folder: never the system's English text, never 'None'.

    A failed write() carries no file name; then, as for the build's own files beside the output
    folder (its lock, staging folder and scan memos), the folder named is the one that holds them.
    """
    out = out.resolve()
    path = Path(os.fsdecode(exc.filename)).resolve() if exc.filename is not None else None
    ours = path is None or _beside(path, out)
    where = display(out.parent if ours else path)
    where = str(out.parent) if where == "." else where
    thing = f"folder {where}/" if ours else f"'{where}'"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"disk penuh: tidak ada ruang lagi untuk menulis di {thing}; kosongkan ruang disk atau pilih folder lain dengan --out, lalu jalankan lagi"
    if exc.errno == errno.EROFS:
        return f"{thing} ada di disk yang hanya bisa dibaca; " + ("pilih folder lain dengan --out" if ours else "salin proyek ke disk yang bisa ditulis")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"tidak ada izin untuk menulis atau membaca {thing}; " + ("periksa izinnya atau pilih folder lain dengan --out" if ours else "periksa izin berkas itu")
    return f"tidak dapat menulis atau membaca {thing} (galat sistem {errno.errorcode.get(exc.errno or 0, exc.errno)})"


def _beside(path: Path, out: Path) -> bool:
    """Whether `path` is the output folder, what the build keeps beside it (`.site.*`), or a folder above them."""
    if out.parent.is_relative_to(path):
        return True
    if not path.is_relative_to(out.parent):
        return False
    first = path.relative_to(out.parent).parts[0]
    return first == out.name or first.startswith(f".{out.name}.")


def report(failed: BuildFailed, what: str = "Build gagal") -> None:
    """Every problem as `path:line: message`, then one line that says what happened to site/."""
    count = len(failed.problems)
    for problem in failed.problems:
        print(problem, file=sys.stderr)
    print(f"{what}: {count} kesalahan. Folder hasil tidak diubah; perbaiki kesalahan di atas lalu jalankan lagi.", file=sys.stderr)
