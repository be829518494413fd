"""`python build.py verify URL`: the published site, fetched over HTTP(S), checked against its own SHA256SUMS.

SHA256SUMS comes from the web, so it is read as untrusted data: every line must be one that
terang.publish.manifest writes (or `sha256sum -b` would), paths must stay inside the site, and its
size and length are bounded. Only the files it lists are fetched, each streamed into its digest,
a few at a time; redirects are followed only on the site's own host. Whatever the network or the
server says is reported in Terang's own words, never the library's.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import re
import socket
import ssl
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from terang import __version__, fmt
from terang.cli.common import new_parser
from terang.publish.manifest import MANIFEST, unescape

MAX_MANIFEST_BYTES = 50_000_000  # a site of 200,000 files has a SHA256SUMS of about 20 MB
MAX_ENTRIES = 200_000
MAX_REDIRECTS = 5
SHOWN_PROBLEMS = 20  # refused lines shown before "... dan N masalah lain."
TIMEOUT = 30  # seconds without an answer, per connection and per read
CHUNK = 1 << 16
USER_AGENT = f"terang-verify/{__version__}"
DEFAULT_PORTS = {"http": 80, "https": 443}
# Written by the build at the site's top, and read or hidden by many hosts (Netlify, Cloudflare Pages, GitHub Pages,
# nginx rules for dot files) instead of being served: their absence is expected, their content still checked when served.
NOT_SERVED = frozenset({"_headers", ".terang", ".nojekyll"})
LINE = re.compile(r"(\\?)([0-9a-f]{64}) ([ *])(.*)", re.DOTALL)  # `sha256sum` text or binary (*) form; '\' first: escaped name
EXAMPLE = "https://contoh.go.id/transparansi/"

SAME, DIFFERENT, MISSING, FAILED, UNSERVED = "sama", "berbeda", "tidak ada", "gagal diunduh", "tidak disajikan server"
PROBLEMS = (DIFFERENT, MISSING, FAILED)  # any of them: exit 1


@dataclass(frozen=True)
class Outcome:
    """What one listed file turned out to be: its kind (SAME, DIFFERENT, ...) and the Indonesian line ('' for SAME)."""

    path: str
    kind: str
    line: str


class Unreadable(Exception):
    """A URL that gave no content: why, in Indonesian (`cause`), and its HTTP status (0 without one)."""

    def __init__(self, cause: str, status: int = 0) -> None:
        super().__init__(cause)
        self.cause, self.status = cause, status


class _Refused(Exception):
    """A line of SHA256SUMS that is refused, with the reason in Indonesian."""


class _TooLarge(Exception):
    """SHA256SUMS is larger than MAX_MANIFEST_BYTES."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None  # a 3xx becomes an HTTPError; _open decides whether to follow it


def parser() -> argparse.ArgumentParser:
    """The command's options, with Indonesian help."""
    p = new_parser(
        "python build.py verify",
        f"Mengunduh {MANIFEST} dari alamat situs yang sudah terbit, lalu mengunduh setiap berkas yang tercantum di "
        "dalamnya dan memastikan isinya sama persis dengan hasil build. Tautan di halaman tidak diikuti.",
        f"Contoh: python build.py verify {EXAMPLE}",
    )
    p.add_argument("url", metavar="URL", help=f"alamat publik situs, misalnya {EXAMPLE}")
    p.add_argument("--pekerja", metavar="N", type=_workers, default=8,
                   help="berapa berkas diunduh sekaligus, 1 sampai 32 (bawaan: 8)")
    p.add_argument("-q", "--quiet", action="store_true", help="hanya tampilkan masalah dan ringkasan")
    return p


def _workers(text: str) -> int:
    if not (text.isdigit() and 1 <= int(text) <= 32):
        raise argparse.ArgumentTypeError(f"'{shown(text)}' bukan jumlah pekerja yang sah; pilih 1 sampai 32")
    return int(text)


def shown(text: str, limit: int = 200) -> str:
    """Untrusted text made safe to print: unprintable characters (control, bidi) escaped, long text cut."""
    out = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                  else f"\\U{ord(c):08x}" for c in text)
    return out if len(out) <= limit else out[:limit] + "…"


def site_address(text: str) -> str:
    """The site's address as typed, ending in '/' (raises ValueError with an Indonesian message)."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in DEFAULT_PORTS:
        raise ValueError(f"alamat situs harus dimulai dengan http:// atau https://, bukan '{shown(text)}' (contoh: {EXAMPLE})")
    if "?" in text or "#" in text or "@" in parts.netloc:
        raise ValueError(f"alamat situs '{shown(text)}' tidak boleh memuat '?', '#' atau nama pengguna (contoh: {EXAMPLE})")
    try:
        parts.port
    except ValueError:
        raise ValueError(f"nomor port di alamat '{shown(text)}' tidak sah (contoh: {EXAMPLE})") from None
    if not parts.hostname:
        raise ValueError(f"alamat '{shown(text)}' tidak memuat nama host (contoh: {EXAMPLE})")
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~")  # what the editor escaped already stays escaped
    return urlunsplit((parts.scheme.lower(), parts.netloc, path if path.endswith("/") else path + "/", "", ""))


def file_url(site: str, path: str) -> str:
    """The URL of a listed file: every segment quoted, so no name can leave its folder or start a query."""
    return site + "/".join(quote(part, safe="") for part in path.split("/"))


def path_problem(path: str) -> str:
    """Why a listed path is refused, '' when it is a plain path inside the site."""
    parts = path.split("/")
    if not path:
        return "nama berkas kosong"
    if path.startswith("/"):
        return f"jalur '{shown(path)}' mutlak (dimulai dengan '/'); yang boleh hanya jalur di dalam situs"
    if "\\" in path:
        return f"jalur '{shown(path)}' memuat garis miring terbalik '\\', yang bagi sebagian server memisahkan folder"
    if ".." in parts:
        return f"jalur '{shown(path)}' memuat '..', yang menunjuk ke luar situs"
    if "" in parts or "." in parts:
        return f"jalur '{shown(path)}' memuat bagian kosong ('//') atau '.'"
    if "\0" in path:
        return f"jalur '{shown(path)}' memuat karakter NUL"
    return ""


def parse_line(line: str) -> tuple[str, str]:
    """One line of SHA256SUMS as (path, digest); raises _Refused."""
    if "\r" in line:
        raise _Refused("baris memuat CR (akhir baris Windows?); SHA256SUMS memakai akhir baris LF, dan CR di nama berkas ditulis \\r")
    match = LINE.fullmatch(line)
    if not match:
        raise _Refused("bukan baris SHA256SUMS: harus 64 huruf heksadesimal kecil (0-9, a-f), dua spasi, lalu jalur berkas")
    escaped, digest, _, name = match.groups()
    if escaped:
        name = _unescaped(name)
    problem = path_problem(name)
    if problem:
        raise _Refused(problem)
    return name, digest


ESCAPE = re.compile(r"\\(?:[\\nr]|(.?))")  # a known escape, or (group 1) what follows an unknown backslash


def _unescaped(name: str) -> str:
    """A name escaped the GNU way (terang.publish.manifest.unescape): \\\\, \\n and \\r, nothing else."""
    plain = unescape(name)
    if plain is None:
        char = next((m.group(1) for m in ESCAPE.finditer(name) if m.group(1) is not None), "")  # the first unknown one
        raise _Refused(f"'\\{shown(char)}' di nama berkas bukan urutan yang dikenal; yang boleh hanya \\\\, \\n dan \\r")
    return plain


def parse_manifest(data: bytes) -> tuple[dict[str, str], list[str]]:
    """SHA256SUMS as {path: digest}, and every refused line as 'SHA256SUMS:LINE: why' (no files when there is any)."""
    lines = data.split(b"\n")
    cut = lines.pop()
    if len(lines) > MAX_ENTRIES:
        return {}, [f"{MANIFEST}:{MAX_ENTRIES + 1}: lebih dari {fmt.number(MAX_ENTRIES)} berkas tercantum; {MANIFEST} sebesar ini tidak diperiksa"]
    files: dict[str, str] = {}
    first: dict[str, int] = {}
    problems = []
    for number, raw in enumerate(lines, 1):
        try:
            path, digest = parse_line(raw.decode("utf-8"))
            if path in first:
                raise _Refused(f"'{shown(path)}' sudah tercantum di baris {first[path]}")
        except UnicodeDecodeError:
            problems.append(f"{MANIFEST}:{number}: baris ini bukan teks UTF-8")
        except _Refused as refused:
            problems.append(f"{MANIFEST}:{number}: {refused}")
        else:
            files[path], first[path] = digest, number
    if cut:
        problems.append(f"{MANIFEST}:{len(lines) + 1}: baris terakhir tidak diakhiri pindah baris; {MANIFEST} mungkin terpotong")
    return ({} if problems else files), problems


def same_host(target: str, site: str) -> bool:
    """Whether a redirect stays on the site's host: same scheme and port, or http upgraded to https."""
    def origin(url: str) -> tuple[str, str, int] | None:
        parts = urlsplit(url)
        try:
            port = parts.port
        except ValueError:
            return None
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            return None
        return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]

    t, s = origin(target), origin(site)
    return t is not None and s is not None and t[1] == s[1] and (t == s or (s[0], s[2], t[0], t[2]) == ("http", 80, "https", 443))


def fetch(opener: urllib.request.OpenerDirector, url: str, site: str, sink: Callable[[bytes], object]) -> None:
    """Stream the content at `url` into `sink`, piece by piece; raises Unreadable."""
    try:
        with _open(opener, url, site) as response:
            if response.headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity"):
                raise Unreadable("server mengirim isi yang dimampatkan padahal diminta apa adanya")
            size, received = response.headers.get("Content-Length", ""), 0
            while chunk := response.read(CHUNK):
                received += len(chunk)
                sink(chunk)
            if size.isdigit() and received != int(size):
                raise Unreadable("sambungan terputus sebelum berkas selesai diunduh")
    except (OSError, http.client.HTTPException, ValueError) as error:  # URLError, HTTPError and ssl errors are OSErrors
        raise Unreadable(network_cause(error)) from None


def _open(opener: urllib.request.OpenerDirector, url: str, site: str) -> http.client.HTTPResponse:
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        try:
            return opener.open(request, timeout=TIMEOUT)  # type: ignore[no-any-return]
        except urllib.error.HTTPError as error:
            with error:
                location = error.headers.get("Location") if 300 <= error.code < 400 else None
            if location is None:
                raise Unreadable(f"HTTP {error.code}", error.code) from None
            url = urljoin(url, location.strip())
            if not same_host(url, site):
                parts = urlsplit(url)
                where = shown(f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}", 100)
                raise Unreadable(f"dialihkan ke {where}, di luar situs", error.code) from None
    raise Unreadable(f"dialihkan lebih dari {MAX_REDIRECTS} kali")


def network_cause(error: BaseException) -> str:
    """Why a request failed, in Indonesian: never the library's own (English) words."""
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason
    if isinstance(error, socket.gaierror):
        return "nama host tidak ditemukan di DNS"
    if isinstance(error, ConnectionRefusedError):
        return "sambungan ditolak server"
    if isinstance(error, TimeoutError):
        return f"server tidak menjawab dalam {fmt.number(TIMEOUT)} detik"
    if isinstance(error, ssl.SSLCertVerificationError):
        return "sertifikat HTTPS server tidak sah"
    if isinstance(error, ssl.SSLError):
        return "sambungan HTTPS gagal"
    if isinstance(error, (ConnectionError, http.client.IncompleteRead)):
        return "sambungan terputus"
    if isinstance(error, (http.client.HTTPException, ValueError)):
        return "jawaban atau alamat tidak sah"
    return "kesalahan jaringan"


def manifest_bytes(opener: urllib.request.OpenerDirector, site: str) -> bytes:
    """The site's SHA256SUMS, at most MAX_MANIFEST_BYTES; raises Unreadable or _TooLarge."""
    data = bytearray()

    def keep(chunk: bytes) -> None:
        data.extend(chunk)
        if len(data) > MAX_MANIFEST_BYTES:
            raise _TooLarge

    fetch(opener, site + MANIFEST, site, keep)
    return bytes(data)


def check(opener: urllib.request.OpenerDirector, site: str, path: str, expected: str) -> Outcome:
    """Fetch one listed file and compare its SHA-256 with the listed one."""
    hasher = hashlib.sha256()
    name = shown(path)
    try:
        fetch(opener, file_url(site, path), site, hasher.update)
    except Unreadable as error:
        if path in NOT_SERVED and error.status in (403, 404, 410):
            return Outcome(path, UNSERVED, f"{name}: tidak disajikan server (HTTP {error.status}); wajar, karena banyak host "
                                           "(Netlify, Cloudflare Pages, GitHub Pages) membaca atau menyembunyikan berkas ini")
        if error.status in (404, 410):
            return Outcome(path, MISSING, f"{name}: tidak ada (HTTP {error.status})")
        return Outcome(path, FAILED, f"{name}: tidak dapat diunduh ({error.cause})")
    found = hasher.hexdigest()
    if found != expected:
        return Outcome(path, DIFFERENT, f"{name}: isi berbeda dari {MANIFEST} (seharusnya {expected[:12]}, ditemukan {found[:12]})")
    return Outcome(path, SAME, "")


def summary(site: str, outcomes: list[Outcome]) -> str:
    """'Diperiksa 76 berkas di URL: 74 sama, 1 berbeda, 1 tidak ada.' (the rarer kinds only when they occur)."""
    counts = {kind: sum(o.kind == kind for o in outcomes) for kind in (SAME, DIFFERENT, MISSING, FAILED, UNSERVED)}
    parts = [f"{fmt.number(n)} {kind}" for kind, n in counts.items() if n or kind in (SAME, DIFFERENT, MISSING)]
    return f"Diperiksa {fmt.number(len(outcomes))} berkas di {site}: {', '.join(parts)}."


def main(argv: list[str]) -> int:
    """Verify the site at URL; 0 when every listed file is there and the same, 1 otherwise, 2 for a wrong URL."""
    p = parser()
    args = p.parse_args(argv)
    try:
        site = site_address(args.url)
    except ValueError as error:
        p.error(str(error))
    try:
        return verify(site, args.pekerja, args.quiet)
    except KeyboardInterrupt:
        print("Pemeriksaan dihentikan.", file=sys.stderr)
        return 130


def verify(site: str, workers: int = 8, quiet: bool = False) -> int:
    """Check the site at `site` (ending in '/') against its SHA256SUMS, printing the report; the exit code."""
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        data = manifest_bytes(opener, site)
    except Unreadable as error:
        if error.status in (404, 410):
            print(f"{MANIFEST} tidak ditemukan di {site}; apakah situs dibangun dengan Terang dan alamatnya benar?", file=sys.stderr)
        else:
            print(f"{MANIFEST} tidak dapat diunduh dari {site} ({error.cause}).", file=sys.stderr)
        return 1
    except _TooLarge:
        print(f"{MANIFEST} di {site} lebih dari {fmt.number(MAX_MANIFEST_BYTES / 1_000_000)} MB; itu bukan {MANIFEST} buatan Terang, "
              "jadi tidak ada berkas yang diperiksa.", file=sys.stderr)
        return 1
    if data.lstrip()[:1] == b"<":  # a host that answers every address with a page
        print(f"{MANIFEST} di {site} berisi halaman HTML, bukan daftar sidik berkas; apakah situs dibangun dengan Terang "
              "dan alamatnya benar?", file=sys.stderr)
        return 1
    listed, problems = parse_manifest(data)
    if problems:
        for line in problems[:SHOWN_PROBLEMS]:
            print(line, file=sys.stderr)
        if len(problems) > SHOWN_PROBLEMS:
            print(f"... dan {fmt.number(len(problems) - SHOWN_PROBLEMS)} masalah lain.", file=sys.stderr)
        print(f"{MANIFEST} di {site} tidak sah ({fmt.number(len(problems))} masalah), jadi tidak ada berkas yang diperiksa.", file=sys.stderr)
        return 1
    if not listed:
        print(f"{MANIFEST} di {site} kosong, jadi tidak ada berkas yang diperiksa.", file=sys.stderr)
        return 1
    if not quiet:
        print(f"Memeriksa {fmt.number(len(listed))} berkas yang tercantum di {site}{MANIFEST}, {workers} sekaligus...", flush=True)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="terang-verify")
    try:
        outcomes = list(pool.map(lambda item: check(opener, site, *item), sorted(listed.items())))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # after Ctrl+C: no new downloads, and no wait for the queue
    bad = any(o.kind in PROBLEMS for o in outcomes)
    for outcome in outcomes:
        if outcome.kind in PROBLEMS:
            print(outcome.line, file=sys.stderr)
        elif outcome.line and not quiet:
            print(outcome.line)
    print(summary(site, outcomes), file=sys.stderr if bad else sys.stdout)
    return 1 if bad else 0
