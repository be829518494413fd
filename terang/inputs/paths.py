"""A project's own folders, and the rule that paths named in front matter and data files stay inside the project."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

INPUTS = ("content", "data", "templates", "situs.yml")  # everything a build reads, from the project folder
STATE_DIR = Path(".cache") / "terang"  # what Terang keeps between builds and previews (terang.build.store)


def inside(base: Path, relative: str) -> tuple[Path | None, str]:
    """Resolve `relative` under `base`; the message says why it is refused, or is ''."""
    if not relative or "\x00" in relative:
        return None, "jalur berkas kosong"
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        return None, f"jalur '{relative}' harus relatif terhadap {base.name}/, bukan jalur mutlak"
    if ".." in pure.parts:
        return None, f"jalur '{relative}' tidak boleh memakai '..' untuk keluar dari {base.name}/"
    target = base / pure
    try:
        resolved = target.resolve()
    except OSError:
        return None, f"jalur '{relative}' tidak dapat dibaca"
    if not resolved.is_relative_to(base.resolve()):
        return None, f"'{relative}' menunjuk ke luar {base.name}/ (tautan simbolik?); salin berkasnya ke dalam {base.name}/"
    if not target.is_file():
        return None, f"berkas '{relative}' tidak ditemukan di {base.name}/; periksa nama dan foldernya"
    return target, ""


def escapes(root: Path, path: Path) -> bool:
    """Whether `path` (or a symbolic link on its way) leads outside the project folder."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except OSError:
        return True

