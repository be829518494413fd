"""`python build.py serve`: build, serve site/ on 127.0.0.1 and rebuild once per burst of saves.

The only module that imports `livereload` (MkDocs replaced it with its own server once; keeping
it behind this module keeps that choice cheap). Rebuilds are debounced here (watch.Debouncer),
not by livereload, which would rebuild once per changed file. Browsers are told to reload after
every build: a good one shows the new site, a failed one shows the overlay with the errors,
while site/ keeps the last good build. The reload script is added by the server to the pages it
sends, never written into site/.
"""

from __future__ import annotations

import argparse
import html
import logging
import mimetypes
import sys
import threading
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable
from urllib.parse import parse_qs, quote

from . import guide
from .cache import CACHE_DIR
from .errors import BuildFailed, Problem
from .progress import seconds
from .watch import Debouncer, changed, snapshot

if TYPE_CHECKING:
    from .pipeline import Options

POLL = 0.15  # seconds between looks at the inputs
LAST_GOOD = "terakhir"  # ?terakhir=1 shows the last good page instead of the overlay
DRAFTS_OUT = CACHE_DIR / "pratinjau-draf"  # serve --drafts writes here unless --out says otherwise


@dataclass(frozen=True)
class State:
    """The outcome of the latest build, read by the web app on every request."""

    problems: tuple[Problem, ...] = ()


class Preview:
    """Builds the site, holds the latest outcome and serves site/ or the error overlay."""

    def __init__(self, options: Options, quiet: bool) -> None:
        self.options = options
        self.quiet = quiet
        self.state = State()
        self.on_build: Callable[[], None] = lambda: None

    def say(self, text: str) -> None:
        """A progress line on stdout, unless -q."""
        if not self.quiet:
            print(text, flush=True)

    def build(self) -> None:
        """One build; its problems (or none) replace the previous outcome."""
        from .pipeline import build

        start = time.perf_counter()
        try:
            result = build(self.options)
        except BuildFailed as failed:
            problems = tuple(failed.problems)
        except Exception as exc:  # shown in the overlay instead of ending the preview
            problems = (Problem("terang", 0, f"build berhenti karena kesalahan di dalam Terang ({type(exc).__name__}: {exc}); laporkan ke pengembang"),)
        else:
            problems = ()
            s = result.stats
            self.say(f"Selesai dalam {seconds(time.perf_counter() - start)} detik: {s.pages_rendered} halaman dirender, {s.pages_reused} dipakai ulang.")
        self.state = State(problems)
        if problems:
            print(f"Build gagal: {len(problems)} kesalahan (juga tampil di peramban); situs terakhir yang berhasil tetap disajikan.", file=sys.stderr, flush=True)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr, flush=True)
        self.on_build()

    def watch(self, stop: threading.Event) -> None:
        """Rebuild once whenever the inputs changed and then stayed still for a moment."""
        root = self.options.root
        debouncer = Debouncer(snapshot(root))
        while not stop.wait(POLL):
            before = debouncer.built
            current = snapshot(root)
            if debouncer.update(current, time.monotonic()):
                names = changed(before, current)
                more = f" (dan {len(names) - 1} berkas lain)" if len(names) > 1 else ""
                self.say(f"Berubah: {names[0]}{more}. Membangun ulang...")
                self.build()

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """WSGI: the overlay while the last build failed, else the file from site/."""
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        name = guide.guide_name(path)
        if name:
            text = guide.page(self.options.root / "docs", name) or guide.page(guide.BUNDLED, name)
            if text is not None:
                return self.respond(start_response, "200 OK", text.encode("utf-8"), "text/html; charset=utf-8")
        out = self.options.out.resolve()
        target = (out / path.lstrip("/")).resolve()
        if not target.is_relative_to(out):
            return self.respond(start_response, "403 Forbidden", b"", "text/plain")
        if target.is_dir() and not path.endswith("/"):
            start_response("301 Moved Permanently", [("Location", quote(path) + "/")])
            return [b""]
        if target.is_dir():
            target = target / "index.html"
        page = target.suffix == ".html" or not target.suffix
        problems = self.state.problems
        if problems and page and LAST_GOOD not in query:
            return self.respond(start_response, "200 OK", overlay(problems, target.is_file()).encode("utf-8"), "text/html; charset=utf-8")
        if target.is_file():
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            kind += "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "javascript")) else ""
            return self.respond(start_response, "200 OK", target.read_bytes(), kind)
        missing = out / "404.html"
        body = missing.read_bytes() if missing.is_file() else "Halaman tidak ditemukan.".encode("utf-8")
        return self.respond(start_response, "404 Not Found", body, "text/html; charset=utf-8")

    @staticmethod
    def respond(start_response: Callable[..., Any], status: str, body: bytes, kind: str) -> list[bytes]:
        """A complete response that browsers must not cache (the preview changes all the time)."""
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]


def overlay(problems: tuple[Problem, ...], has_last_good: bool) -> str:
    """The page shown while the last build failed: the errors, then the last good page in a frame.

    Readable without JavaScript; the frame and the link show site/ as the last good build left it.
    """
    items = []
    for p in problems:
        where = f"<code>{html.escape(p.path)}</code>" + (f", baris {p.line}" if p.line else "")
        items.append(f"<li><p class=\"tempat\">{where}</p><p>{html.escape(p.message)}</p></li>")
    last = (f'<a href="?{LAST_GOOD}=1">Lihat versi terakhir yang berhasil dari halaman ini</a> · ' if has_last_good else "")
    frame = (f'<h2>Versi terakhir yang berhasil</h2>\n<iframe src="?{LAST_GOOD}=1" title="Versi terakhir yang berhasil dari halaman ini"></iframe>\n'
             if has_last_good else "")
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Build gagal: {len(problems)} kesalahan · Pratinjau</title>\n"
        "<style>body{font-family:system-ui,sans-serif;margin:0;background:#fff4e0;color:#1a1a1a;line-height:1.6}"
        "main{max-width:46rem;margin:0 auto;padding:1rem}h1{color:#7a1f00}"
        "ol{padding-left:1.5rem}li{background:#fff;border-left:6px solid #b3261e;padding:.5rem 1rem;margin:.75rem 0}"
        "li p{margin:.25rem 0}.tempat{font-weight:700}code{font-size:1rem}a{color:#0b5394}"
        "iframe{width:100%;height:70vh;border:2px solid #7a4a00;background:#fff}</style>\n"
        "</head>\n<body>\n<main>\n"
        f"<h1>Build gagal: {len(problems)} kesalahan</h1>\n"
        "<p>Situs belum diperbarui dengan perubahan terakhir. Perbaiki kesalahan di bawah ini lalu simpan berkasnya; "
        "halaman ini dimuat ulang sendiri (tanpa JavaScript: muat ulang halaman setelah menyimpan).</p>\n"
        f"<ol>\n{''.join(items)}\n</ol>\n"
        f'<p>{last}<a href="{guide.PREFIX}#arti-pesan-kesalahan">Arti pesan kesalahan dan cara memperbaikinya</a></p>\n'
        f"{frame}</main>\n</body>\n</html>\n"
    )


def parser() -> argparse.ArgumentParser:
    """The command's options, with Indonesian help."""
    from .cli import add_site_options, new_parser

    p = new_parser(
        "python build.py serve",
        "Membangun situs, menyajikannya di http://127.0.0.1:PORT/ untuk pratinjau, dan membangun ulang setiap kali "
        "berkas di content/, data/, templates/ atau situs.yml disimpan. Peramban dimuat ulang sendiri.",
        "Contoh: python build.py serve --port 8001 --drafts",
    )
    add_site_options(p)
    p.add_argument("--port", type=int, default=8000, metavar="NOMOR", help="nomor port (bawaan: 8000)")
    p.add_argument("-q", "--quiet", action="store_true", help="hanya tampilkan alamat dan kesalahan")
    return p


def main(argv: list[str]) -> int:
    """`python build.py serve [--port N]`."""
    from .cli import options

    args = parser().parse_args(argv)
    built = options(args)
    if args.drafts and args.out == "site":  # drafts must never end up in the folder that gets uploaded
        built = replace(built, out=built.root / DRAFTS_OUT)
    preview = Preview(built, args.quiet)
    if args.drafts:
        preview.say(f"Draf ikut tampil. Hasilnya ditulis ke {built.out}, bukan ke site/, agar draf tidak ikut terunggah.")
    preview.say("Membangun situs...")
    preview.build()
    return run_server(preview, args.port)


def run_server(preview: Preview, port: int) -> int:
    """Serve until Ctrl+C; the watcher thread rebuilds and tells browsers to reload."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    class QuietServer(Server):
        def _setup_logging(self) -> None:  # livereload logs in English on every request
            logging.getLogger("livereload").setLevel(logging.ERROR)

    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    loop = IOLoop.current()
    preview.on_build = lambda: loop.add_callback(LiveReloadHandler.reload_waiters, "*")
    server = QuietServer(app=preview.app)
    server.watch(str(preview.options.root / "situs.yml"), delay="forever")  # our own watcher rebuilds
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    url = f"http://127.0.0.1:{port}/"
    # printed by the loop once it runs, i.e. after the port is really listening
    loop.add_callback(print, f"Pratinjau berjalan di {url} (panduan editor: {url}{guide.PREFIX[1:]}). Tekan Ctrl+C untuk berhenti.", flush=True)
    try:
        server.serve(port=port, host="127.0.0.1", debug=False, restart_delay=0)
    except OSError as exc:
        print(f"Pratinjau tidak dapat dimulai di port {port}: {exc.strerror}. Pakai port lain, misalnya: python build.py serve --port {port + 1}", file=sys.stderr)
        return 1
    finally:
        stop.set()
    print("Pratinjau dihentikan.", flush=True)
    return 0
