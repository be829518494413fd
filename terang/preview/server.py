"""The live preview: build, serve site/ on 127.0.0.1 and rebuild once per burst of saves.

The only module that imports `livereload` (MkDocs replaced it with its own server once; keeping
it behind this module keeps that choice cheap). Rebuilds are debounced here (watch.Debouncer),
not by livereload, which would rebuild once per changed file. Browsers are told to reload after
every build: a good one shows the new site, a failed one shows the overlay with the errors,
while site/ keeps the last good build. The reload script is added by the server to the pages it
sends, never written into site/. The command and its options are terang.cli.serve.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable
from urllib.parse import parse_qs, quote

from terang.build.progress import seconds
from terang.errors import BuildFailed, Problem
from terang.preview import guide
from terang.preview.overlay import LAST_GOOD, overlay
from terang.preview.watch import Debouncer, Snapshot, changed, snapshot

if TYPE_CHECKING:
    from terang.build.pipeline import Options

POLL = 0.1  # seconds between looks at the inputs (a look at 5,000 files costs about 20 ms)
BIND = "127.0.0.1"  # the preview listens on this machine only
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
MAX_PATH = 1024  # bytes of a decoded URL path; real site paths stay far below
MAX_NAME = 255  # bytes of one path segment (longer names cannot exist on disk)
MAX_BODY = 21 * 1024 * 1024  # bytes of a request: the editor's uploads (terang.preview.admin.MAX_BODY) and their JSON
PLAIN = "text/plain; charset=utf-8"
# livereload's own loader (PORT is the served port): its script connects back to the host and port the page came from
LIVE_SCRIPT = (
    '<script type="text/javascript">(function(){var s=document.createElement("script");var port=PORT;'
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;document.head.appendChild(s);})();</script>'
)


def allowed_hosts(port: int, bound: str = BIND) -> frozenset[str]:
    """The Host header values this preview answers: a loopback name or the bound address, with the port.

    Anything else is refused: a web page whose domain was re-pointed at 127.0.0.1 (DNS
    rebinding) sends its own domain as Host and so cannot read the preview or its drafts.
    """
    names = {*LOOPBACK, f"[{bound}]" if ":" in bound else bound}
    return frozenset({f"{name}:{port}" for name in names} | (names if port == 80 else set()))


def host_allowed(host: str | None, hosts: frozenset[str]) -> bool:
    """Whether a request's Host header names this preview."""
    return host is not None and host.lower() in hosts


def origin_allowed(origin: str, hosts: frozenset[str]) -> bool:
    """Whether a websocket's Origin is a page of this preview (http://127.0.0.1:PORT and the like)."""
    return origin.lower() in {f"http://{host}" for host in hosts}


def forbidden_host_text(port: int) -> bytes:
    """The short answer to a request for another host name."""
    return f"Ditolak: pratinjau hanya melayani http://127.0.0.1:{port}/ (atau http://localhost:{port}/).\n".encode("utf-8")


def site_path(raw: str) -> str | None:
    """The URL path as text, or None when it cannot name a file of the site.

    `raw` is the WSGI PATH_INFO: the percent-decoded bytes as latin-1. Refused: bytes that are
    not UTF-8, control characters (NUL among them), backslashes, `.` and `..` segments, and
    paths or names longer than any file of the site.
    """
    data = raw.encode("latin-1", "replace")
    if len(data) > MAX_PATH or not raw.startswith("/"):
        return None
    try:
        path = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\\" in path or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in path):
        return None
    segments = path.split("/")
    if any(s in (".", "..") or len(s.encode("utf-8")) > MAX_NAME for s in segments):
        return None
    return path


@dataclass(frozen=True)
class State:
    """The outcome of the latest build, read by the web app on every request."""

    problems: tuple[Problem, ...] = ()


class Preview:
    """Builds the site, holds the latest outcome and serves site/ or the error overlay.

    An edited article is shown at once: its page is rendered from the last good build
    (terang.preview.quick) and served from memory while the full build runs in its own thread; each
    full build then replaces the pages rendered before it started.
    """

    def __init__(self, options: Options, quiet: bool, port: int = 8000) -> None:
        self.options = options
        self.quiet = quiet
        self.port = port
        self.hosts = allowed_hosts(port)
        self.token = secrets.token_urlsafe(24)  # the editor's, for this run only (terang.preview.admin)
        self.state = State()
        self.on_build: Callable[[], None] = lambda: None
        self.baseline: Any = None  # terang.preview.quick.Baseline of the last good build
        self.fresh: dict[str, tuple[int, bytes]] = {}  # site path -> (edit number, page) rendered ahead of the build
        self.edits = 0
        self.wanted = threading.Event()  # a full build is due
        self._quick: Any = None
        self.inputs: Snapshot | None = None  # the inputs as the first build read them (taken before it)
        self._fresh_lock = threading.Lock()  # the watcher adds pages, the builder drops them

    def say(self, text: str) -> None:
        """A progress line on stdout, unless -q."""
        if not self.quiet:
            print(text, flush=True)

    def build(self) -> None:
        """One build, in a process of its own; its problems (or none) replace the previous outcome.

        In its own process the build neither slows the watcher and the quick pages (one lock
        for all Python threads), nor is slowed by them: it can use every core.
        """
        start = time.perf_counter()
        started_after = self.edits  # pages rendered ahead of this build are in it
        kind, value = build_elsewhere(self.options)
        if kind == "gagal":
            problems = tuple(value)
        elif kind == "galat":  # shown in the overlay instead of ending the preview
            problems = (Problem("terang", 0, f"build berhenti karena kesalahan di dalam Terang ({value}); laporkan ke pengembang"),)
        else:
            problems = ()
            stats, baseline = value
            self.baseline = baseline or self.baseline
            self.say(f"Selesai dalam {seconds(time.perf_counter() - start)} detik: {stats.pages_rendered} halaman dirender, {stats.pages_reused} dipakai ulang.")
        with self._fresh_lock:
            self.fresh = {path: page for path, page in self.fresh.items() if page[0] > started_after}
        self.state = State(problems)
        if problems:
            print(f"Build gagal: {len(problems)} kesalahan (juga tampil di peramban); situs terakhir yang berhasil tetap disajikan.", file=sys.stderr, flush=True)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr, flush=True)
        self.on_build()

    def show_edit(self, names: list[str]) -> bool:
        """Render the edited pages now from the last good build; True when there is a new page to show."""
        if self.baseline is None or self.state.problems:
            return False
        from terang.preview.quick import QuickPages

        self._quick = self._quick or QuickPages(self.options.root)
        try:
            pages = self._quick.render(self.baseline, names)
        except Exception:  # no fast answer: the full build reports whatever is wrong
            return False
        if not pages:
            return False
        with self._fresh_lock:
            self.edits += 1
            self.fresh = {**self.fresh, **{path: (self.edits, page) for path, page in pages.items()}}
        return True

    def watch(self, stop: threading.Event) -> None:
        """Whenever the inputs changed and then stayed still for a moment: show the edit, ask for a build."""
        root = self.options.root
        debouncer = Debouncer(self.inputs if self.inputs is not None else snapshot(root))
        while not stop.wait(POLL):
            before = debouncer.built
            current = snapshot(root)
            if debouncer.update(current, time.monotonic()):
                names = changed(before, current)
                more = f" (dan {len(names) - 1} berkas lain)" if len(names) > 1 else ""
                self.say(f"Berubah: {names[0]}{more}. Membangun ulang...")
                if self.show_edit(names):
                    self.on_build()
                self.wanted.set()

    def rebuild(self, stop: threading.Event) -> None:
        """Run the full builds the watcher asks for, one at a time; saves made meanwhile give one more."""
        while not stop.is_set():
            if self.wanted.wait(POLL):
                self.wanted.clear()
                self.build()

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """WSGI: refuse other hosts and malformed paths; else the overlay or the file from site/."""
        if not host_allowed(environ.get("HTTP_HOST"), self.hosts):
            return self.respond(start_response, "403 Forbidden", forbidden_host_text(self.port), PLAIN)
        path = site_path(environ.get("PATH_INFO", "/"))
        if path is None:
            return self.respond(start_response, "400 Bad Request", "Alamat tidak sah.\n".encode("utf-8"), PLAIN)
        try:
            return self.answer(path, parse_qs(environ.get("QUERY_STRING", "")), start_response)
        except (OSError, RuntimeError):  # a name the file system refuses, a symlink loop, a file that vanished
            return self.not_found(start_response)

    def answer(self, path: str, query: dict[str, list[str]], start_response: Callable[..., Any]) -> list[bytes]:
        """The guide, the overlay while the last build failed, or the file from site/ for a clean path."""
        name = guide.guide_name(path)
        if name:
            text = guide.page(self.options.root / "docs", name) or guide.page(guide.BUNDLED, name)
            if text is not None:
                return self.respond(start_response, "200 OK", text.encode("utf-8"), "text/html; charset=utf-8")
        out = self.options.out.resolve()
        target = (out / path.lstrip("/")).resolve()
        if not target.is_relative_to(out):  # a symlink in the output folder that leads out of it
            return self.respond(start_response, "403 Forbidden", "Ditolak: berkas ini di luar folder situs.\n".encode("utf-8"), PLAIN)
        if target.is_dir() and not path.endswith("/"):  # the Location is built from the folder, never from the request
            start_response("301 Moved Permanently", [("Location", quote(f"/{target.relative_to(out).as_posix()}/".replace("/./", "/")))])
            return [b""]
        if target.is_dir():
            target = target / "index.html"
        page = target.suffix == ".html" or not target.suffix
        problems = self.state.problems
        if problems and page and LAST_GOOD not in query:
            return self.respond(start_response, "200 OK", overlay(problems, target.is_file()).encode("utf-8"), "text/html; charset=utf-8")
        fresh = self.fresh.get(target.relative_to(out).as_posix())
        if fresh and LAST_GOOD not in query:
            return self.respond(start_response, "200 OK", fresh[1], "text/html; charset=utf-8")
        if target.is_file():
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            kind += "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "javascript")) else ""
            return self.respond(start_response, "200 OK", target.read_bytes(), kind)
        return self.not_found(start_response)

    def not_found(self, start_response: Callable[..., Any]) -> list[bytes]:
        """The site's own 404 page, or a line of text before the first good build."""
        missing = self.options.out / "404.html"
        try:
            body = missing.read_bytes()
        except OSError:
            body = "Halaman tidak ditemukan.".encode("utf-8")
        return self.respond(start_response, "404 Not Found", body, "text/html; charset=utf-8")

    @staticmethod
    def respond(start_response: Callable[..., Any], status: str, body: bytes, kind: str) -> list[bytes]:
        """A complete response that browsers must not cache (the preview changes all the time)."""
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]


def editor_url(preview: Preview) -> str:
    """The address that opens the editor: it carries the run's token, which the editor then keeps in a cookie."""
    return f"http://127.0.0.1:{preview.port}/_admin/?token={preview.token}"


def build_elsewhere(options: Options) -> tuple[str, Any]:
    """Run one build in a fresh process: ("ok", (stats, baseline)), ("gagal", problems) or ("galat", text)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # a fork of this threaded server could inherit held locks
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_build_here, args=(options, send))  # not a daemon: its build may start a pool
    child.start()
    send.close()
    try:
        outcome = receive.recv()
    except EOFError:  # the process ended without a word (killed, out of memory)
        outcome = ("galat", f"proses build berhenti dengan kode {child.exitcode}")
    finally:
        receive.close()
        child.join()
    return outcome


def _build_here(options: Options, send: Any) -> None:
    """The build process: one build, its outcome sent back to the preview."""
    from terang.build.pipeline import build
    from terang.preview.quick import Baseline

    try:
        os.nice(10)  # background work: the preview's own answers to the browser (the edited page at once) come first
    except (AttributeError, OSError):  # no nice() on Windows
        pass
    try:
        result = build(options)
    except BuildFailed as failed:
        outcome: tuple[str, Any] = ("gagal", tuple(failed.problems))
    except KeyboardInterrupt:  # Ctrl+C reaches the whole process group; the preview says goodbye
        return
    except Exception as exc:
        outcome = ("galat", f"{type(exc).__name__}: {exc}")
    else:
        baseline = Baseline(result.site, result.targets, options.drafts, options.future) if result.targets else None
        outcome = ("ok", (result.stats, baseline))
    try:
        send.send(outcome)
        send.close()
    except OSError:  # the preview was stopped while this build ran; the site is written all the same
        pass


def run_server(preview: Preview, port: int, open_browser: bool = False) -> int:
    """Serve until Ctrl+C; the watcher thread rebuilds and tells browsers to reload (`open_browser`: open the
    preview in the default browser once the server listens)."""
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    loop = IOLoop.current()
    preview.on_build = lambda: loop.add_callback(LiveReloadHandler.reload_waiters, "*")
    server = preview_server(preview)
    server.watch(str(preview.options.root / "situs.yml"), delay="forever")  # our own watcher rebuilds
    stop = threading.Event()
    for work in (preview.watch, preview.rebuild):
        threading.Thread(target=work, args=(stop,), daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    # printed by the loop once it runs, i.e. after the port is really listening
    loop.add_callback(print, f"Pratinjau berjalan di {url} (panduan editor: {url}{guide.PREFIX[1:]}). Tekan Ctrl+C untuk berhenti.", flush=True)
    loop.add_callback(print, f"Editor: {editor_url(preview)}", flush=True)
    try:
        server.serve(port=port, host=BIND, debug=False, restart_delay=0, open_url_delay=0.5 if open_browser else None)
    except OSError as exc:
        print(f"Pratinjau tidak dapat dimulai di port {port}: {exc.strerror}. Pakai port lain, misalnya: python build.py serve --port {port + 1}", file=sys.stderr)
        return 1
    finally:
        stop.set()
    print("Pratinjau dihentikan.", flush=True)
    return 0


def preview_server(preview: Preview) -> Any:
    """A livereload Server whose routes are `handlers()`: the preview's own, not livereload's."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado import web

    class PreviewServer(Server):
        def _setup_logging(self) -> None:  # livereload logs in English on every request
            logging.getLogger("livereload").setLevel(logging.ERROR)

        def application(self, port: int, host: str, liveport: Any = None, debug: Any = None, live_css: bool = True) -> None:
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css
            web.Application(handlers(preview, port), debug=False).listen(port, address=host, max_body_size=MAX_BODY)

    return PreviewServer(app=preview.app)


def handlers(preview: Preview, port: int) -> list[tuple]:
    """The tornado routes: the reload websocket and its script, the editor (terang.preview.admin), then the site.

    Every route checks the Host header, and the websocket checks the Origin: livereload accepts
    any Origin on its websocket and serves any Host, and tornado skips the Origin check when
    Origin and Host name the same (rebound) domain: so the Host is checked first, on the
    websocket and its script too. livereload's /forcereload is left out. The editor's routes
    come before the site's catch-all and bypass the WSGI app, which adds the reload script.
    """
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from livereload.server import LiveScriptContainer
    from tornado import web

    from terang.preview.admin import routes as editor_routes

    hosts = preview.hosts

    class HostGuard(web.RequestHandler):
        def prepare(self) -> Any:
            if not host_allowed(self.request.headers.get("Host"), hosts):
                self.set_status(403)
                self.set_header("Content-Type", PLAIN)
                self.set_header("Cache-Control", "no-store")
                return self.finish(forbidden_host_text(preview.port))
            return super().prepare()

    class Socket(HostGuard, LiveReloadHandler):
        def check_origin(self, origin: str) -> bool:
            return origin_allowed(origin, hosts)

    class Script(HostGuard, LiveReloadJSHandler):
        pass

    class Site(HostGuard, web.FallbackHandler):  # checked here too: tornado's WSGI bridge fails on a Host like "x:y"
        pass

    fallback = LiveScriptContainer(preview.app, LIVE_SCRIPT.replace("PORT", str(port)).encode("utf-8"))
    return [(r"/livereload", Socket), (r"/livereload\.js", Script), *editor_routes(preview, HostGuard), (r".*", Site, {"fallback": fallback})]
