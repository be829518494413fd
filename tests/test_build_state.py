"""The build state: one folder, one header with one code key, a namespace per output folder.

What a build reuses is read from its result's statistics (terang.build.incremental.Stats), never
from console text.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import Project

from terang.build.pipeline import Options, build
from terang.build.store import CACHE_DIR, code_key, namespace

PACKAGE = Path(__file__).resolve().parent.parent / "terang"

RUN = """
import dataclasses, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import terang
assert terang.__file__.startswith(sys.argv[1]), terang.__file__  # this copy of Terang, not the installed one
from terang.build.pipeline import Options, build
result = build(Options(root=Path(sys.argv[2]), out=Path(sys.argv[2]) / "site"))
print(json.dumps(dataclasses.asdict(result.stats)))
"""


def stats_with(code: Path, project: Project) -> dict[str, int]:
    """Build `project` with the copy of Terang in `code`, in a fresh process; the result's statistics."""
    done = subprocess.run([sys.executable, "-c", RUN, str(code), str(project.path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_editing_a_module_in_a_subpackage_makes_the_next_build_scan_every_output_file_again(project: Project, tmp_path: Path) -> None:
    code = tmp_path / "kode"
    shutil.copytree(PACKAGE, code / "terang", ignore=shutil.ignore_patterns("__pycache__"))
    first = stats_with(code, project)
    assert first["scans_reused"] == 0 and first["files_scanned"] > 0
    again = stats_with(code, project)
    assert again["files_scanned"] == 1 and again["scans_reused"] == first["files_scanned"] - 1  # only the marker .terang, new every build
    assert again["pages_rendered"] == 0
    module = code / "terang/privacy/output.py"  # a module inside a subpackage
    module.write_text(module.read_text(encoding="utf-8") + "\n# a change of the code\n", encoding="utf-8")
    changed = stats_with(code, project)
    assert changed["scans_reused"] == 0 and changed["files_scanned"] == first["files_scanned"]
    assert changed["pages_reused"] == 0 and changed["markdown_reused"] == 0  # the code key covers every stage


def test_a_second_build_reuses_everything_and_clean_reuses_nothing(project: Project) -> None:
    options = Options(root=project.path, out=project.path / "site")
    first = build(options).stats
    again = build(options).stats
    assert (again.markdown_rendered, again.pages_rendered, again.files_scanned) == (0, 0, 1)  # the marker .terang is new every build
    assert (again.markdown_reused, again.pages_reused, again.scans_reused) == (first.markdown_rendered, first.pages_rendered, first.files_scanned - 1)
    clean = build(dataclasses.replace(options, clean=True)).stats
    assert dataclasses.astuple(clean) == dataclasses.astuple(first)


def test_the_state_is_one_folder_with_a_namespace_per_output_folder(project: Project) -> None:
    build(Options(root=project.path, out=project.path / "site"))
    build(Options(root=project.path, out=project.path / "lain"))
    state = project.path / CACHE_DIR
    site, other = namespace(project.path, project.path / "site"), namespace(project.path, project.path / "lain")
    assert sorted(p.name for p in site.iterdir()) == ["cari.jsonl", "halaman.jsonl", "pindai.jsonl", "sha256.jsonl"]
    assert sorted(p.name for p in state.iterdir()) == ["keluaran", "markdown", "teks.jsonl"]  # (and stamp.json, written by the command)
    for path in [*site.iterdir(), *(state / "markdown").iterdir(), state / "teks.jsonl"]:
        header = json.loads(path.read_bytes().partition(b"\n")[0])
        assert header["kode"] == code_key()  # one code key in every file
        assert header.get("keluaran", "") in ("", str((project.path / "site").resolve()))  # shared files name no output folder
    assert other.is_dir()
    shutil.rmtree(project.path / "lain")  # an output folder that is gone loses its state at the next build
    build(Options(root=project.path, out=project.path / "site"))
    assert sorted(p.name for p in (state / "keluaran").iterdir()) == [site.name]


def test_state_of_earlier_versions_is_removed_unread(project: Project) -> None:
    beside = [project.path / name for name in (".site.pindai.json", ".site.sha256.json", ".site.cari.json")]
    old = [project.path / CACHE_DIR / "teksmemo.jsonl", project.path / CACHE_DIR / "keluaran" / "0123456789abcdef.jsonl"]
    for path in [*beside, *old]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"isi": {}}\n', encoding="utf-8")
    build(Options(root=project.path, out=project.path / "site"))
    assert [p for p in [*beside, *old] if p.exists()] == []
