"""Command line: `python build.py` and its options, in Indonesian; the other commands by their first word.

Each other command lives in its own module (terang.cli.serve, .new, .check), imported only when
it runs: `python build.py --help` loads none of them.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from terang.cli.common import add_site_options, display, new_parser, options, output_folder, run
from terang.errors import BuildFailed
from terang.publish import interrupt

COMMANDS = {  # the first word selects a command (run_command)
    "serve": "pratinjau langsung di peramban, dibangun ulang setiap kali berkas disimpan",
    "new": "buat berkas berita, regulasi atau halaman baru dengan semua kuncinya",
    "check": "periksa semua isi, data dan tautan tanpa mengubah folder site/",
    "verify": "periksa situs yang sudah terbit di alamatnya terhadap SHA256SUMS",
    "init": "buat proyek situs baru untuk kabupaten/kota lain",
}

STOPPED = "Build dihentikan. Folder {out}/ tetap berisi situs yang utuh (yang lama, atau yang baru jika build sudah selesai menukarnya)."


def parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  python build.py {name:<6} {text}" for name, text in COMMANDS.items())
    p = new_parser(
        "python build.py",
        "Membangun situs transparansi program dari content/, data/ dan templates/ ke folder site/.",
        "Contoh: python build.py --out publik --base-url https://contoh.go.id/transparansi/\n\n"
        f"Perintah lain:\n{commands}\nBantuan tiap perintah: python build.py serve --help",
        raw=True,
    )
    add_site_options(p)
    p.add_argument("--clean", action="store_true", help="bangun ulang semuanya, tanpa memakai hasil build sebelumnya")
    p.add_argument("-v", "--verbose", action="store_true", help="tampilkan lama tiap tahap dan berapa halaman yang dirender ulang")
    p.add_argument("-q", "--quiet", action="store_true", help="hanya tampilkan kesalahan")
    p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return p


def settings(args: argparse.Namespace) -> dict[str, object]:
    """The options that change what a build writes (for the no-change fast path)."""
    return {"base_url": args.base_url, "drafts": args.drafts, "strict": args.strict, "future": args.future, "terbit": args.terbit}


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
        return run_command(argv[0], argv[1:])
    args = parser().parse_args(argv)
    interrupt.install()
    try:
        status = build_command(args)
        interrupt.check()  # Ctrl+C after the swap, or one Python lost: still not a success
        return status
    except KeyboardInterrupt:  # Ctrl+C at any moment: the folder is whole (the swap is atomic)
        print(STOPPED.format(out=output_folder(args)), file=sys.stderr)
        return 130


def run_command(name: str, argv: list[str]) -> int:
    """One of COMMANDS with its own arguments; its module is imported only now."""
    if name == "serve":
        from terang.cli import serve as command
    elif name == "new":
        from terang.cli import new as command  # type: ignore[no-redef]
    elif name == "verify":
        from terang.cli import verify as command  # type: ignore[no-redef]
    elif name == "init":
        from terang.cli import init as command  # type: ignore[no-redef]
    else:
        from terang.cli import check as command  # type: ignore[no-redef]
    return int(command.main(argv))


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
