"""The preview rebuilds once per burst of saves, once the inputs have been still for a moment."""

from __future__ import annotations

from conftest import Project
from terang.preview.watch import Debouncer, changed, snapshot


def test_a_burst_of_saves_gives_one_rebuild() -> None:
    debouncer = Debouncer({"a.md": (1, 1)}, quiet=0.3)
    saves = [{"a.md": (2, 1)}, {"a.md": (3, 1)}, {"a.md": (3, 1), "b.md": (4, 1)}]  # three saves, 0.1 s apart
    decisions = [debouncer.update(s, t) for s, t in zip(saves, (0.0, 0.1, 0.2))]
    decisions += [debouncer.update(saves[-1], t) for t in (0.3, 0.45, 0.55, 0.7, 1.0)]
    assert decisions == [False, False, False, False, False, True, False, False]
    assert debouncer.built == saves[-1]


def test_no_change_no_rebuild_and_a_reverted_edit_is_no_change() -> None:
    debouncer = Debouncer({"a.md": (1, 1)})
    assert debouncer.update({"a.md": (2, 1)}, 0.0) is False
    assert debouncer.update({"a.md": (1, 1)}, 0.1) is False  # saved back as it was before settling
    assert [debouncer.update({"a.md": (1, 1)}, t) for t in (1.0, 2.0)] == [False, False]


def test_the_snapshot_covers_inputs_but_not_hidden_or_backup_files(project: Project) -> None:
    project.write({"content/berita/.kabar.md.swp": "x", "content/berita/kabar-baik.md~": "x", "site/index.html": "x",
                   "templates/base.html": project.template("base.html"), "templates/aset/gaya.css": project.template("aset/gaya.css")})
    names = sorted(snapshot(project.path))
    assert names == [
        "content/berita/kabar-baik.md", "content/halaman/tentang.md", "content/regulasi/perbup-1-2024.md",
        "data/angka_kunci.yml", "data/per-desa.csv", "data/per-desa.yml", "situs.yml",
    ] + sorted(n for n in names if n.startswith("templates/"))
    assert "templates/base.html" in names and "templates/aset/gaya.css" in names


def test_changed_lists_added_removed_and_modified_files() -> None:
    assert changed({"a": (1, 1), "b": (1, 1)}, {"a": (2, 1), "c": (1, 1)}) == ["a", "b", "c"]
