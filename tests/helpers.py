"""What more than one test file uses: sample files, tables and participant files, built trees, build errors.

Where the rest lives:
- tests/conftest.py: the fixtures (`project`, a scratch Project, and `default_site`) and Project itself,
  whose methods build it (through the command line, or in this process for the build's statistics).
- tests/browser.py: the browser checks' fixtures (`chromium`, `site_url`) and tools: page types, a local
  server, Chromium's flags, the HTML validator and Lighthouse.
- tests/siteparse.py: reading a built page as a browser would (its links, what it loads, its visible text).
No test file imports another test file: what two of them need lives here.
"""

from __future__ import annotations

import dataclasses
import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pytest
from openpyxl import Workbook
from PIL import Image
from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from terang.publish.htmlscan import runnable, scan

if TYPE_CHECKING:
    from conftest import Project
    from terang.build.incremental import Stats

ROOT = Path(__file__).resolve().parent.parent  # the repository: build.py, the templates and the default site
NIK = "3604054512900001"  # well-formed: Banten, Kabupaten Serang, Kramatwatu, born 5 December 1990


# --- PDFs and pictures the publishing boundary (terang.privacy.media) can open ------------------------------

def one_page(text: str = "Naskah peraturan", compress: bool = True) -> tuple[PdfWriter, PageObject]:
    """A PDF writer with one page showing `text` (in a FlateDecode content stream unless `compress` is False)."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 10 Tf 10 100 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode() if compress else stream)
    return writer, page


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf(text: str = "Naskah peraturan", size: int | None = None, compress: bool = True, **metadata: str) -> bytes:
    """A one-page PDF showing `text`; `size` pads it (in its metadata, with letters) to exactly that many bytes."""
    def made(padding: int) -> bytes:
        writer, _ = one_page(text, compress)
        info = {f"/{key}": value for key, value in metadata.items()}
        if padding:
            info["/Keywords"] = "x" * padding
        if info:
            writer.add_metadata(info)
        return written(writer)

    data, padding = made(0), 1
    for _ in range(5):  # the padding moves the cross-reference offsets, whose digits can grow: a few steps settle it
        if size is None or len(data) == size:
            return data
        padding = max(1, padding + size - len(made(padding)))
        data = made(padding)
    assert size is None or len(data) == size, (len(data), size)
    return data


def picture(kind: str = "PNG", size: tuple[int, int] = (40, 30), **options: object) -> bytes:
    """A small picture in `kind` (PNG, JPEG, WEBP, GIF); `options` go to Pillow's save (exif=, pnginfo=, comment=...)."""
    image = Image.new("RGB", size, (0, 80, 160))
    image.putpixel((1, 1), (250, 10, 10))
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


# --- tables: their YAML, spreadsheets, Excel's CSV ---------------------------------------------------------

def columns(**kinds: str) -> str:
    """A dataset's `kolom:` list: one column per keyword (name=kind), labelled with its name capitalised."""
    return "kolom:\n" + "".join(f"  - {{nama: {name}, label: {name.capitalize()}, jenis: {kind}}}\n" for name, kind in kinds.items())


def per_desa_yml(berkas: str = "per-desa.csv") -> str:
    """The tiny project's data/per-desa.yml (fishermen per village), reading its table from `berkas`."""
    return ("judul: Peserta per desa\ndeskripsi: Nelayan per desa.\ntanggal: 2024-01-01\nsumber: [Dinas Contoh]\n"
            f"berkas: {berkas}\n" + columns(desa="teks", jumlah="bilangan"))


def xlsx(rows: list[list[object]]) -> bytes:
    """An Excel workbook holding `rows` from A1 on its one sheet ('Sheet')."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def excel_csv(*lines: str) -> bytes:
    """A CSV as Excel saves it with Indonesian regional settings: ';', a BOM and CRLF line ends."""
    return "\ufeff".encode() + "\r\n".join(lines).encode() + b"\r\n"


def shown(table: list[list[object]]) -> list[list[str]]:
    """A table's cells as they are published (a suppressed cell as its marker)."""
    return [[str(cell) for cell in row] for row in table]


# --- participant files (data/mentah/) ---------------------------------------------------------------------

PARTICIPANT_HEADER = "nik;nama;alamat;no_hp;tanggal_lahir;segmen;kode_wilayah;tanggal_terdaftar\n"
PARTICIPANTS_YML = """\
judul: Peserta terdaftar
deskripsi: Peserta menurut kecamatan, segmen dan bulan terdaftar.
tanggal: 2025-03-01
sumber: [Dinas Contoh]
mentah: peserta.csv
simulasi: true
"""
GROUPS = {
    ("Nelayan", "36.04.05", "2025-01-10"): 12,
    ("Nelayan", "36.04.06", "2025-01-11"): 3,
    ("Guru ngaji", "36.04.05", "2025-01-12"): 20,
    ("Guru ngaji", "36.04.06", "2025-01-15"): 9,
    ("Nelayan", "36.04.05", "02/02/2025"): 7,
}


def person(i: int, segment: str, code: str, registered: str) -> str:
    """One synthetic participant row; the NIK is well-formed (province 36, born 05-12-1990, women +40)."""
    return f"36040545129{i:05d};Warga Simulasi {i:04d};Jl. Contoh {i};08123{i:07d};1990-12-05;{segment};{code};{registered}\n"


def participants(groups: dict[tuple[str, str, str], int]) -> str:
    """A participant file: `count` rows for each (segment, region code, registration date)."""
    rows, i = [], 1
    for (segment, code, registered), count in groups.items():
        for _ in range(count):
            rows.append(person(i, segment, code, registered))
            i += 1
    return PARTICIPANT_HEADER + "".join(rows)


# --- built sites ------------------------------------------------------------------------------------------

def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, by path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """The paths only one of two trees has or whose bytes differ: [] when they are the same site."""
    return sorted(path for path in first.keys() | second.keys() if first.get(path) != second.get(path))


def clean_tree(project: Project, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    """The site a build of the same sources makes with no cache at all, into another folder: the site every build must equal."""
    from terang.cli.main import main

    clean = project.path / "bersih"
    assert main(["--proyek", str(project.path), "--out", str(clean), "--clean", "-q"]) == 0
    capsys.readouterr()
    return tree(clean)


def assert_same_as_clean_build(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """Build incrementally into site/, clean into another folder, and compare every byte."""
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    assert differing(tree(project.path / "site"), clean_tree(project, capsys)) == []


def rendered(stats: Stats) -> Stats:
    """What a build rendered again and what it reused, the output scans' counts left out (as 0)."""
    return dataclasses.replace(stats, files_scanned=0, scans_reused=0)


def site_findings(site: Path) -> list[str]:
    """Everything in a built site that could run script, by file."""
    found = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            scripts, findings = scan(path.read_text(encoding="utf-8"))
            found += [f"{name}: {f}" for f in findings]
            found += [f"{name}: skrip sebaris {s.text[:40]!r}" for s in runnable(scripts)]
            found += [f"{name}: alert( di dalam <script>" for s in runnable(scripts) if "alert(" in s.text]
            for block in (s for s in scripts if s.kind == "application/ld+json"):
                json.loads(block.text)  # a hostile string stays inside its JSON string
                found += [f"{name}: JSON-LD memuat '<'" for _ in [1] if "<" in block.text]
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))  # must stay valid JSON
        elif path.suffix in (".xml", ".atom", ".rss"):
            parsed = ET.parse(path)
            found += [f"{name}: elemen script" for e in parsed.iter() if e.tag.rsplit("}", 1)[-1].lower() == "script"]
    return found


# --- failed builds ----------------------------------------------------------------------------------------

def build_errors(project: Project, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """Build, which must fail as an editor's mistake does (exit 1, no traceback): its error lines, the summary left out."""
    code, _, err = project.build(*args, capsys=capsys)
    assert code == 1, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1].startswith("Build gagal: "), err
    return lines[:-1]


# --- the preview server -----------------------------------------------------------------------------------

WAIT = 60  # upper bound while polling; not a timing assertion


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running preview server and the log of what it printed."""

    def __init__(self, project: Project, tmp_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = tmp_path / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--proyek", str(project.path), "--out", str(project.path / "site"), "--port", str(self.port)],
            cwd=project.path, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, ready: Callable[[str], bool]) -> str:
        """Fetch `path` until `ready(body)` holds; fail with the server's output after WAIT seconds."""
        deadline = time.monotonic() + WAIT
        body = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                body = self.get(path)[1]
            except OSError:
                body = ""  # not listening yet
            if ready(body):
                return body
            time.sleep(0.1)
        pytest.fail(f"{path} never became ready; last body:\n{body[:2000]}\nserver output:\n{self.output()}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def call(preview: "object", path: str, query: str = "", host: str | None = "127.0.0.1:8000") -> tuple[str, str]:
    """One WSGI request straight to the preview app (served on port 8000), without a server."""
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list) -> None:
        seen["status"] = status

    environ = {"PATH_INFO": path, "QUERY_STRING": query, **({"HTTP_HOST": host} if host is not None else {})}
    body = b"".join(preview.app(environ, start_response))  # type: ignore[attr-defined]
    return seen["status"], body.decode("utf-8")
