"""`python build.py verify URL`: the published site, fetched over HTTP, checked file by file against its SHA256SUMS."""

from __future__ import annotations

import hashlib
import http.server
import shutil
import threading
import time
import tracemalloc
from pathlib import Path
from types import TracebackType

import pytest

from conftest import Project
from terang import __version__
from terang.cli import verify
from terang.cli.main import main
from terang.publish.manifest import manifest_text, read_manifest

DIGEST = "ab" * 32
EXAMPLE = "(contoh: https://contoh.go.id/transparansi/)"
USAGE = "Pemakaian: python build.py verify [-h] [--pekerja N] [-q] URL"


class Host:
    """A static web host for `root` on 127.0.0.1 that records every path asked for (`requests`).

    Set before a request: `answers` (path -> status and headers, answered instead of the file), `cut` (paths whose
    connection is closed without an answer) and `slow` (paths answered after that many seconds).
    """

    def __init__(self, root: Path) -> None:
        self.requests: list[str] = []
        self.agents: set[str] = set()
        self.answers: dict[str, tuple[int, dict[str, str]]] = {}
        self.cut: set[str] = set()
        self.slow: dict[str, float] = {}
        host = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                pass

            def do_GET(self) -> None:
                host.requests.append(self.path)
                host.agents.add(self.headers["User-Agent"])
                time.sleep(host.slow.get(self.path, 0))
                if self.path in host.cut:
                    self.close_connection = True
                elif self.path in host.answers:
                    status, headers = host.answers[self.path]
                    self.send_response(status)
                    for name, value in {**headers, "Content-Length": "0"}.items():
                        self.send_header(name, value)
                    self.end_headers()
                else:
                    super().do_GET()

        class Server(http.server.ThreadingHTTPServer):
            request_queue_size = 64  # the default 5 drops connections beyond it: the client waits a second to retry

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up (a timeout, a cut connection) is what these tests make happen

        self.server = Server(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> Host:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def published(project: Project, capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, str]:
    """Build the project and upload site/ to `folder`, as FTP or rsync would; its SHA256SUMS as {path: digest}."""
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    shutil.copytree(project.path / "site", folder)
    listed = read_manifest(folder)
    assert sorted(listed) == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    return listed


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["verify", *args])
    out, err = capsys.readouterr()
    return code, out, err


def refused_address(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """Run with arguments the parser refuses: exit 2, like argparse; the lines on stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(["verify", *args])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err.splitlines()


def test_an_untouched_copy_verifies_and_only_the_listed_files_are_fetched(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    listed = published(project, capsys, tmp_path / "www")
    n = len(listed)
    with Host(tmp_path / "www") as host:
        code, out, err = run(capsys, host.origin + "/")
        assert (code, err) == (0, "")
        assert out.splitlines() == [f"Memeriksa {n} berkas yang tercantum di {host.origin}/SHA256SUMS, 8 sekaligus...",
                                    f"Diperiksa {n} berkas di {host.origin}/: {n} sama, 0 berbeda, 0 tidak ada."]
        assert sorted(host.requests) == sorted(["/SHA256SUMS", *(f"/{path}" for path in listed)])  # each once, no link followed
        assert {"/index.html", "/.terang", "/_headers", "/robots.txt"} <= set(host.requests)
        assert host.agents == {f"terang-verify/{__version__}"}
        assert run(capsys, "-q", "--pekerja", "1", host.origin) == (0, f"Diperiksa {n} berkas di {host.origin}/: {n} sama, 0 berbeda, 0 tidak ada.\n", "")


def test_a_changed_and_a_removed_file_are_named_with_both_digests(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    listed = published(project, capsys, tmp_path / "www")
    n = len(listed)
    changed = tmp_path / "www/berita/kabar-baik/index.html"
    changed.write_bytes(changed.read_bytes().replace(b"Kabar baik", b"Kabar buruk"))
    (tmp_path / "www/robots.txt").unlink()
    found = hashlib.sha256(changed.read_bytes()).hexdigest()
    with Host(tmp_path / "www") as host:
        code, out, err = run(capsys, "--quiet", host.origin)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"berita/kabar-baik/index.html: isi berbeda dari SHA256SUMS (seharusnya {listed['berita/kabar-baik/index.html'][:12]}, ditemukan {found[:12]})",
        "robots.txt: tidak ada (HTTP 404)",
        f"Diperiksa {n} berkas di {host.origin}/: {n - 2} sama, 1 berbeda, 1 tidak ada.",
    ]


def test_a_site_without_sha256sums_is_not_checked(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    published(project, capsys, tmp_path / "www")
    (tmp_path / "www/SHA256SUMS").unlink()
    with Host(tmp_path / "www") as host:
        assert run(capsys, host.origin) == (
            1, "", f"SHA256SUMS tidak ditemukan di {host.origin}/; apakah situs dibangun dengan Terang dan alamatnya benar?\n")
    assert host.requests == ["/SHA256SUMS"]
    shutil.copyfile(tmp_path / "www/index.html", tmp_path / "www/SHA256SUMS")  # hosts that answer every address with a page
    with Host(tmp_path / "www") as host:
        assert run(capsys, host.origin) == (1, "", f"SHA256SUMS di {host.origin}/ berisi halaman HTML, bukan daftar sidik berkas; "
                                                   "apakah situs dibangun dengan Terang dan alamatnya benar?\n")


def test_a_site_under_a_sub_path_is_checked_there(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    listed = published(project, capsys, tmp_path / "www/transparansi")
    (tmp_path / "www/index.html").write_text("Situs utama kabupaten", encoding="utf-8")
    n = len(listed)
    with Host(tmp_path / "www") as host:
        code, out, err = run(capsys, "-q", f"{host.origin}/transparansi")  # the trailing slash is added
    assert (code, out, err) == (0, f"Diperiksa {n} berkas di {host.origin}/transparansi/: {n} sama, 0 berbeda, 0 tidak ada.\n", "")
    assert sorted(host.requests) == sorted(["/transparansi/SHA256SUMS", *(f"/transparansi/{path}" for path in listed)])


def test_a_hostile_manifest_is_refused_by_line_before_any_file_is_fetched(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    published(project, capsys, tmp_path / "www/transparansi")
    (tmp_path / "www/rahasia.txt").write_text("bukan bagian situs", encoding="utf-8")
    (tmp_path / "www/transparansi/SHA256SUMS").write_text(
        f"{DIGEST}  index.html\n"
        f"{DIGEST}  ../rahasia.txt\n"
        f"{DIGEST}  /etc/passwd\n"
        "hapus semua berkas\n"
        f"{DIGEST}  aset\\..\\..\\rahasia.txt\n"
        f"\\{DIGEST}  aset/\\\\..\\\\rahasia.txt\n"
        f"{DIGEST.upper()}  robots.txt\n"
        f"{DIGEST}  berita/./../../rahasia.txt\n", encoding="utf-8")
    with Host(tmp_path / "www") as host:
        code, out, err = run(capsys, f"{host.origin}/transparansi/")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "SHA256SUMS:2: jalur '../rahasia.txt' memuat '..', yang menunjuk ke luar situs",
        "SHA256SUMS:3: jalur '/etc/passwd' mutlak (dimulai dengan '/'); yang boleh hanya jalur di dalam situs",
        "SHA256SUMS:4: bukan baris SHA256SUMS: harus 64 huruf heksadesimal kecil (0-9, a-f), dua spasi, lalu jalur berkas",
        "SHA256SUMS:5: jalur 'aset\\..\\..\\rahasia.txt' memuat garis miring terbalik '\\', yang bagi sebagian server memisahkan folder",
        "SHA256SUMS:6: jalur 'aset/\\..\\rahasia.txt' memuat garis miring terbalik '\\', yang bagi sebagian server memisahkan folder",
        "SHA256SUMS:7: bukan baris SHA256SUMS: harus 64 huruf heksadesimal kecil (0-9, a-f), dua spasi, lalu jalur berkas",
        "SHA256SUMS:8: jalur 'berita/./../../rahasia.txt' memuat '..', yang menunjuk ke luar situs",
        f"SHA256SUMS di {host.origin}/transparansi/ tidak sah (7 masalah), jadi tidak ada berkas yang diperiksa.",
    ]
    assert host.requests == ["/transparansi/SHA256SUMS"]


def test_names_with_spaces_and_url_characters_are_fetched_inside_the_site(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    site = tmp_path / "www/transparansi"
    published(project, capsys, site)
    names = {"dokumen/laporan akhir #2 (revisi) 100%.pdf": "/transparansi/dokumen/laporan%20akhir%20%232%20%28revisi%29%20100%25.pdf",
             "dokumen/tanya?jawab=ya.pdf": "/transparansi/dokumen/tanya%3Fjawab%3Dya.pdf",
             "dokumen/ulasan-ké.png": "/transparansi/dokumen/ulasan-k%C3%A9.png",
             "dokumen/baris\nbaru.pdf": "/transparansi/dokumen/baris%0Abaru.pdf"}
    (site / "dokumen").mkdir()
    for name in names:
        (site / name).write_bytes(name.encode("utf-8"))
    manifest = manifest_text(site)
    escaped = hashlib.sha256("dokumen/baris\nbaru.pdf".encode()).hexdigest()
    assert f"\\{escaped}  dokumen/baris\\nbaru.pdf\n" in manifest  # the newline escaped the GNU way
    (site / "SHA256SUMS").write_text(manifest, encoding="utf-8")
    with Host(tmp_path / "www") as host:
        code, out, err = run(capsys, "-q", f"{host.origin}/transparansi/")
    assert (code, err) == (0, "")
    assert set(names.values()) <= set(host.requests)
    assert all(path.startswith("/transparansi/") for path in host.requests)


def test_redirects_are_followed_on_the_site_host_only_and_network_errors_are_per_file(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    listed = published(project, capsys, tmp_path / "www")
    n = len(listed)
    shutil.copytree(tmp_path / "www/tentang", tmp_path / "www/lama")
    with Host(tmp_path / "www") as host:
        port = host.origin.rpartition(":")[2]
        host.answers["/tentang/index.html"] = (301, {"Location": "/lama/index.html"})
        host.answers["/robots.txt"] = (302, {"Location": f"http://localhost:{port}/robots.txt"})  # the same server, another host name
        host.answers["/index.html"] = (503, {})
        host.cut.add("/404.html")
        code, out, err = run(capsys, "-q", host.origin)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "404.html: tidak dapat diunduh (sambungan terputus)",
        "index.html: tidak dapat diunduh (HTTP 503)",
        f"robots.txt: tidak dapat diunduh (dialihkan ke http://localhost:{port}, di luar situs)",
        f"Diperiksa {n} berkas di {host.origin}/: {n - 3} sama, 0 berbeda, 0 tidak ada, 3 gagal diunduh.",
    ]
    assert host.requests.count("/robots.txt") == 1 and "/lama/index.html" in host.requests


def test_a_server_that_does_not_answer_is_reported_not_waited_for(project: Project, capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    published(project, capsys, tmp_path / "www")
    monkeypatch.setattr(verify, "TIMEOUT", 1)
    with Host(tmp_path / "www") as host:
        host.slow["/SHA256SUMS"] = 5
        started = time.monotonic()
        assert run(capsys, host.origin) == (1, "", f"SHA256SUMS tidak dapat diunduh dari {host.origin}/ (server tidak menjawab dalam 1 detik).\n")
        assert time.monotonic() - started < 4
    assert run(capsys, "http://127.0.0.1:9/") == (1, "", "SHA256SUMS tidak dapat diunduh dari http://127.0.0.1:9/ (sambungan ditolak server).\n")


def test_files_a_host_keeps_to_itself_are_a_note_not_a_problem(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    listed = published(project, capsys, tmp_path / "www")
    n = len(listed)
    with Host(tmp_path / "www") as host:
        host.answers["/_headers"] = (404, {})  # Netlify and Cloudflare Pages read _headers; GitHub Pages hides dot files
        host.answers["/.terang"] = (404, {})
        code, out, err = run(capsys, host.origin)
    why = "wajar, karena banyak host (Netlify, Cloudflare Pages, GitHub Pages) membaca atau menyembunyikan berkas ini"
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [f".terang: tidak disajikan server (HTTP 404); {why}", f"_headers: tidak disajikan server (HTTP 404); {why}",
                                    f"Diperiksa {n} berkas di {host.origin}/: {n - 2} sama, 0 berbeda, 0 tidak ada, 2 tidak disajikan server."]


def test_big_files_are_hashed_while_they_stream(project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    site = tmp_path / "www"
    published(project, capsys, site)
    (site / "dokumen").mkdir()
    (site / "dokumen/anggaran.pdf").write_bytes(bytes(range(256)) * 160_000)  # 40 MB
    (site / "SHA256SUMS").write_text(manifest_text(site), encoding="utf-8")
    with Host(site) as host:
        tracemalloc.start()
        try:
            code, _, _ = run(capsys, "-q", host.origin)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert code == 0
    assert peak < 4_000_000  # the server's side and eight downloads of 64 KiB pieces; never the file's 40 MB


def test_the_manifest_is_read_strictly() -> None:
    assert verify.parse_manifest(f"{DIGEST} *gambar/logo.png\n\\{DIGEST}  baris\\nbaru\\r.pdf\n{DIGEST}   spasi di depan.pdf\n".encode()) == (
        {"gambar/logo.png": DIGEST, "baris\nbaru\r.pdf": DIGEST, " spasi di depan.pdf": DIGEST}, [])  # `sha256sum -b`, GNU escapes
    data = (f"{DIGEST}  index.html\n{DIGEST}  index.html\r\n{DIGEST}  a//b.html\n{DIGEST}  ./c.html\n{DIGEST}  index.html\n"
            f"\\{DIGEST}  d\\t.html\n{DIGEST}  ../\x1b[2J\u202egnp.exe\n{DIGEST}  \n\n").encode() + b"\xff\xfe\n" + f"{DIGEST}  terpotong.ht".encode()
    assert verify.parse_manifest(data) == ({}, [
        "SHA256SUMS:2: baris memuat CR (akhir baris Windows?); SHA256SUMS memakai akhir baris LF, dan CR di nama berkas ditulis \\r",
        "SHA256SUMS:3: jalur 'a//b.html' memuat bagian kosong ('//') atau '.'",
        "SHA256SUMS:4: jalur './c.html' memuat bagian kosong ('//') atau '.'",
        "SHA256SUMS:5: 'index.html' sudah tercantum di baris 1",
        "SHA256SUMS:6: '\\t' di nama berkas bukan urutan yang dikenal; yang boleh hanya \\\\, \\n dan \\r",
        "SHA256SUMS:7: jalur '../\\x1b[2J\\u202egnp.exe' memuat '..', yang menunjuk ke luar situs",  # what a terminal would obey is shown escaped
        "SHA256SUMS:8: nama berkas kosong",
        "SHA256SUMS:9: bukan baris SHA256SUMS: harus 64 huruf heksadesimal kecil (0-9, a-f), dua spasi, lalu jalur berkas",
        "SHA256SUMS:10: baris ini bukan teks UTF-8",
        "SHA256SUMS:11: baris terakhir tidak diakhiri pindah baris; SHA256SUMS mungkin terpotong",
    ])


def test_the_manifest_size_and_length_are_bounded(project: Project, capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    published(project, capsys, tmp_path / "www")
    monkeypatch.setattr(verify, "MAX_ENTRIES", 10)
    assert verify.parse_manifest(f"{DIGEST}  index.html\n".encode() * 11) == (
        {}, ["SHA256SUMS:11: lebih dari 10 berkas tercantum; SHA256SUMS sebesar ini tidak diperiksa"])
    monkeypatch.setattr(verify, "MAX_MANIFEST_BYTES", 1_000)
    with Host(tmp_path / "www") as host:
        assert run(capsys, host.origin) == (1, "", f"SHA256SUMS di {host.origin}/ lebih dari 0,001 MB; itu bukan SHA256SUMS buatan Terang, "
                                                   "jadi tidak ada berkas yang diperiksa.\n")
    assert host.requests == ["/SHA256SUMS"]


@pytest.mark.parametrize("address", ["ftp://contoh.go.id/transparansi/", "contoh.go.id/transparansi/", "file:///etc/passwd"])
def test_only_http_and_https_addresses_are_accepted(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert refused_address(capsys, address) == [
        USAGE, f"kesalahan: alamat situs harus dimulai dengan http:// atau https://, bukan '{address}' {EXAMPLE}", "Lihat: python build.py verify --help"]


def test_an_address_with_a_query_or_without_a_host_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused_address(capsys, "https://contoh.go.id/?halaman=2")[1] == (
        f"kesalahan: alamat situs 'https://contoh.go.id/?halaman=2' tidak boleh memuat '?', '#' atau nama pengguna {EXAMPLE}")
    assert refused_address(capsys, "https:///transparansi/")[1] == f"kesalahan: alamat 'https:///transparansi/' tidak memuat nama host {EXAMPLE}"


@pytest.mark.parametrize("workers", ["0", "33", "delapan"])
def test_workers_are_one_to_thirty_two(workers: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert refused_address(capsys, "--pekerja", workers, "https://contoh.go.id/")[1] == (
        f"kesalahan: argumen --pekerja: '{workers}' bukan jumlah pekerja yang sah; pilih 1 sampai 32")


def test_the_help_is_in_indonesian_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["verify", "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert out.startswith(USAGE + "\n\nMengunduh SHA256SUMS dari alamat situs yang sudah terbit")
    assert "  --pekerja N  berapa berkas diunduh sekaligus, 1 sampai 32 (bawaan: 8)\n" in out
    assert out.endswith("Contoh: python build.py verify https://contoh.go.id/transparansi/\n")
