"""What the commands share: the Indonesian argument parser, the site options, and running a build with its messages."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from terang.errors import BuildFailed
from terang.publish.beside import kept_beside

if TYPE_CHECKING:
    from terang.build.pipeline import Options, Result

ARGPARSE_WORDS = {
    "unrecognized arguments": "argumen tidak dikenal",
    "expected one argument": "perlu satu nilai",
    "the following arguments are required": "argumen ini wajib",
    "invalid choice": "pilihan tidak sah",
    "choose from": "pilih salah satu dari",
    "argument ": "argumen ",
    "invalid int value": "bukan bilangan bulat",
}


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        super().add_usage(usage, actions, groups, prefix or "Pemakaian: ")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for english, indonesian in ARGPARSE_WORDS.items():
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(2, f"kesalahan: {message}\nLihat: {self.prog} --help\n")


class _RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    pass


def invoked_as() -> str:
    """'terang' when run as the installed command, else 'python build.py'."""
    return "terang" if Path(sys.argv[0]).stem == "terang" else "python build.py"


def new_parser(prog: str, description: str, epilog: str, raw: bool = False) -> argparse.ArgumentParser:
    """A parser with Indonesian usage, help and error messages; `raw` keeps the epilog's line breaks."""
    formatter = _RawFormatter if raw else _Formatter
    if invoked_as() == "terang":  # the installed command: its help speaks of `terang serve`, not `python build.py serve`
        prog, epilog = prog.replace("python build.py", "terang"), epilog.replace("python build.py", "terang")
    p = _Parser(prog=prog, description=description, epilog=epilog, formatter_class=formatter, add_help=False)
    p._optionals.title = "pilihan"
    p._positionals.title = "argumen"
    p.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    return p


def add_site_options(p: argparse.ArgumentParser, out: bool = True, publish: bool = True) -> None:
    """Options every command that builds the site shares (`publish`: the command can make the public site)."""
    if out:
        p.add_argument("--out", metavar="FOLDER", default="site", help="folder hasil build (bawaan: site)")
    if publish:
        p.add_argument("--terbit", action="store_true",
                       help="build untuk situs publik: wajib ada base_url (di situs.yml atau --base-url), tanpa draf dan berita bertanggal nanti")
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
    return Options(root=Path(args.proyek).resolve(), base_url=args.base_url, drafts=args.drafts, strict=args.strict, future=args.future,
                   publish=getattr(args, "terbit", False), **extra)  # type: ignore[arg-type]


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
    return first == out.name or kept_beside(first, out)


def report(failed: BuildFailed, what: str = "Build gagal") -> None:
    """Every problem as `path:line: message`, then one line that says what happened to site/."""
    count = len(failed.problems)
    for problem in failed.problems:
        print(problem, file=sys.stderr)
    print(f"{what}: {count} kesalahan. Folder hasil tidak diubah; perbaiki kesalahan di atas lalu jalankan lagi.", file=sys.stderr)
