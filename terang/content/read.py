"""Read stage: find the source files under content/ and split front matter from body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from terang.content.assets import boundary_problem
from terang.errors import Problem
from terang.inputs.schema import slug_problem
from terang.inputs.yamlsafe import Located, YamlProblem, load
from terang.model import Body
from terang.reuse import Answers, computed
from terang.walk import is_junk, tree

KINDS = ("berita", "regulasi", "halaman")
FENCE = re.compile(r"^(---|\.\.\.)\s*$")
HIDDEN_FILE = "berkas tersembunyi (namanya diawali titik) tidak boleh ada di content/; hapus berkas ini atau ganti namanya"
HIDDEN_FOLDER = ("folder tersembunyi (namanya diawali titik, misalnya .git) tidak boleh ada di content/ karena seluruh isinya, "
                 "termasuk naskah yang sudah dihapus, bisa ikut terbit; pindahkan folder ini ke luar content/")


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


def read_content(root: Path, memo: Answers | None = None) -> tuple[ContentFiles, list[Problem]]:
    """Read every file under content/: Markdown sources by kind, everything else as assets (front matter parsed through `memo`)."""
    content = root / "content"
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    assets: list[str] = []
    if not content.is_dir():
        return ContentFiles((), ()), [Problem("content", 0, "folder content/ tidak ditemukan")]
    hidden: list[str] = []  # dot-folders reported: nothing below them is looked at
    for name, entry in tree(str(content), "content/"):
        # names relative to the project, in the order sorted(rglob()) gives; DirEntry spares a stat per file
        if hidden and name.startswith(hidden[-1]):
            continue
        if is_junk(entry.name):
            continue
        if entry.name.startswith("."):
            folder = entry.is_dir(follow_symlinks=False)
            if folder:
                hidden.append(name + "/")
            problems.append(Problem(name, 0, HIDDEN_FOLDER if folder else HIDDEN_FILE))
            continue
        if entry.is_symlink():  # a link could publish any file, such as data/mentah/'s participant lists
            problems.append(Problem(name, 0, "tautan simbolik tidak boleh ada di content/ karena bisa menerbitkan berkas dari tempat lain "
                                             "(misalnya data/mentah/); salin berkasnya ke dalam content/"))
            continue
        if entry.is_dir():
            continue
        if not name.lower().endswith(".md"):
            refused = boundary_problem(name)
            if refused is not None:
                problems.append(refused)
            else:
                assets.append(name[len("content/"):])
            continue
        parts = name.split("/")[1:]
        if parts[0] not in KINDS or len(parts) < 2:
            problems.append(Problem(name, 0, "berkas Markdown harus berada di content/berita/, content/regulasi/ atau content/halaman/"))
            continue
        source, found = read_source(root, Path(entry.path), parts[0], memo, name)
        problems.extend(found)
        if source:
            sources.append(source)
    return ContentFiles(tuple(sources), tuple(assets)), problems


def front_matter(text: str) -> tuple[str, int | None, str] | None:
    """(front matter, index of its closing line, body) of a text with '\\n' line ends; None without an opening
    '---'; index None when it is not closed. Only the front matter's lines are looked at, not the body's."""
    newline = text.find("\n")
    first = text if newline < 0 else text[:newline]
    if not FENCE.match(first) or first.startswith("."):
        return None
    start = position = newline + 1
    index = 1
    while newline >= 0:
        newline = text.find("\n", position)
        if FENCE.match(text[position:] if newline < 0 else text[position:newline]):
            return text[start:max(start, position - 1)], index, "" if newline < 0 else text[newline + 1:]
        position, index = newline + 1, index + 1
    return "", None, ""


def read_source(root: Path, path: Path, kind: str, memo: Answers | None = None, name: str | None = None) -> tuple[SourceFile | None, list[Problem]]:
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
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    split = front_matter(text)
    if split is None:
        return None, [Problem(name, 1, "berkas harus diawali front matter: baris pertama '---', lalu kunci seperti 'judul: ...', lalu '---'")]
    front, end, rest = split
    if end is None:
        return None, [Problem(name, 1, "front matter tidak ditutup; tambahkan baris '---' setelah kunci terakhir")]
    try:
        meta = computed("yaml", front, lambda: load(front), memo)
    except YamlProblem as exc:
        exc = exc.shifted(1)  # front matter starts on the file's line 2 (lines in the message too)
        return None, [Problem(name, exc.line, exc.message)]
    if not isinstance(meta.value, dict):
        return None, [Problem(name, 2, "front matter harus berisi pasangan 'kunci: nilai', misalnya 'judul: ...'")]
    body = Body(name, end + 2, rest)
    return SourceFile(name, kind, path.stem, meta, body), []
