"""`python build.py serve` for real: a subprocess on a free port, fetched with urllib."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest

from conftest import ROOT, Project
from helpers import WAIT, Server, call, free_port


def wait_until(ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not ready():
        assert time.monotonic() < deadline, "never became true"
        time.sleep(0.1)


@pytest.fixture
def server(project: Project, tmp_path: Path) -> Iterator[Server]:
    running = Server(project, tmp_path)
    yield running
    running.stop()


NEWS = "---\njudul: Kabar baik\ntanggal: {date}\nringkasan: Ringkas.\ntopik: [uji]\n---\n{body}\n"


def test_serve_shows_edits_then_the_error_overlay_then_the_fixed_site(server: Server, project: Project) -> None:
    home = server.wait_for("", lambda body: "Transparansi Program Contoh" in body)
    assert "/livereload.js" in home  # the reload script is added by the server...
    assert "livereload" not in project.page("index.html")  # ...never written into site/
    assert f"Pratinjau berjalan di {server.url}" in server.output()

    project.write({"content/berita/kabar-baik.md": NEWS.format(date="2024-01-02", body="Isi yang baru saja disunting.")})
    server.wait_for("berita/kabar-baik/", lambda body: "Isi yang baru saja disunting." in body)
    wait_until(lambda: "Isi yang baru saja disunting." in project.page("berita/kabar-baik/index.html"))  # the full build landed too

    project.write({"content/berita/kabar-baik.md": NEWS.format(date="2024-02-30", body="Isi rusak.")})
    overlay = server.wait_for("berita/kabar-baik/", lambda body: "Build gagal" in body)
    assert "<h1>Build gagal: 1 kesalahan</h1>" in overlay
    assert ("<li><p class=\"tempat\"><code>content/berita/kabar-baik.md</code>, baris 3</p>"
            "<p>&#x27;tanggal&#x27; bukan tanggal yang sah: &#x27;2024-02-30&#x27; tidak ada di kalender (contoh: 2025-12-09)</p></li>") in overlay
    assert '<a href="?terakhir=1">Lihat versi terakhir yang berhasil dari halaman ini</a>' in overlay
    assert '<iframe src="?terakhir=1" title="Versi terakhir yang berhasil dari halaman ini"></iframe>' in overlay
    status, last_good = server.get("berita/kabar-baik/?terakhir=1")
    assert status == 200 and "Isi yang baru saja disunting." in last_good
    assert "Isi yang baru saja disunting." in project.page("berita/kabar-baik/index.html")  # site/ kept the last good build
    assert "content/berita/kabar-baik.md:3: 'tanggal' bukan tanggal yang sah" in server.output()

    project.write({"content/berita/kabar-baik.md": NEWS.format(date="2024-02-28", body="Isi sudah diperbaiki.")})
    fixed = server.wait_for("berita/kabar-baik/", lambda body: "Isi sudah diperbaiki." in body)
    assert "Build gagal" not in fixed


def test_serve_answers_like_a_static_host(server: Server) -> None:
    server.wait_for("", lambda body: "Transparansi Program Contoh" in body)
    assert server.get("aset/gaya.css")[0] == 200
    status, body = server.get("tidak-ada/")
    assert status == 404 and "<h1>Halaman tidak ditemukan</h1>" in body
    status, body = server.get("data/per-desa/per-desa.csv")
    assert (status, body) == (200, '"desa","jumlah"\n"Satu",10\n"Dua",20\n')
    status, guide = server.get("_panduan/")
    assert status == 200 and "<h1 id=\"panduan-editor\">Panduan editor</h1>" in guide


def test_serve_tells_the_browser_to_reload_after_a_build(server: Server, project: Project) -> None:
    server.wait_for("", lambda body: "Transparansi Program Contoh" in body)
    from tornado.websocket import websocket_connect

    async def reload_message() -> dict:
        socket = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
        socket.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        hello = json.loads(await socket.read_message())
        assert hello["command"] == "hello"
        socket.write_message(json.dumps({"command": "info", "url": server.url, "plugins": {}}))  # livereload.js says this next
        project.write({  # a burst of saves: one rebuild
            "content/halaman/tentang.md": "---\njudul: Tentang kami\n---\nHalaman tentang.\n",
            "content/regulasi/perbup-1-2024.md": "---\njenis: Peraturan Bupati Contoh\nnomor: \"1\"\ntahun: 2024\ntentang: Uji coba kedua\nstatus: berlaku\n---\nPenjelasan.\n",
        })
        while True:
            message = json.loads(await asyncio.wait_for(socket.read_message(), WAIT))
            if message.get("command") == "reload":
                return message

    assert asyncio.run(reload_message())["command"] == "reload"
    server.wait_for("tentang/", lambda body: "<h1>Tentang kami</h1>" in body)
    rebuilds = [line for line in server.output().splitlines() if line.startswith("Berubah:")]
    assert rebuilds == ["Berubah: content/halaman/tentang.md (dan 1 berkas lain). Membangun ulang..."]


def test_a_busy_port_is_explained(project: Project, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "serve", "-q", "--proyek", str(project.path), "--out", str(project.path / "site"), "--port", str(port)],
            capture_output=True, text=True, timeout=WAIT,
        )
    assert result.returncode == 1
    assert result.stderr.startswith(f"Pratinjau tidak dapat dimulai di port {port}: Address already in use. Pakai port lain, misalnya: python build.py serve --port {port + 1}")


def test_the_overlay_escapes_what_it_shows_and_works_before_any_good_build(tmp_path: Path) -> None:
    from terang.errors import Problem
    from terang.build.pipeline import Options
    from terang.preview.server import Preview, State

    preview = Preview(Options(root=tmp_path, out=tmp_path / "site"), quiet=True)
    preview.state = State((Problem("content/halaman/<b>.md", 2, "kunci '<script>' tidak dikenal"),))
    status, body = call(preview, "/")
    assert status == "200 OK"
    assert "<li><p class=\"tempat\"><code>content/halaman/&lt;b&gt;.md</code>, baris 2</p><p>kunci &#x27;&lt;script&gt;&#x27; tidak dikenal</p></li>" in body
    assert "terakhir=1" not in body and "<iframe" not in body  # there is no earlier good site to show
    assert "<script" not in body


def test_the_preview_never_serves_files_outside_site(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    from terang.build.pipeline import Options
    from terang.preview.server import Preview

    project.build(capsys=capsys)
    preview = Preview(Options(root=project.path, out=project.path / "site"), quiet=True)
    assert call(preview, "/../situs.yml")[0] == "400 Bad Request"
    (project.path / "site/bocor.yml").symlink_to(project.path / "situs.yml")
    assert call(preview, "/bocor.yml") == ("403 Forbidden", "Ditolak: berkas ini di luar folder situs.\n")
    assert call(preview, "/berita")[0] == "301 Moved Permanently"
    assert call(preview, "/berita/")[0] == "200 OK"


def test_serve_with_drafts_never_writes_into_site(project: Project, tmp_path: Path) -> None:
    project.write({"content/berita/rencana.md": "---\njudul: Rencana\ntanggal: 2024-05-01\nringkasan: Belum.\ntopik: [uji]\ndraf: true\n---\nDraf.\n"})
    port = free_port()
    log = tmp_path / "draf.log"
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--drafts", "--proyek", str(project.path), "--port", str(port)],
                               cwd=project.path, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + WAIT
        while "Pratinjau berjalan" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/berita/rencana/", timeout=10) as response:
            assert "<h1>Rencana</h1>" in response.read().decode("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert not (project.path / "site").exists()
    assert (project.path / ".cache/terang/pratinjau-draf/berita/rencana/index.html").is_file()


def test_a_save_between_the_first_build_and_the_watcher_is_not_missed(project: Project) -> None:
    import threading

    from terang.build.pipeline import Options
    from terang.preview.server import Preview
    from terang.preview.watch import snapshot

    preview = Preview(Options(root=project.path, out=project.path / "site"), quiet=True)
    preview.inputs = snapshot(project.path)  # what `serve` takes before its first build
    project.write({"content/berita/kabar-baik.md": NEWS.format(date="2024-01-02", body="Disimpan sebelum pengawas mulai.")})
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        assert preview.wanted.wait(WAIT)  # a full build is asked for
    finally:
        stop.set()
        watcher.join()


FORBIDDEN_HOST = "Ditolak: pratinjau hanya melayani http://127.0.0.1:8000/ (atau http://localhost:8000/).\n"


@pytest.fixture
def preview(project: Project, capsys: pytest.CaptureFixture[str]) -> "object":
    from terang.build.pipeline import Options
    from terang.preview.server import Preview

    assert project.build(capsys=capsys)[0] == 0
    return Preview(Options(root=project.path, out=project.path / "site"), quiet=True, port=8000)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"])
def test_the_preview_answers_its_own_host_names(preview: "object", host: str) -> None:
    assert call(preview, "/", host=host)[0] == "200 OK"


@pytest.mark.parametrize("host", [
    "penyerang.example:8000",  # DNS rebinding: another domain re-pointed at 127.0.0.1
    "127.0.0.1.nip.io:8000", "localhost.:8000", "127.0.0.1:8000.penyerang.example", "127.0.0.1:8001", "127.0.0.1", "localhost",
    "0.0.0.0:8000", "[::1]", "x:y", "", None,
])
def test_the_preview_refuses_any_other_host_name(preview: "object", host: str | None) -> None:
    assert call(preview, "/", host=host) == ("403 Forbidden", FORBIDDEN_HOST)
    assert call(preview, "/_panduan/", host=host) == ("403 Forbidden", FORBIDDEN_HOST)


@pytest.mark.parametrize("path", [
    "/\x00", "/berita/\x00/", "/\x1b[31m", "/a\x7f", "/\x85",  # control characters, NUL among them
    "/\xff", "/\xc3", "/\xed\xa0\x80",  # percent-decoded bytes that are not UTF-8
    "/a\\b", "/..\\situs.yml",  # backslashes
    "/../situs.yml", "/berita/../../situs.yml", "/./", "/berita/..",  # dot segments
    "/" + "a" * 2000, "/" + "a" * 256 + "/", "/berita/" + "é" * 200,  # longer than any path or name on disk
    "", "berita/",  # not a path
])
def test_malformed_paths_get_400_without_a_traceback(preview: "object", path: str) -> None:
    assert call(preview, path) == ("400 Bad Request", "Alamat tidak sah.\n")


@pytest.mark.parametrize("path", ["/%zz", "/%", "/aset/gaya.css/x", "/" + "a" * 255, "/" + "/".join(["a" * 200] * 5), "/_panduan/.git/"])
def test_odd_but_well_formed_paths_get_404(preview: "object", path: str) -> None:
    status, body = call(preview, path)
    assert status == "404 Not Found" and "<h1>Halaman tidak ditemukan</h1>" in body


def test_a_redirect_never_leaves_the_site(preview: "object") -> None:
    seen: dict[str, list] = {}
    environ = {"PATH_INFO": "//berita", "QUERY_STRING": "", "HTTP_HOST": "127.0.0.1:8000"}
    preview.app(environ, lambda status, headers: seen.update(status=[status], headers=headers))  # type: ignore[attr-defined]
    assert seen["status"] == ["301 Moved Permanently"] and seen["headers"] == [("Location", "/berita/")]


SECRET = "Rahasia peserta"


@pytest.mark.parametrize("files, url", [
    ({"docs/rahasia.md": ("symlink", "data/mentah/peserta.md")}, "/_panduan/rahasia/"),  # a symlink out of docs/
    ({"docs/panduan.md": ("symlink", "data/mentah/peserta.md")}, "/_panduan/"),  # the bundled guide is shown instead
    ({"docs/.rahasia.md": "# " + SECRET}, "/_panduan/.rahasia/"),  # dot-files are never shown
    ({"docs/tautan.md": ("symlink", "docs/.rahasia.md"), "docs/.rahasia.md": "# " + SECRET}, "/_panduan/tautan/"),
    ({"docs/sub/rahasia.md": "# " + SECRET, "docs/lain.md": ("symlink", "docs/sub/rahasia.md")}, "/_panduan/lain/"),
    ({"docs/putar.md": ("symlink", "docs/putar.md")}, "/_panduan/putar/"),  # a symlink loop
    ({"docs/biner.md": b"\xff\xfe" + SECRET.encode("utf-16-le")}, "/_panduan/biner/"),  # not UTF-8
])
def test_the_guide_never_shows_files_from_outside_docs(project: Project, capsys: pytest.CaptureFixture[str], files: dict, url: str) -> None:
    from terang.build.pipeline import Options
    from terang.preview.server import Preview

    project.write({"data/mentah/peserta.md": "# " + SECRET + "\n"})
    assert project.build(capsys=capsys)[0] == 0
    for name, content in files.items():
        target = project.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            target.symlink_to(project.path / content[1])
        else:
            project.write({name: content})
    preview = Preview(Options(root=project.path, out=project.path / "site"), quiet=True)
    status, body = call(preview, url)
    assert status in ("200 OK", "404 Not Found")
    assert SECRET not in body and "Traceback" not in body
    if url == "/_panduan/":
        assert status == "200 OK" and '<h1 id="panduan-editor">Panduan editor</h1>' in body


def raw_request(port: int, path: str, host: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """One request with the exact path and Host given (urllib would normalise both)."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host)
        for key, value in (headers or {}).items():
            connection.putheader(key, value)
        connection.endheaders()
        response = connection.getresponse()
        body = b"" if response.status == 101 else response.read()
        return response.status, body.decode("utf-8", "replace")
    finally:
        connection.close()


WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13"}


def test_the_running_preview_refuses_other_hosts_foreign_origins_and_bad_paths(server: Server) -> None:
    server.wait_for("", lambda body: "Transparansi Program Contoh" in body)
    port, own = server.port, f"127.0.0.1:{server.port}"
    refused = f"Ditolak: pratinjau hanya melayani http://127.0.0.1:{port}/ (atau http://localhost:{port}/).\n"
    cases = [  # (path, host, extra headers, expected status, expected body or None)
        ("/", own, {}, 200, None),
        ("/", f"localhost:{port}", {}, 200, None),
        ("/", f"penyerang.example:{port}", {}, 403, refused),
        ("/", "x:y", {}, 403, refused),
        ("/livereload.js", f"penyerang.example:{port}", {}, 403, refused),
        ("/livereload", own, {**WEBSOCKET, "Origin": f"http://{own}"}, 101, None),
        ("/livereload", own, {**WEBSOCKET, "Origin": f"http://localhost:{port}"}, 101, None),
        ("/livereload", own, {**WEBSOCKET, "Origin": "http://penyerang.example"}, 403, None),
        ("/livereload", own, {**WEBSOCKET, "Origin": "null"}, 403, None),
        ("/livereload", own, {**WEBSOCKET, "Origin": f"http://{own}.penyerang.example"}, 403, None),
        ("/livereload", f"penyerang.example:{port}", {**WEBSOCKET, "Origin": f"http://penyerang.example:{port}"}, 403, refused),  # rebinding
        ("/forcereload", own, {}, 404, None),  # livereload's reload-everyone URL is not served
        ("/%00", own, {}, 400, "Alamat tidak sah.\n"),
        ("/berita/%00/", own, {}, 400, "Alamat tidak sah.\n"),
        ("/%ff", own, {}, 400, "Alamat tidak sah.\n"),
        ("/%2e%2e/situs.yml", own, {}, 400, "Alamat tidak sah.\n"),
        ("/..%2fsitus.yml", own, {}, 400, "Alamat tidak sah.\n"),
        ("/a%5cb", own, {}, 400, "Alamat tidak sah.\n"),
        ("/" + "a" * 3000, own, {}, 400, "Alamat tidak sah.\n"),
        ("/%zz", own, {}, 404, None),
        ("/%", own, {}, 404, None),
    ]
    for path, host, headers, status, text in cases:
        got, body = raw_request(port, path, host, headers)
        assert got == status, (path, host, headers, body[:300])
        assert "Traceback" not in body and "Error" not in body, (path, body[:300])
        if text is not None:
            assert body == text, (path, host, headers)
    assert "Traceback" not in server.output()
