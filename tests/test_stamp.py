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
    project.write({"templates/aset/gaya.css": project.template("aset/gaya.css")})  # a project's own stylesheet
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


def test_a_file_saved_while_the_build_runs_is_built_the_next_time(project: Project, capsys, monkeypatch) -> None:
    from terang.build import pipeline

    read = pipeline.read_content

    def read_then_save(*args, **kwargs):  # the editor saves again right after the build has read the file
        found = read(*args, **kwargs)
        project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nDisimpan saat build berjalan.\n"})
        return found

    monkeypatch.setattr(pipeline, "read_content", read_then_save)
    built(project, capsys)
    monkeypatch.setattr(pipeline, "read_content", read)
    assert built(project, capsys).startswith("Selesai: ")
    assert "Disimpan saat build berjalan." in project.page("tentang/index.html")
    assert UP_TO_DATE.fullmatch(built(project, capsys))


def test_python_caching_bytecode_of_terang_is_not_a_change(project: Project, capsys) -> None:
    from terang.build import stamp

    built(project, capsys)
    cache = stamp.CODE / "__pycache__" / "terang-uji.cpython-0.pyc"
    cache.parent.mkdir(exist_ok=True)
    try:
        cache.write_bytes(b"x")
        assert UP_TO_DATE.fullmatch(built(project, capsys))
    finally:
        cache.unlink()
