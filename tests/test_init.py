"""`python build.py init FOLDER`: a new project for another kabupaten/kota from checked answers, written whole and built at once.

Hostile answers are refused with an exact Indonesian message before anything is written; valid ones
give a project that builds, passes `check`, publishes no hint and no invented figure, pins the
installed dependencies, and meets the default site's quality gates (Nu HTML Checker, axe, links, weight).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from browser import PHONE, html_pages, one_per_type, serve, validate_html
from helpers import ROOT, tree
from siteparse import css_refs, is_external, parse_page, resolve, visible_text
from terang.cli import init
from terang.cli.main import main

SOURCE = "terang @ git+https://github.com/contoh/terang@v0.1.0"
ADDRESS = "https://transparansi.lebakkab.go.id/"
ANSWERS = {"--wilayah": "Kabupaten Lebak", "--kode": "36.02", "--program": "Jaminan Sosial Pekerja Rentan",
           "--penerbit": "Pemerintah Kabupaten Lebak", "--alamat": ADDRESS, "--sumber-terang": SOURCE}
QUESTIONS = ["Apakah saya termasuk?", "Apa yang saya dapat?", "Bagaimana cara klaim?", "Ke mana bertanya?"]
PAGES = ["siapa-yang-dilindungi", "manfaat", "cara-klaim", "tempat-bertanya", "tentang-program"]
PROJECT_FILES = [".gitignore", "content/halaman/cara-klaim.md", "content/halaman/manfaat.md", "content/halaman/siapa-yang-dilindungi.md",
                 "content/halaman/tempat-bertanya.md", "content/halaman/tentang-program.md", "data/angka_kunci.yml",
                 "data/peserta-per-kecamatan.csv.contoh", "data/peserta-per-kecamatan.yml.contoh", "data/riwayat.yml",
                 "requirements.txt", "situs.yml"]
NOT_DONE = "\nProyek tidak dibuat.\n"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BUDGET = 50 * 1024  # bytes of one page with its CSS, JS and images, as for the default site


def flags(**changed: str) -> list[str]:
    """The valid answers as flags, with some changed (keyword: the flag without '--', '_' for '-'); None drops one."""
    answers = {**ANSWERS, **{f"--{k.replace('_', '-')}": v for k, v in changed.items()}}
    return [part for flag, value in answers.items() if value is not None for part in (flag, value)]


def run_init(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["init", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdin is not a terminal (a CI job, a pipe): init never asks."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`python build.py init lebak` with every answer as a flag and stdin not a terminal: the project folder and the run."""
    recipes = pytest.importorskip("terang.cli.recipes", reason="the deploy recipes (terang/cli/recipes.py) are not written yet")
    assert recipes.recipe_files
    where = tmp_path_factory.mktemp("init")
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "init", "lebak", *flags()], cwd=where, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=300, check=False)
    return where / "lebak", done


def main_text(site: Path, page: str) -> str:
    """The visible text of a page's <main>: what the page itself says, without header, menu and footer."""
    html = (site / page).read_text(encoding="utf-8")
    return " ".join(visible_text(re.search(r"<main\b.*?</main>", html, re.S).group(0)).split())


def test_valid_answers_write_the_project_build_it_and_say_what_to_do_next(made: tuple[Path, Any]) -> None:
    folder, done = made
    from terang.cli.recipes import recipe_files

    site = folder / "site"
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                     if p.is_file() and p.relative_to(folder).parts[0] not in ("site", ".cache") and not p.name.startswith(".site."))
    assert (done.returncode, done.stderr) == (0, "")
    assert written == sorted(PROJECT_FILES + list(recipe_files(".", "python -m pip install -r requirements.txt")))
    assert done.stdout.splitlines()[:4] == [
        f"Proyek baru dibuat di lebak/ untuk Kabupaten Lebak (kode 36.02), dan situsnya sudah dibangun: {len(html_pages(site))} halaman di lebak/site/.",
        "Langkah berikutnya:",
        "  1. Lihat pratinjaunya: python build.py serve --proyek lebak",
        "  2. Isi halaman di lebak/content/halaman/: petunjuknya ada di tiap berkas, di antara <!-- dan --> (tidak ikut terbit).",
    ]
    assert "  4. Terbitkan: python build.py --proyek lebak --terbit" in done.stdout.splitlines()


def test_situs_yml_has_the_exact_title_publisher_and_address(made: tuple[Path, Any]) -> None:
    folder, _ = made
    config = (folder / "situs.yml").read_text(encoding="utf-8")
    for line in ('judul: "Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Lebak"', 'judul_pendek: "Jaminan Sosial Pekerja Rentan Lebak"',
                 'penerbit: "Pemerintah Kabupaten Lebak"', f'base_url: "{ADDRESS}"', "lisensi: CC BY 4.0", "halaman_kontak: tempat-bertanya",
                 "angka_beranda: []", "# kontak_resmi:", "# Belum ada kontak yang sudah diperiksa untuk situs ini, jadi halaman menyebutnya apa adanya."):
        assert line in config.splitlines(), line


def test_the_home_page_asks_the_four_questions_and_the_project_passes_check(made: tuple[Path, Any], capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = made
    home = main_text(folder / "site", "index.html")
    assert [home.index(q) for q in QUESTIONS] == sorted(home.index(q) for q in QUESTIONS)
    assert home.startswith("Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Lebak " + " ".join(QUESTIONS))
    assert main(["check", "--proyek", str(folder)]) == 0
    assert capsys.readouterr().err == ""


def test_the_pages_publish_no_hint_and_no_figure(made: tuple[Path, Any]) -> None:
    folder, _ = made
    site = folder / "site"
    sources = {name: (folder / f"content/halaman/{name}.md").read_text(encoding="utf-8") for name in PAGES}
    assert all("<!-- Petunjuk untuk editor. Komentar ini tidak ikut terbit." in text for text in sources.values())
    published = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                 and b"Petunjuk untuk editor" in (gzip.decompress(data) if (data := p.read_bytes())[:2] == b"\x1f\x8b" else data)]
    assert published == []
    with_digits = {name: text for name in PAGES if re.search(r"\d", text := main_text(site, f"{name}/index.html"))}
    assert with_digits == {}
    assert main_text(site, "siapa-yang-dilindungi/index.html") == (
        "Siapa yang Dilindungi Siapa saja yang termasuk program Jaminan Sosial Pekerja Rentan di Kabupaten Lebak. Penjelasannya belum diisi. "
        "Halaman ini belum diisi: Pemerintah Kabupaten Lebak belum mencantumkan di situs ini siapa saja yang termasuk program "
        "Jaminan Sosial Pekerja Rentan. Untuk menanyakan apakah Anda termasuk, lihat Tempat Bertanya . Versi cetak untuk papan pengumuman")


def test_no_table_is_read_until_the_example_is_renamed_and_then_it_lists_every_kecamatan(
        made: tuple[Path, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = made
    assert not (folder / "site/data/peserta-per-kecamatan").exists()
    copy = tmp_path / "lebak"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("site", ".cache", ".site.*"))
    for example in (copy / "data").glob("*.contoh"):
        example.rename(example.with_suffix(""))
    assert main(["--proyek", str(copy), "--out", str(copy / "site"), "-q"]) == 0
    rows = (copy / "site/data/peserta-per-kecamatan/peserta-per-kecamatan.csv").read_text(encoding="utf-8").splitlines()
    assert rows[:2] == ['"kode","kode_nama","jumlah"', '"36.02.01","Malingping",0'] and len(rows) == 1 + 28  # Lebak has 28 kecamatan
    assert "SIMULASI" in (copy / "site/data/peserta-per-kecamatan/index.html").read_text(encoding="utf-8")
    capsys.readouterr()


def test_requirements_install_terang_from_its_source_then_pin_what_is_installed(made: tuple[Path, Any]) -> None:
    folder, _ = made
    lines = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in lines[1:] if not line.startswith("#")]
    assert lines[0] == SOURCE
    assert f"jinja2=={version('jinja2')}" in pins and f"markupsafe=={version('markupsafe')}" in pins  # a dependency's dependency
    assert f"pagefind-bin=={version('pagefind-bin')}" in pins  # asked for as the extra pagefind[bin]
    assert not [p for p in pins if p.split("==")[0] in ("pytest", "playwright", "hypothesis")]  # the [test] extra is not Terang's to run
    assert pins == sorted(pins, key=lambda p: p.split("==")[0]) and all(re.fullmatch(r"[a-z0-9-]+==\S+", p) for p in pins)
    (folder.parent / "kunci.txt").write_text("\n".join(pins) + "\n", encoding="utf-8")
    offline = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "-r", str(folder.parent / "kunci.txt")],
                             capture_output=True, text=True, timeout=120, check=False)
    assert (offline.returncode, "Would install" in offline.stdout) == (0, False), offline.stdout + offline.stderr  # pip: all there already


def test_terang_installed_from_git_is_pinned_at_its_commit_and_any_other_install_needs_the_flag() -> None:
    git = json.dumps({"url": "https://github.com/contoh/terang", "vcs_info": {"vcs": "git", "commit_id": "a" * 40, "requested_revision": "v0.1.0"}})
    assert init.installed_source(git) == f"git+https://github.com/contoh/terang@{'a' * 40}"
    assert init.source_check(init.installed_source(git) or "", {}) == (f"terang @ git+https://github.com/contoh/terang@{'a' * 40}", "")
    assert init.installed_source(json.dumps({"url": "file:///work/terang", "dir_info": {"editable": True}})) is None
    assert init.installed_source(None) is None
    assert init.source_check(str(ROOT), {}) == (f"terang @ {ROOT.as_uri()}", "")


HOSTILE = [
    (flags(kode="99.99"), 2, "--kode: kode '99.99' tidak ada dalam daftar kabupaten/kota Kemendagri; periksa kodenya (misalnya 36.02 untuk Kabupaten Lebak)"),
    (flags(kode="36.04.05"), 2, "--kode: 36.04.05 adalah kode kecamatan (Kramatwatu), bukan kabupaten/kota; kabupaten/kotanya berkode 36.04 "
                                "(Kabupaten Serang). Kode kabupaten/kota terdiri dari dua bagian, misalnya 36.02"),
    (flags(kode="abc"), 2, "--kode: 'abc' bukan kode wilayah Kemendagri; tulis kode kabupaten/kota dengan titik, misalnya 36.02"),
    (flags(wilayah="Kabupaten Serang"), 2, "--kode: kode 36.02 adalah Kabupaten Lebak menurut daftar Kemendagri, bukan 'Kabupaten Serang'. "
                                           "Kabupaten Serang berkode 36.04. Periksa kodenya, atau tulis --wilayah \"Kabupaten Lebak\""),
    (flags(wilayah="   "), 2, "--wilayah: kosong; isi jawabannya"),
    (flags(program="Jaminan\x1b[31m Sosial"), 2, "--program: berisi karakter kendali (misalnya tab atau baris baru); tulis dalam satu baris teks biasa"),
    (flags(penerbit="Pemerintah\nKabupaten Lebak"), 2, "--penerbit: berisi karakter kendali (misalnya tab atau baris baru); tulis dalam satu baris teks biasa"),
    (flags(program="J" + "a" * 299), 2, "--program: terlalu panjang (300 karakter); paling banyak 100 karakter"),
    (flags(program="<script>alert(1)</script>"), 2, "--program: hanya boleh huruf, angka, spasi dan tanda baca . , ' ( ) / & -, diawali huruf (bukan: < >)"),
    (flags(alamat="http://"), 2, "--alamat: 'http://' bukan alamat situs yang lengkap; tulis misalnya https://transparansi.lebakkab.go.id/ "
                                 "(atau kosongkan dan isi base_url di situs.yml nanti)"),
    (flags(sumber_terang="terang @ git+https://x.org/t; os_name=='nt'"), 2,
     "--sumber-terang: 'terang @ git+https://x.org/t; os_name=='nt'' bukan sumber Terang yang bisa dipasang; tulis misalnya "
     "terang @ git+https://github.com/org/terang@v0.1.0, atau folder salinan Terang di komputer ini"),
]


@pytest.mark.parametrize(("argv", "code", "message"), HOSTILE, ids=[m.split(":")[0] + str(i) for i, (_, _, m) in enumerate(HOSTILE)])
def test_a_hostile_answer_is_refused_with_its_message_and_nothing_is_written(
        argv: list[str], code: int, message: str, tmp_path: Path, no_terminal: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_init([str(tmp_path / "lebak"), *argv], capsys) == (code, "", f"kesalahan: {message}{NOT_DONE}")
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from(init.QUESTIONS))
def test_no_answer_whatever_it_holds_raises_instead_of_saying_what_is_wrong(answer: str, question: init.Question) -> None:
    value, problem = question.check(answer, {"wilayah": "Kabupaten Lebak", "kode": "36.02"})
    assert isinstance(value, str) and isinstance(problem, str)
    assert problem or not init.has_control(value)
    assert isinstance(init.folder_problem(Path.cwd() / (answer.replace("\x00", "") or "x")), str)


def test_an_existing_folder_with_files_is_refused_and_left_byte_for_byte(tmp_path: Path, no_terminal: None, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "lebak"
    (folder / "content").mkdir(parents=True)
    (folder / "situs.yml").write_bytes(b"judul: Situs lama\n")
    (folder / "content/catatan.md").write_bytes(b"\xef\xbb\xbfcatatan\r\n")
    before = tree(folder)
    assert run_init([str(folder), *flags()], capsys) == (
        1, "", f"kesalahan: folder '{folder}' sudah ada dan tidak kosong; init tidak menimpa apa pun. "
               f"Pilih nama folder baru, atau kosongkan folder itu dulu{NOT_DONE}")
    assert tree(folder) == before and sorted(p.name for p in tmp_path.iterdir()) == ["lebak"]


def test_a_file_in_the_folders_place_is_refused(tmp_path: Path, no_terminal: None, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lebak").write_bytes(b"bukan folder")
    assert run_init([str(tmp_path / "lebak"), *flags()], capsys) == (
        1, "", f"kesalahan: '{tmp_path / 'lebak'}' sudah ada dan bukan folder; pilih nama folder baru untuk proyek{NOT_DONE}")
    assert (tmp_path / "lebak").read_bytes() == b"bukan folder" and len(list(tmp_path.iterdir())) == 1


def test_without_a_terminal_the_missing_flags_are_listed(tmp_path: Path, no_terminal: None, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init, "direct_url", lambda: '{"url": "file:///work/terang", "dir_info": {"editable": true}}')
    assert run_init([str(tmp_path / "lebak"), "--wilayah", "Kabupaten Lebak"], capsys) == (2, "", (
        "kesalahan: --sumber-terang: Terang di komputer ini tidak dipasang dari repositori git, jadi init tidak tahu dari mana CI memasangnya; "
        f"berikan --sumber-terang, misalnya \"{init.EXAMPLE_SOURCE}\", atau folder salinan Terang\n"
        "kesalahan: jawaban belum lengkap: --kode, --program, --penerbit, --sumber-terang belum diisi. Berikan sebagai pilihan, atau jalankan "
        f"di terminal untuk ditanya satu per satu (lihat: python build.py init --help){NOT_DONE}"))
    assert list(tmp_path.iterdir()) == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_each_missing_answer_is_asked_and_a_wrong_one_asked_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("terang.cli.recipes", reason="the deploy recipes (terang/cli/recipes.py) are not written yet")
    typed = iter(["Lebak", "36.04.05", "36.02", "Jaminan Sosial Pekerja Rentan", "", ""])
    asked: list[str] = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(typed))
    code, out, err = run_init([str(tmp_path / "lebak"), "--sumber-terang", SOURCE], capsys)
    assert (code, err) == (0, "36.04.05 adalah kode kecamatan (Kramatwatu), bukan kabupaten/kota; kabupaten/kotanya berkode 36.04 "
                              "(Kabupaten Serang). Kode kabupaten/kota terdiri dari dua bagian, misalnya 36.02. Coba lagi.\n")
    assert asked == ["Nama kabupaten/kota (misalnya Kabupaten Lebak): ", "Kode wilayah Kemendagri kabupaten/kota itu (misalnya 36.02): ",
                     "Kode wilayah Kemendagri kabupaten/kota itu (misalnya 36.02): ", "Nama program (misalnya Jaminan Sosial Pekerja Rentan): ",
                     "Penerbit situs [Pemerintah Kabupaten Lebak]: ", "Alamat situs saat terbit, https://... (boleh kosong, diisi nanti): "]
    config = (tmp_path / "lebak/situs.yml").read_text(encoding="utf-8").splitlines()
    assert 'judul: "Transparansi Jaminan Sosial Pekerja Rentan Kabupaten Lebak"' in config  # the official name, from its code
    assert 'penerbit: "Pemerintah Kabupaten Lebak"' in config and "# base_url: https://alamat-situs.go.id/" in config
    assert out.splitlines()[6] == f"  4. Terbitkan: python build.py --proyek {tmp_path / 'lebak'} --terbit --base-url https://alamat-situs/"


# --- the quality gates of the default site, on the site init built (with its base_url) -----------------------

def broken_links(site: Path) -> list[str]:
    """Each internal href or src (pages and stylesheets) that points at no file, or at an id its page does not have."""
    parsed = {page: parse_page(site, page) for page in html_pages(site)}
    refs = [r for p in parsed.values() for r in p.refs]
    refs += [r for css in site.rglob("*.css") for r in css_refs(css.relative_to(site).as_posix(), css.read_text(encoding="utf-8"))]
    broken = []
    for ref in (r for r in refs if not is_external(r.url)):
        target, fragment = resolve(ref.source, ref.url)
        if not (site / target).is_file() or (fragment and target in parsed and fragment not in parsed[target].ids):
            broken.append(f"{ref.source}:{ref.line}: {ref.url}")
    return broken


def weight(site: Path, page: str) -> int:
    """Bytes of a page and every local file the browser loads to show it (Pagefind's bundle and PDFs are fetched on demand)."""
    sizes = {page: (site / page).stat().st_size}
    queue = [r for r in parse_page(site, page).refs if r.loaded]
    while queue:
        ref = queue.pop()
        target, _ = resolve(ref.source, ref.url)
        if is_external(ref.url) or target in sizes or target.startswith("pagefind/") or target.endswith((".pdf", ".json")) or not (site / target).is_file():
            continue
        sizes[target] = (site / target).stat().st_size
        if target.endswith(".css"):
            queue += css_refs(target, (site / target).read_text(encoding="utf-8"))
    return sum(sizes.values())


def test_the_new_site_passes_the_html_checker_the_link_check_and_the_weight_budget(made: tuple[Path, Any]) -> None:
    site = made[0] / "site"
    assert (site / "sitemap.xml").is_file() and f'<link rel="canonical" href="{ADDRESS}">' in (site / "index.html").read_text(encoding="utf-8")
    files = html_pages(site) + sorted(p.relative_to(site).as_posix() for p in [*site.rglob("*.css"), *site.rglob("*.svg")])
    assert [str(e) for e in validate_html(site, files)] == []
    assert broken_links(site) == []
    assert {page: size for page in html_pages(site) if (size := weight(site, page)) > BUDGET} == {}


@pytest.fixture
def served(made: tuple[Path, Any]) -> Iterator[str]:
    with serve(made[0] / "site") as url:
        yield url


def test_axe_finds_no_wcag_violation_on_any_page_type_of_the_new_site(made: tuple[Path, Any], served: str, chromium: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe, violations = Axe(), {}
    for kind, page_path in one_per_type(made[0] / "site").items():
        context = chromium.new_context(viewport=PHONE)
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served) else route.abort())
        assert page.goto(served + page_path, wait_until="load").ok, page_path
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
        context.close()
        found = [f"{v['id']}: {v['help']}" for v in result.response["violations"]]
        if found:
            violations[f"{kind} ({page_path})"] = found
    assert violations == {}
