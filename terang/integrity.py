"""SHA256SUMS: a manifest of every published file, so anyone can check what was published.

The format is the one `sha256sum -c SHA256SUMS` reads (GNU coreutils), sorted by path.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import Problem
from .headers import HEADERS_FILE
from .model import OutputFile

MANIFEST = "SHA256SUMS"
UNLISTED = {MANIFEST, ".terang"}  # the manifest itself and the build's local marker


def reserved(files: list[OutputFile]) -> list[Problem]:
    """Files only the build may write: a copy from content/ would replace the real ones."""
    return [
        Problem(f.origin, 0, f"nama berkas '{f.path}' dipakai oleh Terang untuk keamanan situs; ganti nama berkas ini")
        for f in files if f.path.lower() in {MANIFEST.lower(), HEADERS_FILE, ".terang"}
    ]


def published_files(folder: Path) -> list[str]:
    """Every file of a built site that the manifest lists, as sorted POSIX paths."""
    names = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sorted(n for n in names if n not in UNLISTED)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_line(name: str, digest: str) -> str:
    """One `sha256sum` line; names with a backslash or newline are escaped the GNU way."""
    if "\\" in name or "\n" in name or "\r" in name:
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{digest}  {escaped}\n"
    return f"{digest}  {name}\n"


def manifest_text(folder: Path) -> str:
    """The manifest of a folder, as text."""
    return "".join(manifest_line(name, file_digest(folder / name)) for name in published_files(folder))


def write_manifest(staging: Path) -> list[Problem]:
    """Finisher: write SHA256SUMS over the complete staging folder (it must run last)."""
    (staging / MANIFEST).write_text(manifest_text(staging), encoding="utf-8", newline="\n")
    return []


def read_manifest(folder: Path) -> dict[str, str]:
    """The manifest of a built site as {path: digest}."""
    entries = {}
    for line in (folder / MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if digest.startswith("\\"):
            digest = digest[1:]
            name = name.replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\")
        entries[name] = digest
    return entries


def verify(folder: Path) -> list[str]:
    """What does not match the manifest (Indonesian lines); empty when the site is intact."""
    if not (folder / MANIFEST).is_file():
        return [f"{MANIFEST} tidak ada di {folder.name}/"]
    listed = read_manifest(folder)
    present = set(published_files(folder))
    wrong = [f"{name}: isi berbeda dari {MANIFEST}" for name in sorted(present & set(listed)) if file_digest(folder / name) != listed[name]]
    wrong += [f"{name}: tercantum di {MANIFEST} tetapi tidak ada" for name in sorted(set(listed) - present)]
    wrong += [f"{name}: ada tetapi tidak tercantum di {MANIFEST}" for name in sorted(present - set(listed))]
    return wrong
