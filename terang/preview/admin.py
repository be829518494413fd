"""The editor at /_admin/ of the preview: Decap CMS's page and files, its config, and the local backend (cms_api).

Served by the preview's own tornado server beside the site, never through the WSGI site app (which
adds the reload script: the editor would reload on every build) and never written into site/.
Decap CMS comes from the npm package in Terang's folder (node_modules/decap-cms/dist), never from
a CDN. Safe by default: the preview answers only on 127.0.0.1 and checks the Host header (the
HostGuard of terang.preview.server); every route here also wants the run's token, given once in
the address `serve` prints (?token=...) and then kept in an HttpOnly, SameSite=Strict cookie (or
sent as `Authorization: Bearer`); the API takes only JSON POSTs from the preview's own origin.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

import terang
from terang.preview.cms_api import Backend

TERANG = Path(terang.__file__).resolve().parent.parent  # the folder of Terang's package.json
DECAP = TERANG / "node_modules" / "decap-cms" / "dist"
PREFIX = "/_admin/"
API = PREFIX + "api/v1"
MAX_BODY = 20 * 1024 * 1024  # bytes of one API request: an upload of about 15 MB in base64
PLAIN = "text/plain; charset=utf-8"
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm",
         ".map": "application/json; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
FLAG = "window.CMS_MANUAL_INIT = true;"  # Decap waits for CMS.init() instead of fetching a config.yml
START = 'CMS.init({config: JSON.parse(document.getElementById("konfigurasi-editor").textContent)});'


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


# Everything the editor loads comes from this server (the inline scripts by their hash); no page may frame it.
POLICY = ("default-src 'self'; " f"script-src 'self' {script_hash(FLAG)} {script_hash(START)} 'unsafe-eval' 'wasm-unsafe-eval'; "
          "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; "
          "connect-src 'self' blob: data:; worker-src 'self' blob:; frame-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = {"Cache-Control": "no-store", "Content-Security-Policy": POLICY, "X-Frame-Options": "DENY",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
# Decap's grey text (#798291 on white, 3.9:1) and white on its cyan Publish button (3.0:1) fall short of
# WCAG 1.4.3 (4.5:1): the same elements in darker shades (7.2:1 and 5.9:1). Decap's class names carry its
# component names after a hash, so the rules match on those names.
CONTRAST = ("[class*='AppHeaderButton'],[class*='AppHeaderSiteLink'],a[data-testid],[class*='grayText']{color:#4a5261!important}"
            "a[data-testid].active,a[data-testid][aria-current]{color:#2452a6!important}"
            "[class*='PublishButton']{background-color:#0f6e7d!important}")
PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Editor Terang</title>
<style>{contrast}</style>
<script>{flag}</script>
<script src="{prefix}decap/decap-cms.js"></script>
</head>
<body>
<script type="application/json" id="konfigurasi-editor">{config}</script>
<script>{start}</script>
</body>
</html>
"""
MISSING = """<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>Editor belum terpasang</title></head>
<body>
<h1>Editor belum terpasang</h1>
<p>Berkas editor (Decap CMS) tidak ditemukan di <code>{folder}</code>.</p>
<p>Jalankan <code>npm ci</code> di folder Terang (<code>{terang}</code>), lalu muat ulang halaman ini.</p>
</body>
</html>
"""


def forbidden_text(port: int) -> str:
    """Why a request without the run's token is refused, and where the token is."""
    return (f"Ditolak: editor hanya dapat dibuka dengan alamat bertoken yang dicetak oleh 'python build.py serve' "
            f"(baris 'Editor: http://127.0.0.1:{port}/_admin/?token=...'). Buka alamat itu lagi.\n")


def matches(given: str | None, token: str) -> bool:
    """Whether `given` is the run's token (compared in constant time)."""
    return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def page(config: dict) -> str:
    """The editor's page: Decap CMS from this server, started with the generated config (no config file is fetched)."""
    data = json.dumps({**config, "load_config_file": False}, ensure_ascii=False).replace("<", "\\u003c")
    return PAGE.format(flag=FLAG, prefix=PREFIX, config=data, start=START, contrast=CONTRAST)


def decap_files() -> set[str]:
    """The names of the files of Decap's dist folder (none when it is not installed)."""
    try:
        with os.scandir(DECAP) as entries:
            return {e.name for e in entries if not e.name.startswith(".") and e.is_file(follow_symlinks=False)}
    except OSError:
        return set()


def editor_config(root: Path, api_url: str) -> dict:
    """Decap's config for the project, generated from Terang's field declarations (terang.preview.cms_config)."""
    from terang.preview.cms_config import cms_config  # its own module: the page works without it in tests

    return cms_config(root, api_url)


def routes(preview: Any, guard: type) -> list[tuple]:
    """The editor's tornado routes, to be placed before the site's catch-all; `guard` is the preview's HostGuard handler."""
    import yaml
    from tornado.ioloop import IOLoop

    cookie = f"terang_editor_{preview.port}"  # cookies do not tell ports apart: one per preview
    root = preview.options.root

    class Admin(guard):  # type: ignore[misc, valid-type]
        answers_json = False

        def prepare(self) -> Any:
            refused = super().prepare()
            if self._finished:
                return refused
            for name, value in HEADERS.items():
                self.set_header(name, value)
            if self.welcome() or self.allowed():
                return None
            return self.refuse(403, forbidden_text(preview.port))

        def welcome(self) -> bool:
            return False

        def bearer(self) -> bool:
            header = self.request.headers.get("Authorization", "")
            return header.startswith("Bearer ") and matches(header[len("Bearer "):], preview.token)

        def allowed(self) -> bool:
            return matches(self.get_cookie(cookie), preview.token) or self.bearer()

        def refuse(self, status: int, message: str) -> Any:
            self.clear_header("Etag")
            self.set_status(status)
            if self.answers_json:
                self.set_header("Content-Type", "application/json; charset=utf-8")
                return self.finish(json.dumps({"error": message.strip()}, ensure_ascii=False))
            self.set_header("Content-Type", PLAIN)
            return self.finish(message)

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            reason = kwargs.get("exc_info", (None, None))[1]
            message = {404: "Tidak ditemukan.\n", 405: "Cara permintaan ini tidak dipakai di alamat ini.\n"}.get(
                status_code, f"Editor berhenti karena kesalahan di dalam Terang ({type(reason).__name__}: {reason}); laporkan ke pengembang.\n")
            self.refuse(status_code, message)

    class Page(Admin):
        def welcome(self) -> bool:
            return self.get_query_argument("token", None) is not None

        def get(self) -> None:
            given = self.get_query_argument("token", None)
            if given is not None:
                if not matches(given, preview.token):
                    return self.refuse(403, forbidden_text(preview.port))
                self.set_cookie(cookie, preview.token, path=PREFIX, httponly=True, samesite="Strict")
                return self.redirect(PREFIX)  # the token leaves the address bar and the history
            self.set_header("Content-Type", "text/html; charset=utf-8")
            if "decap-cms.js" not in decap_files():
                self.set_status(503)
                return self.finish(MISSING.format(folder=DECAP, terang=TERANG))
            self.finish(page(editor_config(root, f"http://{self.request.host}{API}")))

    class Config(Admin):
        def get(self) -> None:
            config = editor_config(root, f"http://{self.request.host}{API}")
            self.set_header("Content-Type", "text/yaml; charset=utf-8")
            self.finish(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))

    class Decap(Admin):
        def get(self, name: str) -> None:
            if name not in decap_files():  # by exact name: no path, no other folder
                return self.refuse(404, "Tidak ditemukan.\n")
            self.set_header("Content-Type", TYPES.get(os.path.splitext(name)[1], "application/octet-stream"))
            self.set_header("Cache-Control", "no-cache")  # asked again each time, answered 304 while unchanged
            self.finish((DECAP / name).read_bytes())

    class Api(Admin):
        answers_json = True

        async def post(self) -> None:
            origin = self.request.headers.get("Origin")
            if origin is None and not self.bearer() or origin is not None and origin.lower() != f"http://{self.request.host}".lower():
                return self.refuse(403, "Ditolak: permintaan ke editor hanya boleh datang dari halaman editor pratinjau ini.")
            kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind != "application/json":
                return self.refuse(415, "Ditolak: permintaan ke editor harus berupa JSON (Content-Type: application/json).")
            if len(self.request.body) > MAX_BODY:
                return self.refuse(413, f"Ditolak: permintaan lebih dari {MAX_BODY // 1024 // 1024} MB; perkecil berkasnya.")
            try:
                request = json.loads(self.request.body)
            except ValueError:
                return self.refuse(400, "Ditolak: isi permintaan bukan JSON yang sah.")
            backend = Backend(root)
            status, answer = await IOLoop.current().run_in_executor(None, backend.answer, request)
            self.set_status(status)
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps(answer, ensure_ascii=False))

    class Missing(Admin):
        def get(self) -> None:
            self.refuse(404, "Tidak ditemukan.\n")

    class Bare(guard):  # type: ignore[misc, valid-type]
        def get(self) -> None:
            self.redirect(PREFIX + (f"?{self.request.query}" if self.request.query else ""))

    return [(PREFIX[:-1], Bare), (PREFIX, Page), (PREFIX + r"config\.yml", Config), (PREFIX + r"decap/([^/]*)", Decap),
            (API, Api), (PREFIX + r".*", Missing)]
