"""Nothing changed: the build says so at once and leaves site/ as it is; any change builds again."""

from __future__ import annotations

import os
import re

from conftest import Project

UP_TO_DATE = re.compile(r"Tidak ada yang berubah sejak build terakhir: (\d+) halaman \((\d+) berkas\) di .+/ sudah terbaru \(\d+,\d\d detik\)\. Pakai --clean untuk membangun ulang semuanya\.")


def built(project: Project, capsys, *args: str) -> str:
    code, out, err = project.build(*args, capsys=capsys)
    assert code == 0, err
    return out.splitlines()[0]


def test_a_second_build_with_nothing_changed_takes_the_fast_path(project: Project, capsys) -> None:
    first = built(project, capsys)
    inode = (project.path / "site").stat().st_ino
    second = built(project, capsys)
    match = UP_TO_DATE.fullmatch(second)
    assert match and first.startswith(f"Selesai: {match[1]} halaman ({match[2]} berkas)")
    assert (project.path / "site").stat().st_ino == inode  # not swapped: nothing was written


def test_any_change_of_input_option_or_output_builds_again(project: Project, capsys) -> None:
    built(project, capsys)
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nBerubah.\n"})
    assert built(project, capsys).startswith("Selesai: ")
    assert UP_TO_DATE.fullmatch(built(project, capsys))
    assert built(project, capsys, "--drafts").startswith("Selesai: ")
    assert built(project, capsys, "--drafts").startswith("Tidak ada yang berubah")
    page = project.path / "site" / "tentang" / "index.html"
    page.write_text("diubah tangan", encoding="utf-8")
    assert built(project, capsys, "--drafts").startswith("Selesai: ")
    assert "Berubah." in page.read_text(encoding="utf-8")
    (project.path / "templates" / "aset" / "gaya.css").touch()
    os.utime(project.path / "templates" / "aset" / "gaya.css", ns=(1, 1))
    assert built(project, capsys, "--drafts").startswith("Selesai: ")
    assert built(project, capsys, "--drafts", "--clean").startswith("Selesai: ")


def test_the_search_index_counts_by_its_folders_and_file_names(project: Project, capsys) -> None:
    built(project, capsys)
    assert UP_TO_DATE.fullmatch(built(project, capsys))
    stray = project.path / "site" / "pagefind" / "fragment" / "tambahan.pf_fragment"
    stray.write_bytes(b"x")  # a file added by hand: the folder changed
    assert built(project, capsys).startswith("Selesai: ")
    assert not stray.exists()
    assert UP_TO_DATE.fullmatch(built(project, capsys))
