"""Shared fixtures: a scratch project written from a dict of files, and its build runners (helpers shared
by the test files are in tests/helpers.py)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from terang.build.stamp import fingerprint, remember
from terang.cli.common import options, output_folder
from terang.cli.main import main, parser, settings
from terang.site.theme import THEME

from browser import chromium, site_url  # noqa: F401  (session fixtures of the browser checks)
from helpers import ROOT, per_desa_yml

if TYPE_CHECKING:
    from terang.build.incremental import Stats

TINY_CONFIG = """\
judul: Transparansi Program Contoh
deskripsi: Situs uji kabupaten contoh.
penerbit: Pemerintah Kabupaten Contoh
lisensi: CC BY 4.0
ringkasan_program: Kabupaten Contoh membayar iuran untuk 30 nelayan.
angka_beranda: [peserta]
menu:
  - judul: Beranda
    url: /
  - judul: Berita
    url: /berita/
"""


def tiny_files() -> dict[str, str]:
    """The smallest complete project: one of each kind, another regency, no Serang."""
    return {
        "situs.yml": TINY_CONFIG,
        "content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\n---\nIsi berita dengan [[angka:peserta]].\n",
        "content/regulasi/perbup-1-2024.md": "---\njenis: Peraturan Bupati Contoh\nnomor: \"1\"\ntahun: 2024\ntentang: Uji coba\nstatus: berlaku\n---\nPenjelasan.\n",
        "content/halaman/tentang.md": "---\njudul: Tentang\n---\nHalaman tentang. Lihat [berita](/berita/kabar-baik/).\n",
        "data/angka_kunci.yml": "- id: peserta\n  label: Nelayan yang dijamin\n  nilai: 30\n  satuan: orang\n  tanggal: 2024-01-01\n  sumber: [Dinas Contoh]\n  rincian: per-desa\n",
        "data/per-desa.yml": per_desa_yml(),
        "data/per-desa.csv": "desa,jumlah\nSatu,10\nDua,20\n",
    }


class Project:
    """A scratch project under tmp_path: no templates/ of its own, so the package's theme is used unless a test
    overrides a template (project.template() gives its text to start from)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)  # no templates/: the package's theme (terang/site/theme.py) is used

    def template(self, name: str) -> str:
        """A template's text as a build loads it: the project's templates/<name>, else the theme's (terang/theme/)."""
        own = self.path / "templates" / name
        return (own if own.is_file() else THEME / name).read_text(encoding="utf-8")

    def write(self, files: dict[str, str | bytes]) -> "Project":
        for name, text in files.items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return self

    def remove(self, name: str) -> None:
        (self.path / name).unlink()

    def build(self, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
        code = main(["--proyek", str(self.path), "--out", str(self.path / "site"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    def build_stats(self, *args: str) -> Stats:
        """Build in this process as `python build.py` with `args` does, always (as with --verbose): the build's statistics.

        What a build rendered again and what it reused is read here, not from the --verbose line. The
        options come from the command line's own parser, and the no-change stamp is written as the
        command writes it, so a later build() finds what it would after the command.
        """
        from terang.build import pipeline

        parsed = parser().parse_args(["--proyek", str(self.path), "--out", str(self.path / "site"), *args])
        root, out = Path(parsed.proyek).resolve(), output_folder(parsed)
        before = fingerprint(root, out, settings(parsed))
        built = options(parsed, clean=parsed.clean, on_swapped=lambda pages, files: remember(root, out, before, pages, files))
        return pipeline.build(built).stats

    def page(self, url: str) -> str:
        return (self.path / "site" / url).read_text(encoding="utf-8")

    def failing_rebuild(self, capsys: pytest.CaptureFixture[str]) -> str:
        """Add a page and build again: the build must fail and keep the old site. Its first error line."""
        before = self.page("index.html")
        self.write({"content/halaman/baru.md": "---\njudul: Baru\n---\nIsi.\n"})
        code, _, err = self.build(capsys=capsys)
        assert code == 1
        assert self.page("index.html") == before and not (self.path / "site/baru").exists()
        return err.splitlines()[0]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "proyek").write(tiny_files())


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real default site, built once per test session."""
    out = tmp_path_factory.mktemp("default") / "site"
    assert main(["--proyek", str(ROOT), "--out", str(out), "-q"]) == 0
    return out
