"""Read stage: find the source files under content/ and split front matter from body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .model import Body
from .paths import prefix_length
from .schema import SLUG_RE
from .textmemo import TextMemo, computed
from .yamlsafe import Located, YamlProblem, load

KINDS = ("berita", "regulasi", "halaman")
FENCE = re.compile(r"^(---|\.\.\.)\s*$")


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file, its front matter (with key lines) and its body."""

    path: str  # relative to the project, with forward slashes
    kind: str
    slug: str
    meta: Located
    body: Body
    meta_offset: int = 1  # YAML line N is file line N + meta_offset


@dataclass(frozen=True)
class ContentFiles:
    sources: tuple[SourceFile, ...]
    assets: tuple[str, ...]  # other files under content/, relative to content/


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()



def read_content(root: Path, memo: TextMemo | None = None) -> tuple[ContentFiles, list[Problem]]:
    """Read every file under content/: Markdown sources by kind, everything else as assets (front matter parsed through `memo`)."""
    content = root / "content"
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    assets: list[str] = []
    if not content.is_dir():
        return ContentFiles((), ()), [Problem("content", 0, "folder content/ tidak ditemukan")]
    prefix = prefix_length(root)
    # Sorted as Path objects sort (part by part), with the parts computed once, not in every comparison.
    for path in sorted(content.rglob("*"), key=lambda p: p.parts):
        name = path.as_posix()[prefix:]  # relative to the project: rglob gives paths under it
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            problems.append(Problem(name, 0, "tautan simbolik ini menunjuk ke luar proyek; salin berkasnya ke dalam content/"))
            continue
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix.lower() != ".md":
            assets.append(name[len("content/"):])
            continue
        parts = name.split("/")[1:]
        if parts[0] not in KINDS or len(parts) < 2:
            problems.append(Problem(name, 0, "berkas Markdown harus berada di content/berita/, content/regulasi/ atau content/halaman/"))
            continue
        source, found = read_source(root, path, parts[0], memo, name)
        problems.extend(found)
        if source:
            sources.append(source)
    return ContentFiles(tuple(sources), tuple(assets)), problems


def slug_problem(name: str, stem: str) -> Problem | None:
    """A file name that is not a valid slug, with the name it should have."""
    if SLUG_RE.match(stem):
        return None
    fixed = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "judul"
    return Problem(name, 0, f"nama berkas '{stem}' tidak bisa menjadi alamat halaman; ganti namanya menjadi '{fixed}' (huruf kecil, angka dan tanda hubung)")


def read_source(root: Path, path: Path, kind: str, memo: TextMemo | None = None, name: str | None = None) -> tuple[SourceFile | None, list[Problem]]:
    """Split one Markdown file into front matter and body (`name`: its path from the project, when known)."""
    name = name or rel(root, path)
    bad_slug = slug_problem(name, path.stem)
    if bad_slug:
        return None, [bad_slug]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]) or lines[0].startswith("."):
        return None, [Problem(name, 1, "berkas harus diawali front matter: baris pertama '---', lalu kunci seperti 'judul: ...', lalu '---'")]
    end = next((i for i in range(1, len(lines)) if FENCE.match(lines[i])), None)
    if end is None:
        return None, [Problem(name, 1, "front matter tidak ditutup; tambahkan baris '---' setelah kunci terakhir")]
    try:
        front = "\n".join(lines[1:end])
        meta = computed("yaml", front, lambda: load(front), memo)
    except YamlProblem as exc:
        return None, [Problem(name, exc.line + 1, exc.message)]
    if not isinstance(meta.value, dict):
        return None, [Problem(name, 2, "front matter harus berisi pasangan 'kunci: nilai', misalnya 'judul: ...'")]
    body = Body(name, end + 2, "\n".join(lines[end + 1 :]))
    return SourceFile(name, kind, path.stem, meta, body), []
