"""The editor at /_admin/ of the preview: its token, Host and Origin checks, and Decap's local-backend API.

The preview's own tornado routes (terang.preview.server.handlers) run in a thread of this process on
a free port; one test starts the real `python build.py serve`.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import http.client
import json
import re
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from PIL import Image

from conftest import Project
from helpers import NIK, WAIT, Server, free_port, picture, tree
from terang.cli import new
from terang.inputs.frontmatter import BODY_HINT
from terang.preview import admin

SMALL_CONFIG = {"backend": {"name": "proxy"}, "media_folder": "content/gambar", "collections": []}
NEWS = "content/berita/kabar-baik.md"
NEWS_TEXT = "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi berita dengan [[angka:peserta]].\n"
JSON = {"Content-Type": "application/json; charset=utf-8"}


class Editor:
    """A running preview's editor, asked over HTTP like a browser (or a test with the Bearer header) would."""

    def __init__(self, port: int, token: str, root: Path) -> None:
        self.port, self.token, self.root = port, token, root
        self.own = f"127.0.0.1:{port}"
        self.bearer = {"Authorization": f"Bearer {token}"}

    def send(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None,
             host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """One request with exactly this path, Host and headers (urllib would normalise them)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host or self.own)
            for key, value in {**(headers or {}), **({"Content-Length": str(len(body))} if method == "POST" else {})}.items():
                connection.putheader(key, value)
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def api(self, action: str, params: dict | None = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """One call of the local-backend protocol, as Decap's proxy backend sends it."""
        body = json.dumps({"branch": "main", "action": action, "params": {"branch": "main", **(params or {})}}).encode()
        status, _, answer = self.send("POST", "/_admin/api/v1", body, headers if headers is not None else {**JSON, **self.bearer})
        return status, json.loads(answer)

    def save(self, path: str, raw: str, assets: list[dict] | None = None) -> tuple[int, Any]:
        """persistEntry of one file, as Decap sends it when an editor presses Publish."""
        return self.api("persistEntry", {"dataFiles": [{"path": path, "slug": Path(path).stem, "raw": raw}], "assets": assets or [],
                                         "options": {"newEntry": True, "commitMessage": f"Create {path}", "useWorkflow": False, "status": ""}})

    def upload(self, path: str, data: bytes) -> tuple[int, Any]:
        return self.api("persistMedia", {"asset": {"path": path, "content": base64.b64encode(data).decode(), "encoding": "base64"},
                                         "options": {"commitMessage": f"Upload {path}"}})


@pytest.fixture
def editor(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[Editor]:
    """The preview's routes on a free port, with a small Decap config in place of the generated one."""
    from tornado import web
    from tornado.ioloop import IOLoop

    from terang.build.pipeline import Options
    from terang.preview.server import MAX_BODY, Preview, handlers

    monkeypatch.setattr(admin, "editor_config", lambda root, api_url: {**SMALL_CONFIG, "backend": {"name": "proxy", "proxy_url": api_url}})
    port = free_port()
    preview = Preview(Options(root=project.path, out=project.path / "site"), quiet=True, port=port)
    started = threading.Event()
    running: dict[str, Any] = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        running["server"] = web.Application(handlers(preview, port)).listen(port, address="127.0.0.1", max_body_size=MAX_BODY)
        running["loop"] = loop
        IOLoop.current()
        started.set()
        loop.run_forever()
        running["server"].stop()
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(WAIT)
    yield Editor(port, preview.token, project.path)
    running["loop"].call_soon_threadsafe(running["loop"].stop)
    thread.join(WAIT)


def forbidden(port: int) -> str:
    return (f"Ditolak: editor hanya dapat dibuka dengan alamat bertoken yang dicetak oleh 'python build.py serve' "
            f"(baris 'Editor: http://127.0.0.1:{port}/_admin/?token=...'). Buka alamat itu lagi.\n")


def cookie_of(headers: dict[str, str]) -> str:
    return headers["set-cookie"].split(";")[0]


# --- token, Host, Origin --------------------------------------------------------------------------------

def test_the_editor_wants_the_runs_token_and_keeps_it_in_a_strict_cookie(editor: Editor) -> None:
    name = f"terang_editor_{editor.port}"
    for path in ("/_admin/", "/_admin/config.yml", "/_admin/decap/decap-cms.js", "/_admin/tidak-ada"):
        assert editor.send("GET", path)[0::2] == (403, forbidden(editor.port).encode()), path
        assert editor.send("GET", path, headers={"Cookie": f"{name}=salah"})[0] == 403, path
        assert editor.send("GET", path, headers={"Authorization": "Bearer salah"})[0] == 403, path
    status, headers, _ = editor.send("GET", "/_admin/?token=salah")
    assert status == 403 and "set-cookie" not in headers
    assert editor.send("GET", "/_admin/?token=")[0] == 403

    status, headers, _ = editor.send("GET", f"/_admin/?token={editor.token}")
    assert status == 302 and headers["location"] == "/_admin/"  # the token leaves the address bar
    assert headers["set-cookie"] == f"{name}={editor.token}; HttpOnly; Path=/_admin/; SameSite=Strict"
    status, headers, page = editor.send("GET", "/_admin/", headers={"Cookie": cookie_of(headers)})
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store" and headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"] and "connect-src 'self'" in headers["content-security-policy"]
    assert editor.send("GET", "/_admin")[0::2] == (302, b"")  # the bare folder goes to the page, which checks the token


def test_the_page_starts_decap_from_this_server_with_the_config_inline(editor: Editor) -> None:
    status, _, body = editor.send("GET", "/_admin/", headers=editor.bearer)
    page = body.decode()
    assert status == 200
    assert '<script>window.CMS_MANUAL_INIT = true;</script>\n<script src="/_admin/decap/decap-cms.js"></script>' in page
    assert '<script>CMS.init({config: JSON.parse(document.getElementById("konfigurasi-editor").textContent)});</script>' in page
    config = json.loads(re.search(r'<script type="application/json" id="konfigurasi-editor">(.*?)</script>', page).group(1))
    assert config == {**SMALL_CONFIG, "backend": {"name": "proxy", "proxy_url": f"http://{editor.own}/_admin/api/v1"}, "load_config_file": False}
    assert "livereload" not in page and "http" not in page.replace(f"http://{editor.own}/", "")  # no other host, no reload script
    status, headers, body = editor.send("GET", "/_admin/config.yml", headers=editor.bearer)
    assert (status, headers["content-type"]) == (200, "text/yaml; charset=utf-8")
    assert body.decode() == f"backend:\n  name: proxy\n  proxy_url: http://{editor.own}/_admin/api/v1\nmedia_folder: content/gambar\ncollections: []\n"


def test_the_page_and_config_yml_carry_the_config_generated_for_the_project(editor: Editor, monkeypatch: pytest.MonkeyPatch) -> None:
    from terang.preview.cms_config import cms_config

    monkeypatch.undo()  # the generated config, not the small one
    api_url = f"http://{editor.own}/_admin/api/v1"
    page = editor.send("GET", "/_admin/", headers=editor.bearer)[2].decode()
    inline = json.loads(re.search(r'<script type="application/json" id="konfigurasi-editor">(.*?)</script>', page).group(1))
    assert inline == {**cms_config(editor.root, api_url), "load_config_file": False}
    assert inline["backend"] == {"name": "proxy", "proxy_url": api_url, "branch": "main"}
    assert editor.send("GET", "/_admin/config.yml", headers=editor.bearer)[2].decode() == yaml.safe_dump(
        cms_config(editor.root, api_url), allow_unicode=True, sort_keys=False)


def test_without_decap_installed_the_page_says_to_run_npm_ci(editor: Editor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(admin, "DECAP", tmp_path / "tidak-ada")
    status, _, body = editor.send("GET", "/_admin/", headers=editor.bearer)
    assert status == 503
    assert "<h1>Editor belum terpasang</h1>" in body.decode()
    assert f"Jalankan <code>npm ci</code> di folder Terang (<code>{admin.TERANG}</code>)" in body.decode()


@pytest.mark.parametrize("host", ["penyerang.example:{port}", "127.0.0.1.nip.io:{port}", "127.0.0.1:1", "x:y", "localhost"])
def test_every_editor_route_checks_the_host_even_with_the_token(editor: Editor, host: str) -> None:
    refused = f"Ditolak: pratinjau hanya melayani http://127.0.0.1:{editor.port}/ (atau http://localhost:{editor.port}/).\n".encode()
    host = host.format(port=editor.port)
    for path in ("/_admin/", f"/_admin/?token={editor.token}", "/_admin/decap/decap-cms.js", "/_admin/config.yml"):
        assert editor.send("GET", path, headers=editor.bearer, host=host)[0::2] == (403, refused), path
    body = json.dumps({"action": "info"}).encode()
    assert editor.send("POST", "/_admin/api/v1", body, {**JSON, **editor.bearer, "Origin": f"http://{host}"}, host=host)[0::2] == (403, refused)


def test_the_api_answers_json_posts_from_the_editors_own_origin_only(editor: Editor) -> None:
    cookie = {"Cookie": f"terang_editor_{editor.port}={editor.token}"}
    info = {"repo": "proyek", "publish_modes": ["simple"], "type": "local_fs"}
    assert editor.api("info", headers={**JSON, **cookie, "Origin": f"http://{editor.own}"}) == (200, info)  # as the browser sends it
    assert editor.api("info", headers={**JSON, **cookie, "Origin": f"http://localhost:{editor.port}"})[0] == 403  # not the page's own origin
    refused = {"error": "Ditolak: permintaan ke editor hanya boleh datang dari halaman editor pratinjau ini."}
    for origin in ("http://penyerang.example", "null", f"http://{editor.own}.penyerang.example", f"https://{editor.own}"):
        assert editor.api("info", headers={**JSON, **cookie, "Origin": origin}) == (403, refused), origin
        assert editor.api("info", headers={**JSON, **editor.bearer, "Origin": origin}) == (403, refused), origin
    assert editor.api("info", headers={**JSON, **cookie}) == (403, refused)  # a cookie alone is not enough without the Origin
    assert editor.api("info", headers={**JSON, "Origin": f"http://{editor.own}"}) == (403, {"error": forbidden(editor.port).strip()})
    assert editor.api("info", headers={"Content-Type": "text/plain", **editor.bearer}) == (
        415, {"error": "Ditolak: permintaan ke editor harus berupa JSON (Content-Type: application/json)."})
    status, _, body = editor.send("POST", "/_admin/api/v1", b"{bukan json", {**JSON, **editor.bearer})
    assert (status, json.loads(body)) == (400, {"error": "Ditolak: isi permintaan bukan JSON yang sah."})
    status, _, body = editor.send("POST", "/_admin/api/v1", b" " * (admin.MAX_BODY + 1), {**JSON, **editor.bearer})
    assert (status, json.loads(body)) == (413, {"error": "Ditolak: permintaan lebih dari 20 MB; perkecil berkasnya."})
    status, _, body = editor.send("GET", "/_admin/api/v1", headers=editor.bearer)
    assert (status, json.loads(body)) == (405, {"error": "Cara permintaan ini tidak dipakai di alamat ini."})


# --- reading -------------------------------------------------------------------------------------------

def test_entries_come_back_in_decap_servers_shapes(editor: Editor) -> None:
    news = {"data": NEWS_TEXT, "file": {"path": NEWS, "id": hashlib.sha256(NEWS_TEXT.encode()).hexdigest()}}
    assert editor.api("entriesByFolder", {"folder": "content/berita", "extension": "md", "depth": 1}) == (200, [news])
    assert editor.api("getEntry", {"path": NEWS}) == (200, news)
    missing = {"data": None, "file": {"path": "content/berita/belum-ada.md", "label": "Belum", "id": None}}
    assert editor.api("entriesByFiles", {"files": [{"path": NEWS}, {"path": "content/berita/belum-ada.md", "label": "Belum"}]}) == (200, [news, missing])
    status, entries = editor.api("entriesByFolder", {"folder": "data", "extension": "yml", "depth": 1})
    assert status == 200 and [e["file"]["path"] for e in entries] == ["data/angka_kunci.yml", "data/per-desa.yml"]
    assert editor.api("getDeployPreview", {"collection": "berita", "slug": "kabar-baik"}) == (200, None)
    assert editor.api("getMedia", {"mediaFolder": "content/gambar"}) == (200, [])


def test_the_body_hint_of_new_is_terangs_and_never_reaches_the_form(editor: Editor, project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert new.main(["berita", "Iuran Nelayan", "--proyek", str(project.path)]) == 0
    capsys.readouterr()
    written = (project.path / "content/berita/iuran-nelayan.md").read_text(encoding="utf-8")
    status, entry = editor.api("getEntry", {"path": "content/berita/iuran-nelayan.md"})
    assert status == 200 and BODY_HINT in written
    assert entry["data"] == written.replace(BODY_HINT, "")


def test_the_workflow_and_unknown_actions_are_refused(editor: Editor) -> None:
    for action in ("unpublishedEntries", "unpublishedEntry", "publishUnpublishedEntry", "updateUnpublishedEntryStatus", "deleteUnpublishedEntry"):
        status, answer = editor.api(action, {"collection": "berita", "slug": "kabar-baik"})
        assert status == 422 and answer["error"].startswith("alur kerja editorial (draf, tinjauan, terbit lewat pull request) tidak ada di editor pratinjau")
    assert editor.save(NEWS, NEWS_TEXT)[0] == 200
    status, answer = editor.api("persistEntry", {"dataFiles": [{"path": NEWS, "slug": "kabar-baik", "raw": NEWS_TEXT}], "assets": [],
                                                 "options": {"commitMessage": "x", "useWorkflow": True, "status": "draft"}})
    assert status == 422 and answer["error"].startswith("alur kerja editorial")
    assert editor.api("getNotes", {}) == (422, {"error": "tindakan 'getNotes' tidak dikenal oleh editor pratinjau"})


# --- saving entries ------------------------------------------------------------------------------------

DECAP_NEWS = "---\njudul: Iuran Nelayan Mulai Dibayar\ntanggal: 2025-12-09\nringkasan: Tulis ringkasan satu atau dua kalimat.\ntopik:\n  - jaminan sosial\ndraf: true\n---\n{body}"
DECAP_REGULATION = "---\njenis: Peraturan Bupati Contoh\nnomor: '7'\ntahun: 2024\ntentang: 'Perlindungan: Nelayan'\nstatus: berlaku\n---\nPenjelasan.\n"
DECAP_PAGE = "---\njudul: Cara Mendaftar\nringkasan: Tulis satu kalimat tentang isi halaman ini.\ndraf: true\n---\nLangkahnya.\n"


@pytest.mark.parametrize("kind, title, raw, body", [
    ("berita", "Iuran Nelayan Mulai Dibayar", DECAP_NEWS.format(body="Iuran untuk 30 nelayan dibayar APBD.\n"), "Iuran untuk 30 nelayan dibayar APBD.\n"),
    ("berita", "Iuran Nelayan Mulai Dibayar", DECAP_NEWS.format(body=""), ""),
    ("regulasi", "Peraturan Bupati Contoh Nomor 7 Tahun 2024 tentang Perlindungan: Nelayan", DECAP_REGULATION, "Penjelasan.\n"),
    ("halaman", "Cara Mendaftar", DECAP_PAGE, "Langkahnya.\n"),
])
def test_a_saved_entry_is_written_in_the_layout_new_writes(editor: Editor, project: Project, capsys: pytest.CaptureFixture[str],
                                                             kind: str, title: str, raw: str, body: str) -> None:
    slug, values = new.values_for(kind, title, dt.date(2025, 12, 9))
    path = f"content/{kind}/{slug}.md"
    assert editor.save(path, raw) == (200, {"message": "entry persisted"})
    assert (project.path / path).read_text(encoding="utf-8") == new.front_matter(kind, values) + body
    assert not [p.name for p in (project.path / path).parent.iterdir() if p.name.startswith(".")]  # no temp file left behind
    code, _, err = project.build("--drafts", capsys=capsys)
    assert code == 0, err


def test_every_value_is_written_as_the_build_reads_it(editor: Editor, project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    raw = ("---\njudul: 'Kabar: \"baru\"'\ntanggal: 2024-03-01\nringkasan: 'Dua, tiga # bukan komentar'\ntopik:\n  - nelayan\n  - 'a, b'\n  - '2024'\n"
           "gambar: ''\ndraf: false\nsumber:\n  - url: https://contoh.go.id/berita/1?a=b\n    nama: Dinas Contoh\n    tanggal: 2024-01-05\n  - Radio Contoh\n"
           "regulasi:\n  - perbup-1-2024\n---\nIsi.\n")
    assert editor.save("content/berita/kabar-baru.md", raw)[0] == 200
    text = (project.path / "content/berita/kabar-baru.md").read_text(encoding="utf-8")
    keys = [line.split("  # ")[0] for line in text.splitlines()[2:11]]
    assert keys == [
        'judul: "Kabar: \\"baru\\""', "tanggal: 2024-03-01", 'ringkasan: "Dua, tiga # bukan komentar"', 'topik: [nelayan, "a, b", "2024"]',
        '# gambar: ""', '# gambar_alt: ""', "draf: false",
        "sumber: [{nama: Dinas Contoh, url: https://contoh.go.id/berita/1?a=b, tanggal: 2024-01-05}, Radio Contoh]", "regulasi: [perbup-1-2024]",
    ]
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    assert "<h1>Kabar: &#34;baru&#34;</h1>" in project.page("berita/kabar-baru/index.html")


def test_an_invalid_date_is_refused_with_the_builds_message_and_nothing_is_written(editor: Editor, project: Project) -> None:
    raw = DECAP_NEWS.format(body="Isi.\n").replace("2025-12-09", "2025-02-30")
    assert editor.save("content/berita/iuran.md", raw) == (422, {"error": (
        "Tidak disimpan:\ncontent/berita/iuran.md:4: 'tanggal' bukan tanggal yang sah: '2025-02-30' tidak ada di kalender (contoh: 2025-12-09)")})
    assert not (project.path / "content/berita/iuran.md").exists()
    assert editor.save(NEWS, raw)[0] == 422  # an existing entry keeps its bytes
    assert (project.path / NEWS).read_text(encoding="utf-8") == NEWS_TEXT
    assert sorted(p.name for p in (project.path / "content/berita").iterdir()) == ["kabar-baik.md"]


def test_every_problem_of_a_save_is_listed_with_its_line(editor: Editor, project: Project) -> None:
    raw = (f"---\njudul: Kabar\ntanggal: 2024-01-02\nringkasan: Hubungi 0812-3456-7890.\ntopik: [uji]\ngambar: gambar/tidak-ada.png\n"
           f"regulasi: [perbup-9-2099]\njudull: x\n---\nNIK {NIK} bocor.\n")
    status, answer = editor.save("content/berita/kabar.md", raw)
    assert status == 422
    assert answer["error"].split("\n") == [
        "Tidak disimpan:",
        "content/berita/kabar.md:5: nomor telepon (0812…) yang tidak terdaftar di kontak_resmi situs.yml ditemukan; hapus nomor itu, "
        "atau tambahkan ke kontak_resmi di situs.yml jika nomor itu kontak resmi",
        "content/berita/kabar.md:12: kunci 'judull' tidak dikenal; apakah maksud Anda 'judul'?",  # after the declared keys
        "content/berita/kabar.md:15: nomor yang mirip NIK (3604…, 16 digit) ditemukan; hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)",
    ]
    assert not (project.path / "content/berita/kabar.md").exists()
    fixed = raw.replace("judull: x\n", "").replace(f"NIK {NIK} bocor", "Isi").replace("Hubungi 0812-3456-7890.", "Ringkas.")
    assert editor.save("content/berita/kabar.md", fixed)[1]["error"].split("\n")[1:] == [
        "content/berita/kabar.md:7: 'gambar' perlu 'gambar_alt': tulis apa yang tampak di gambar untuk pembaca tunanetra",
        "content/berita/kabar.md:7: berkas 'gambar/tidak-ada.png' tidak ditemukan di content/; periksa nama dan foldernya",
        "content/berita/kabar.md:11: regulasi 'perbup-9-2099' tidak ada di content/regulasi/; apakah maksud Anda 'perbup-1-2024'?",
    ]


def test_a_valid_save_is_picked_up_by_the_preview_like_a_text_edit(project: Project, tmp_path: Path) -> None:
    server = Server(project, tmp_path)
    try:
        server.wait_for("", lambda body: "Transparansi Program Contoh" in body)
        deadline = time.monotonic() + WAIT
        while "Editor: " not in server.output() and time.monotonic() < deadline:
            time.sleep(0.1)
        token = re.search(rf"^Editor: http://127\.0\.0\.1:{server.port}/_admin/\?token=([A-Za-z0-9_-]{{32}})$", server.output(), re.M).group(1)
        running = Editor(server.port, token, project.path)
        status, headers, _ = running.send("GET", f"/_admin/?token={token}")
        assert status == 302
        browser = {**JSON, "Cookie": cookie_of(headers), "Origin": f"http://{running.own}"}
        raw = DECAP_NEWS.format(body="Isi dari editor.\n").replace("draf: true\n", "")
        assert running.api("persistEntry", {"dataFiles": [{"path": "content/berita/dari-editor.md", "slug": "dari-editor", "raw": raw}], "assets": [],
                                            "options": {"commitMessage": "x", "useWorkflow": False, "status": ""}}, browser) == (200, {"message": "entry persisted"})
        page = server.wait_for("berita/dari-editor/", lambda body: "Isi dari editor." in body)
        assert "<h1>Iuran Nelayan Mulai Dibayar</h1>" in page
        assert "Berubah: content/berita/dari-editor.md. Membangun ulang..." in server.output()
        assert running.send("GET", "/_admin/decap/decap-cms.js", headers=running.bearer)[0] == 200
    finally:
        server.stop()
    site = tree(project.path / "site")
    assert "berita/dari-editor/index.html" in site
    assert [name for name in site if "admin" in name or "decap" in name] == []
    assert not [name for name, data in site.items() if b"decap-cms" in data or b"CMS_MANUAL_INIT" in data]


def test_yaml_data_is_checked_by_the_data_stages_readers(editor: Editor, project: Project) -> None:
    figures = (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8")
    decap = "angka:\n" + "".join(f"  {line}\n" for line in figures.replace("2024-01-01", "2024-02-30").splitlines())
    assert editor.save("data/angka_kunci.yml", decap) == (422, {"error": (  # the line of the file, not of the form's text
        "Tidak disimpan:\ndata/angka_kunci.yml:5: 'tanggal' bukan tanggal yang sah: '2024-02-30' tidak ada di kalender (contoh: 2025-12-09)")})
    table = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    assert editor.save("data/per-desa.yml", table.replace("per-desa.csv", "per-dusun.csv")) == (422, {"error": (
        "Tidak disimpan:\ndata/per-desa.yml:5: berkas 'per-dusun.csv' tidak ditemukan di data/; periksa nama dan foldernya")})
    assert editor.save("data/per-desa.yml", table + "judul: lagi\n") == (422, {"error": "Tidak disimpan:\ndata/per-desa.yml:9: kunci 'judul' ditulis dua kali: baris 1 dan baris 9; hapus salah satu"})
    assert (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8") == figures
    assert (project.path / "data/per-desa.yml").read_text(encoding="utf-8") == table
    assert (project.path / "data/per-desa.csv").read_text(encoding="utf-8") == "desa,jumlah\nSatu,10\nDua,20\n"  # linked into the check, never written
    assert editor.save("data/per-desa.yml", table.replace("Nelayan per desa.", "Nelayan menurut desa.")) == (200, {"message": "entry persisted"})
    assert (project.path / "data/per-desa.yml").read_text(encoding="utf-8") == table.replace("Nelayan per desa.", "Nelayan menurut desa.")
    assert list((project.path / ".cache/terang").glob("editor-*")) == []  # the checks' copies are gone


FIGURES = "# Angka yang diumumkan.\n- id: peserta\n  label: Nelayan yang dijamin\n  nilai: 30\n  satuan: orang\n  tanggal: 2024-01-01\n  sumber: [Dinas Contoh]\n"


def test_the_figures_list_is_edited_as_the_one_value_of_a_mapping(editor: Editor, project: Project) -> None:
    project.write({"data/angka_kunci.yml": FIGURES})
    status, entry = editor.api("getEntry", {"path": "data/angka_kunci.yml"})
    assert (status, entry["data"]) == (200, "angka:\n  # Angka yang diumumkan.\n  - id: peserta\n  label: Nelayan yang dijamin\n".replace(
        "\n  label", "\n    label") + "    nilai: 30\n    satuan: orang\n    tanggal: 2024-01-01\n    sumber: [Dinas Contoh]\n")
    assert entry["file"]["id"] == hashlib.sha256(FIGURES.encode()).hexdigest()
    decap = ("angka:\n  - id: peserta\n    label: Nelayan yang dijamin\n    nilai: 31\n    satuan: orang\n    tanggal: 2024-02-01\n"
             "    sumber:\n      - Dinas Contoh\n  - id: iuran\n    label: Iuran per bulan\n    nilai: 16800\n    satuan: rupiah\n"
             "    tanggal: 2024-02-01\n    sumber:\n      - Dinas Contoh\n")  # as Decap writes it
    assert editor.save("data/angka_kunci.yml", decap) == (200, {"message": "entry persisted"})
    assert (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8") == (
        "- id: peserta\n  label: Nelayan yang dijamin\n  nilai: 31\n  satuan: orang\n  tanggal: 2024-02-01\n  sumber:\n    - Dinas Contoh\n"
        "- id: iuran\n  label: Iuran per bulan\n  nilai: 16800\n  satuan: rupiah\n  tanggal: 2024-02-01\n  sumber:\n    - Dinas Contoh\n")
    assert editor.save("data/angka_kunci.yml", "angka: []\n") == (200, {"message": "entry persisted"})
    assert (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8") == "[]\n"
    assert editor.save("data/angka_kunci.yml", decap.replace("label: Iuran per bulan", "label: 'Iuran: \"per\" bulan'").replace("  - id", "- id").replace("\n    ", "\n  ")) == (
        200, {"message": "entry persisted"})  # another indentation: written again by PyYAML, as the same values
    assert "label: 'Iuran: \"per\" bulan'\n" in (project.path / "data/angka_kunci.yml").read_text(encoding="utf-8")
    assert editor.save("data/angka_kunci.yml", "angka: []\nlain: 1\n") == (
        422, {"error": "data/angka_kunci.yml: editor mengirim isi yang tidak dikenal; yang diharapkan hanya daftar 'angka'"})


# --- where the editor may write ------------------------------------------------------------------------

@pytest.mark.parametrize("path, message", [
    ("../situs.yml", "jalur '../situs.yml' tidak boleh memakai '..' untuk keluar dari folder"),
    ("/etc/passwd", "jalur '/etc/passwd' harus relatif terhadap folder proyek, bukan jalur mutlak"),
    ("content/../x.md", "jalur 'content/../x.md' tidak boleh memakai '..' untuk keluar dari folder"),
    ("content/berita/../../situs.yml", "jalur 'content/berita/../../situs.yml' tidak boleh memakai '..' untuk keluar dari folder"),
    ("content\\berita\\x.md", "jalur 'content\\berita\\x.md' harus relatif terhadap folder proyek, bukan jalur mutlak"),
    ("C:/x.md", "jalur 'C:/x.md' harus relatif terhadap folder proyek, bukan jalur mutlak"),
    ("situs.yml", "'situs.yml' tidak dapat disunting di editor; hanya Markdown di content/berita/, content/regulasi/ atau content/halaman/, "
                  "berkas .yml langsung di data/, serta gambar dan PDF di content/gambar/ atau content/berkas/"),
    ("templates/dasar.html", "'templates/dasar.html' tidak dapat disunting di editor; hanya Markdown"),
    ("data/mentah/peserta.yml", "'data/mentah/peserta.yml' tidak dapat disunting di editor; hanya Markdown"),
    ("content/berita/x.txt", "'content/berita/x.txt' tidak dapat disunting di editor; hanya Markdown"),
    ("content/gambar/x.md", "'content/gambar/x.md' tidak dapat disunting di editor; hanya Markdown"),
    ("content/berita/tautan.md", "'content/berita/tautan.md' adalah tautan simbolik atau menunjuk ke luar content/berita/; editor tidak memakainya"),
    ("content/berita/luar/x.md", "'content/berita/luar/x.md' adalah tautan simbolik atau menunjuk ke luar content/berita/; editor tidak memakainya"),
])
def test_nothing_is_read_written_or_deleted_outside_content_and_data(editor: Editor, project: Project, tmp_path: Path, path: str, message: str) -> None:
    outside = tmp_path / "luar"
    outside.mkdir()
    (project.path / "content/berita/tautan.md").symlink_to(project.path / "situs.yml")
    (project.path / "content/berita/luar").symlink_to(outside)
    before = tree(project.path) | tree(outside)
    status, answer = editor.save(path, NEWS_TEXT)
    assert status == 422 and answer["error"].startswith(message)
    assert editor.api("deleteFile", {"path": path, "options": {"commitMessage": "x"}})[0] == 422
    assert editor.api("deleteFiles", {"paths": [NEWS, path], "options": {"commitMessage": "x"}})[0] == 422  # checked all before any goes
    assert editor.api("getEntry", {"path": path}) == (422, {"error": answer["error"]})
    assert tree(project.path) | tree(outside) == before


def test_a_new_files_name_must_be_a_slug_as_the_build_wants(editor: Editor, project: Project) -> None:
    assert editor.save("content/berita/Kabar Baru.md", NEWS_TEXT) == (422, {"error": (
        "Tidak disimpan:\ncontent/berita/Kabar Baru.md: nama berkas 'Kabar Baru' tidak bisa menjadi alamat halaman; "
        "ganti namanya menjadi 'kabar-baru' (huruf kecil, angka dan tanda hubung)")})
    assert editor.save(f"content/berita/ktp-{NIK}.md", NEWS_TEXT) == (422, {"error": (
        "Tidak disimpan:\ncontent/berita/ktp-3604….md: nomor yang mirip NIK (3604…, 16 digit) ditemukan di nama berkas atau folder; "
        "hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022); ganti nama berkasnya")})
    assert sorted(p.name for p in (project.path / "content/berita").iterdir()) == ["kabar-baik.md"]


def test_entries_and_media_are_deleted_inside_content(editor: Editor, project: Project) -> None:
    project.write({"content/gambar/lama.png": picture("PNG")})
    assert editor.api("deleteFiles", {"paths": [NEWS, "content/gambar/lama.png"], "options": {"commitMessage": "x"}}) == (
        200, {"message": f"deleted files {NEWS}, content/gambar/lama.png"})
    assert not (project.path / NEWS).exists() and not (project.path / "content/gambar/lama.png").exists()
    assert editor.api("deleteFile", {"path": NEWS, "options": {"commitMessage": "x"}}) == (200, {"message": f"deleted file {NEWS}"})  # gone already


# --- uploads -------------------------------------------------------------------------------------------

def exif(description: str) -> Image.Exif:
    tags = Image.Exif()
    tags[0x010E] = description  # ImageDescription
    return tags


def test_a_clean_picture_is_written_to_content_gambar(editor: Editor, project: Project) -> None:
    data = picture("PNG")
    file = {"id": hashlib.sha256(data).hexdigest(), "name": "kantor-dinas.png", "path": "content/gambar/kantor-dinas.png",
            "content": base64.b64encode(data).decode(), "encoding": "base64"}
    assert editor.upload("content/gambar/kantor-dinas.png", data) == (200, file)
    assert (project.path / "content/gambar/kantor-dinas.png").read_bytes() == data
    assert editor.api("getMedia", {"mediaFolder": "content/gambar"}) == (200, [file])
    assert editor.api("getMediaFile", {"path": "content/gambar/kantor-dinas.png"}) == (200, file)


@pytest.mark.parametrize("path, data, message", [
    ("content/gambar/foto.jpg", picture("JPEG", exif=exif(f"KTP {NIK}")),
     "content/gambar/foto.jpg: nomor yang mirip NIK (3604…, 16 digit) ditemukan di metadata gambar; hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)"),
    (f"content/gambar/ktp-{NIK}.png", picture("PNG"),
     "content/gambar/ktp-3604….png: nomor yang mirip NIK (3604…, 16 digit) ditemukan di nama berkas atau folder; hapus nomor itu; "
     "data pribadi tidak boleh terbit (UU 27/2022); ganti nama berkasnya"),
    ("content/gambar/foto.png", picture("JPEG"), "content/gambar/foto.png: berkas ini bukan gambar PNG walau namanya .png; "
                                                 "simpan ulang sebagai .png atau ganti akhiran namanya"),
    ("content/berkas/surat.pdf", b"PK\x03\x04bukan pdf", "content/berkas/surat.pdf: berkas ini sebenarnya arsip ZIP (misalnya dokumen Office) "
                                                         "yang isinya tidak dapat diperiksa; ubah menjadi PDF lalu terbitkan PDF-nya"),
    ("content/gambar/Foto_Kantor.png", picture("PNG"), "content/gambar/Foto_Kantor.png: nama berkas 'Foto_Kantor' tidak bisa menjadi alamat halaman; "
                                                       "ganti namanya menjadi 'foto-kantor' (huruf kecil, angka dan tanda hubung)"),
])
def test_an_upload_the_build_would_refuse_is_not_written(editor: Editor, project: Project, path: str, data: bytes, message: str) -> None:
    assert editor.upload(path, data) == (422, {"error": f"Tidak disimpan:\n{message}"})
    assert not (project.path / path).exists()
    assert not (project.path / path).parent.exists() or list((project.path / path).parent.iterdir()) == []


def test_an_entrys_pictures_are_checked_with_it_and_kept_only_with_it(editor: Editor, project: Project) -> None:
    raw = "---\njudul: Kantor\ntanggal: 2024-03-01\nringkasan: Foto.\ntopik: [uji]\ngambar: gambar/kantor.png\ngambar_alt: {alt}\n---\nIsi.\n"
    asset = {"path": "content/gambar/kantor.png", "content": base64.b64encode(picture("PNG")).decode(), "encoding": "base64"}
    assert editor.save("content/berita/kantor.md", raw.format(alt=f"Hubungi {NIK}"), [asset])[0] == 422
    assert not (project.path / "content/gambar").exists() and not (project.path / "content/berita/kantor.md").exists()
    leaking = {**asset, "content": base64.b64encode(picture("JPEG", exif=exif(NIK))).decode(), "path": "content/gambar/kantor.jpg"}
    assert editor.save("content/berita/kantor.md", raw.format(alt="Gedung dinas"), [leaking])[0] == 422
    assert editor.save("content/berita/kantor.md", raw.format(alt="Gedung dinas"), [asset]) == (200, {"message": "entry persisted"})
    assert (project.path / "content/gambar/kantor.png").read_bytes() == picture("PNG")
    assert "gambar: \"gambar/kantor.png\"" in (project.path / "content/berita/kantor.md").read_text(encoding="utf-8")


# --- Decap's own files ---------------------------------------------------------------------------------

def test_decaps_files_are_served_by_exact_name_with_their_types(editor: Editor) -> None:
    status, headers, body = editor.send("GET", "/_admin/decap/decap-cms.js", headers=editor.bearer)
    assert (status, headers["content-type"]) == (200, "text/javascript; charset=utf-8")
    assert body == (admin.DECAP / "decap-cms.js").read_bytes()
    assert headers["cache-control"] == "no-cache"  # asked again each time: answered 304 while unchanged
    assert editor.send("GET", "/_admin/decap/decap-cms.js", headers={**editor.bearer, "If-None-Match": headers["etag"]})[0::2] == (304, b"")
    wasm = sorted(p.name for p in admin.DECAP.glob("*.wasm"))[0]
    status, headers, body = editor.send("GET", f"/_admin/decap/{wasm}", headers=editor.bearer)
    assert (status, headers["content-type"], body[:4]) == (200, "application/wasm", b"\0asm")
    for path in ("/_admin/decap/../package.json", "/_admin/decap/..%2fpackage.json", "/_admin/decap/%2e%2e%2fpackage.json",
                 "/_admin/decap/..%5cpackage.json", "/_admin/decap/", "/_admin/decap/.", "/_admin/decap/%2e%2e", "/_admin/decap/README.md",
                 "/_admin/decap/decap-cms.js%00", "/_admin/decap/dist/decap-cms.js"):
        assert editor.send("GET", path, headers=editor.bearer)[0::2] == (404, b"Tidak ditemukan.\n"), path
