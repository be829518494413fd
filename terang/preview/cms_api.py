"""The editor's local backend: Decap CMS's `proxy` protocol (what decap-server answers), in Python.

Decap POSTs {"action": ..., "params": {...}} and reads JSON back: entries as {data, file: {path,
label?, id}}, media files as {id, name, path, content, encoding}, a refusal as {"error": ...}
with status 422. Only content/ and data/ are read or written: Markdown in content/berita|regulasi|
halaman/, YAML directly in data/ (not data/mentah/), pictures and PDFs in content/gambar/ and
content/berkas/; the path rules are those of the build (terang.inputs.paths, slugs), symbolic links
are refused. Nothing is written that a build would refuse: a Markdown entry is rewritten in Terang's
layout (terang.inputs.frontmatter) and checked by the build's readers and privacy scan, a data file
by the data stage's readers, an upload by the publishing boundary; every refusal lists the build's
own messages with file and line. Files are replaced whole (a temp file, then os.replace), so the
preview's watcher sees one save and rebuilds as after a text edit. data/angka_kunci.yml and
data/riwayat.yml hold a YAML list, which Decap cannot edit: it gets them as a mapping with one key
(terang.preview.cms_config.LIST_FILES) and sends them back so, and they are written as the list.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from terang.content.assets import boundary_problem
from terang.content.read import KINDS, read_source
from terang.content.read import front_matter as split_front_matter
from terang.content.validate import validate_sources
from terang.data.datasets import CHANGES_FILE, FIGURES_FILE, read_dataset, read_figures
from terang.data.history import read_changes
from terang.data.participants import raw_files
from terang.errors import BuildFailed, Problem
from terang.inputs.config import load_config
from terang.inputs.frontmatter import BODY_HINT, front_matter, written
from terang.inputs.paths import STATE_DIR
from terang.inputs.schema import SLUG_RE, slug_problem
from terang.inputs.yamlsafe import YamlProblem, load
from terang.preview.cms_config import LIST_FILES
from terang.privacy.media import PUBLISHED, Refused as MediaRefused, inspect
from terang.privacy.rules import describe, limited, name_hits, name_problems, official_keys, scan_text, text_problems
from terang.walk import is_junk

MEDIA = ("gambar", "berkas")  # content/gambar/ for pictures, content/berkas/ for PDFs (either takes both)
FOLDERS = {**{f"content/{kind}": ".md" for kind in KINDS}, "data": ".yml"}  # entry folders and their files
WHERE = ("hanya Markdown di content/berita/, content/regulasi/ atau content/halaman/, berkas .yml langsung di data/, "
         "serta gambar dan PDF di content/gambar/ atau content/berkas/")
WORKFLOW = ("alur kerja editorial (draf, tinjauan, terbit lewat pull request) tidak ada di editor pratinjau: "
            "editor ini menyimpan langsung ke berkas proyek; alur itu untuk backend Git (lihat docs/panduan.md)")
EDITORIAL_ACTIONS = {"unpublishedEntries", "unpublishedEntry", "unpublishedEntryDataFile", "unpublishedEntryMediaFile",
                     "deleteUnpublishedEntry", "updateUnpublishedEntryStatus", "publishUnpublishedEntry"}
WRITING = threading.Lock()  # one save at a time: checks and writes of two saves never interleave


class Refusal(Exception):
    """A request the editor does not carry out; `message` is shown in the editor."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Place:
    """A file the editor may use: its name from the project, its path, and what it holds."""

    name: str  # 'content/berita/x.md'
    path: Path
    kind: str  # 'berita', 'regulasi', 'halaman', 'data' or 'media'


@dataclass(frozen=True)
class Backend:
    """The local backend of one project."""

    root: Path

    def answer(self, request: Any) -> tuple[int, Any]:
        """One request of the protocol: (HTTP status, JSON answer)."""
        action, params = (request.get("action"), request.get("params") or {}) if isinstance(request, dict) else (None, None)
        if not isinstance(action, str) or not isinstance(params, dict):
            return 422, {"error": "permintaan harus berupa JSON {\"action\": ..., \"params\": {...}}"}
        if action in EDITORIAL_ACTIONS:
            return 422, {"error": WORKFLOW}
        method = ACTIONS.get(action)
        if method is None:
            return 422, {"error": f"tindakan '{action}' tidak dikenal oleh editor pratinjau"}
        try:
            return 200, method(self, params)
        except Refusal as refusal:
            return refusal.status, {"error": refusal.message}

    # --- reading --------------------------------------------------------------------------------------

    def info(self, params: dict) -> dict:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def entries_by_folder(self, params: dict) -> list[dict]:
        folder = text(params, "folder").strip("/")
        if folder not in FOLDERS:
            raise Refusal(f"folder '{folder}' bukan folder entri editor; yang boleh: " + ", ".join(FOLDERS))
        depth = params.get("depth", 1)
        names = listed(self.root, folder, "." + text(params, "extension").lstrip("."), depth if isinstance(depth, int) else 1)
        return [entry(self.root, name) for name in names]

    def entries_by_files(self, params: dict) -> list[dict]:
        files = params.get("files")
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
            raise Refusal("parameter 'files' harus berupa daftar {path, label}")
        return [entry(self.root, text(f, "path"), f.get("label") if isinstance(f.get("label"), str) else None) for f in files]

    def get_entry(self, params: dict) -> dict:
        return entry(self.root, text(params, "path"))

    def get_media(self, params: dict) -> list[dict]:
        folder = text(params, "mediaFolder").strip("/")
        if folder not in {f"content/{m}" for m in MEDIA}:
            raise Refusal(f"folder media '{folder}' tidak dikenal; yang boleh: content/gambar dan content/berkas")
        return [media_file(name, (self.root / name).read_bytes()) for name in listed(self.root, folder, "", 1)]

    def get_media_file(self, params: dict) -> dict:
        found = place(self.root, text(params, "path"), "media")
        try:
            return media_file(found.name, found.path.read_bytes())
        except OSError:
            raise Refusal(f"berkas '{found.name}' tidak ditemukan", 404) from None

    def get_deploy_preview(self, params: dict) -> None:
        return None

    # --- writing --------------------------------------------------------------------------------------

    def persist_entry(self, params: dict) -> dict:
        options = params.get("options")
        if isinstance(options, dict) and options.get("useWorkflow"):
            raise Refusal(WORKFLOW)
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        assets = params.get("assets") or []
        if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files) or not isinstance(assets, list):
            raise Refusal("parameter 'dataFiles' (atau 'entry') dan 'assets' wajib ada")
        with WRITING:
            uploads = [self.upload(a) for a in assets]
            before = [(target, target.path.read_bytes() if target.path.is_file() else None) for target, _ in uploads]
            folders = [folder for target, _ in uploads for folder in missing(target.path.parent)]
            for target, data in uploads:  # first: the entry may name them (gambar, berkas), and the build checks they exist
                replace_file(target.path, data)
            try:
                writes = [self.entry_file(f) for f in files]
            except Exception:
                for target, data in before:  # nothing of a refused save stays
                    if data is None:
                        target.path.unlink(missing_ok=True)
                    else:
                        replace_file(target.path, data)
                for folder in reversed(folders):
                    if folder.is_dir() and not any(folder.iterdir()):
                        folder.rmdir()
                raise
            for target, data, _ in writes:
                replace_file(target.path, data)
            for target, _, moved in writes:
                if moved is not None:
                    moved.path.unlink(missing_ok=True)
        return {"message": "entry persisted"}

    def persist_media(self, params: dict) -> dict:
        asset = params.get("asset")
        with WRITING:
            target, data = self.upload(asset)
            replace_file(target.path, data)
        return media_file(target.name, data)

    def delete_file(self, params: dict) -> dict:
        name = text(params, "path")
        self.delete([name])
        return {"message": f"deleted file {name}"}

    def delete_files(self, params: dict) -> dict:
        names = params.get("paths")
        if not isinstance(names, list) or not names:
            raise Refusal("parameter 'paths' harus berupa daftar jalur")
        self.delete(names)
        return {"message": f"deleted files {', '.join(map(str, names))}"}

    def delete(self, names: list[Any]) -> None:
        """Delete files the editor may write (checked all before any goes); a missing file is no error."""
        with WRITING:
            found = [place(self.root, name) for name in names]
            folder = next((f for f in found if f.path.is_dir()), None)
            if folder is not None:
                raise Refusal(f"'{folder.name}' adalah folder; editor hanya menghapus berkas")
            for each in found:
                each.path.unlink(missing_ok=True)

    def entry_file(self, file: dict) -> tuple[Place, bytes, Place | None]:
        """A Markdown or YAML entry as it will be written, checked as a build checks it; raises Refusal with every problem."""
        old = place(self.root, text(file, "path"))
        target = place(self.root, file["newPath"]) if file.get("newPath") else old
        if target.kind == "media" or (target.kind == "data") != (old.kind == "data"):
            raise Refusal(f"'{target.name}' bukan entri; {WHERE}")
        refuse(name_problems([target.name], official(self.root)) or writable_name(target))
        raw = text(file, "raw").replace("\r\n", "\n").replace("\r", "\n")
        if target.kind == "data":
            content = unwrapped(raw, LIST_FILES[target.name], target.name) if target.name in LIST_FILES else raw.rstrip("\n") + "\n"
            refuse(data_problems(self.root, target, content))
        else:
            content = self.layout(target, raw)
            refuse(source_problems(self.root, target, content))
        return target, content.encode("utf-8"), old if old != target else None

    def layout(self, target: Place, raw: str) -> str:
        """The entry rewritten in Terang's layout: declared keys in order with their hints, then the body."""
        split = split_front_matter(raw)
        if split is None or split[1] is None:
            raise Refusal(report([Problem(target.name, 1, "berkas harus diawali front matter: baris pertama '---', lalu kunci seperti 'judul: ...', lalu '---'")]))
        front, _, body = split
        try:
            meta = load(front).value
        except YamlProblem as exc:
            raise Refusal(report([Problem(target.name, exc.line + 1, exc.message)])) from None
        if not isinstance(meta, dict):
            raise Refusal(report([Problem(target.name, 2, "front matter harus berisi pasangan 'kunci: nilai', misalnya 'judul: ...'")]))
        body = body.removeprefix(BODY_HINT)
        return front_matter(target.kind, written(target.kind, meta)) + (body.rstrip("\n") + "\n" if body.strip() else "")

    def upload(self, asset: Any) -> tuple[Place, bytes]:
        """A picture or PDF to write, after the publishing boundary and the privacy checks; raises Refusal."""
        if not isinstance(asset, dict) or asset.get("encoding") != "base64":
            raise Refusal("berkas unggahan harus berupa {path, content, encoding: 'base64'}")
        target = place(self.root, asset.get("path"), "media")
        try:
            data = base64.b64decode(text(asset, "content"), validate=True)
        except binascii.Error:
            raise Refusal(f"isi berkas '{target.name}' bukan base64 yang sah") from None
        refuse(media_problems(self.root, target, data) or writable_name(target))
        return target, data


ACTIONS = {
    "info": Backend.info, "entriesByFolder": Backend.entries_by_folder, "entriesByFiles": Backend.entries_by_files,
    "getEntry": Backend.get_entry, "persistEntry": Backend.persist_entry, "getMedia": Backend.get_media,
    "getMediaFile": Backend.get_media_file, "persistMedia": Backend.persist_media, "deleteFile": Backend.delete_file,
    "deleteFiles": Backend.delete_files, "getDeployPreview": Backend.get_deploy_preview,
}


def text(params: Any, key: str) -> str:
    """A required text parameter; raises Refusal."""
    value = params.get(key) if isinstance(params, dict) else None
    if not isinstance(value, str):
        raise Refusal(f"parameter '{key}' wajib berupa teks")
    return value


def report(problems: list[Problem]) -> str:
    """The editor's message for a refused save: every problem as the build prints it (file:line: message)."""
    return "Tidak disimpan:\n" + "\n".join(str(p) for p in sorted(set(problems)))


def refuse(problems: list[Problem]) -> None:
    """Raise a Refusal listing every problem, or return when there is none."""
    if problems:
        raise Refusal(report(problems))


# --- where the editor may read and write -------------------------------------------------------------

def place(root: Path, relative: Any, only: str = "") -> Place:
    """The file `relative` names, when the editor may use it (`only`: of that kind); raises Refusal with the reason.

    As terang.inputs.paths.inside: relative paths without '..', nothing that resolves (through a
    symbolic link) outside its folder; and only the files WHERE lists.
    """
    if not isinstance(relative, str) or not relative or "\x00" in relative:
        raise Refusal("jalur berkas kosong atau tidak sah")
    if "\\" in relative or relative.startswith("/") or relative[1:2] == ":":
        raise Refusal(f"jalur '{relative}' harus relatif terhadap folder proyek, bukan jalur mutlak")
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise Refusal(f"jalur '{relative}' tidak boleh memakai '..' untuk keluar dari folder")
    kind = kind_of(parts)
    if not kind or (only and kind != only):
        raise Refusal(f"'{relative}' tidak dapat disunting di editor; {WHERE}")
    path = root / relative
    folder = root / ("data" if kind == "data" else f"content/{parts[1]}")
    try:
        outside = path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()) or not folder.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        outside = True
    if outside:
        raise Refusal(f"'{relative}' adalah tautan simbolik atau menunjuk ke luar {folder.relative_to(root).as_posix()}/; editor tidak memakainya")
    return Place(relative, path, kind)


def kind_of(parts: list[str]) -> str:
    """What a path (split at '/') may hold: a kind of Markdown entry, 'data', 'media', or '' when it is none of them."""
    suffix = PurePosixPath(parts[-1]).suffix.lower()
    if len(parts) >= 3 and parts[0] == "content" and parts[1] in KINDS and suffix == ".md":
        return parts[1]
    if len(parts) == 2 and parts[0] == "data" and suffix == ".yml":
        return "data"
    if len(parts) == 3 and parts[0] == "content" and parts[1] in MEDIA and suffix in PUBLISHED:
        return "media"
    return ""


def writable_name(target: Place) -> list[Problem]:
    """A written file's name becomes an address: folders and name are slugs (the build's rule), lower-case suffix."""
    parts = target.name.split("/")
    stem, suffix = os.path.splitext(parts[-1])
    if target.kind == "data" and parts[-1] in (FIGURES_FILE, CHANGES_FILE):
        return []
    bad = slug_problem(target.name, stem) or next((Problem(target.name, 0, f"nama folder '{p}' harus huruf kecil, angka dan tanda hubung")
                                                    for p in parts[2:-1] if not SLUG_RE.match(p)), None)
    if bad is None and suffix != suffix.lower():
        bad = Problem(target.name, 0, f"akhiran nama berkas harus huruf kecil: '{stem}{suffix.lower()}'")
    return [bad] if bad else []


def listed(root: Path, folder: str, suffix: str, depth: int) -> list[str]:
    """Files under `folder` ending in `suffix`, `depth` folders deep at most, sorted; links, hidden files and editor junk left out."""
    found: list[str] = []

    def walk(path: Path, name: str, left: int) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            return
        for item in entries:
            if item.name.startswith(".") or is_junk(item.name) or item.is_symlink():
                continue
            if item.is_dir():
                if left > 1:
                    walk(Path(item.path), f"{name}/{item.name}", left - 1)
            elif item.name.endswith(suffix):
                found.append(f"{name}/{item.name}")

    walk(root / folder, folder, max(depth, 1))
    readable = []
    for name in found:
        try:
            place(root, name)
        except Refusal:
            continue
        readable.append(name)
    return readable


def entry(root: Path, name: str, label: str | None = None) -> dict:
    """An entry as decap-server gives it: {data, file: {path, label?, id}}; data and id null when the file is missing."""
    found = place(root, name)
    if found.kind == "media":
        raise Refusal(f"'{name}' bukan entri; {WHERE}")
    try:
        data = found.path.read_bytes()
    except OSError:
        data = None
    file = {"path": name, **({"label": label} if label is not None else {}), "id": hashlib.sha256(data).hexdigest() if data is not None else None}
    return {"data": shown(data.decode("utf-8", "replace"), name, found.kind) if data is not None else None, "file": file}


def shown(text: str, name: str, kind: str) -> str:
    """An entry as the editor edits it: a Markdown file without the body hint of `new` (it comes back on save),
    a top-level list (data/angka_kunci.yml) as the one value of a mapping (cms_config.LIST_FILES)."""
    if name in LIST_FILES:
        return wrapped(text, LIST_FILES[name])
    return text if kind == "data" else text.replace("\n---\n" + BODY_HINT, "\n---\n", 1)


def wrapped(text: str, key: str) -> str:
    """A YAML list as the value of `key`: its lines indented under 'key:' (comments kept), else dumped again."""
    try:
        value = load(text).value
    except YamlProblem:  # shown as it is: the editor reports it cannot read it
        return text
    indented = f"{key}:\n" + "".join(f"  {line}\n" if line.strip() else "\n" for line in text.splitlines())
    return indented if reads_as(indented, {key: value}) else dumped({key: value})


def unwrapped(raw: str, key: str, name: str) -> str:
    """The list the editor sent as the value of `key`, as the file's own YAML: the lines under 'key:' unindented,
    else dumped again; raises Refusal when the text is not that one mapping."""
    try:
        value = load(raw).value
    except YamlProblem as exc:
        raise Refusal(report([Problem(name, exc.line, exc.message)])) from None
    if value is not None and (not isinstance(value, dict) or set(value) - {key}):
        raise Refusal(f"{name}: editor mengirim isi yang tidak dikenal; yang diharapkan hanya daftar '{key}'")
    items = (value or {}).get(key) or []
    lines = raw.rstrip("\n").split("\n")
    if lines[0] == f"{key}:" and all(line.startswith("  ") or not line.strip() for line in lines[1:]):
        text = "".join(f"{line[2:]}\n" for line in lines[1:])
        if reads_as(text, items):
            return text
    return dumped(items)


def reads_as(text: str, value: Any) -> bool:
    """Whether the build's YAML reader reads `text` as `value`."""
    try:
        return load(text).value == value
    except YamlProblem:
        return False


def dumped(value: Any) -> str:
    """A value as block-style YAML (long texts kept on one line)."""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


def media_file(name: str, data: bytes) -> dict:
    """A media file as decap-server gives it."""
    return {"id": hashlib.sha256(data).hexdigest(), "name": PurePosixPath(name).name, "path": name,
            "content": base64.b64encode(data).decode("ascii"), "encoding": "base64"}


def missing(folder: Path) -> list[Path]:
    """The folders on the way to `folder` that do not exist yet, outermost first."""
    return [f for f in [*reversed(folder.parents), folder] if not f.exists()]


def replace_file(path: Path, data: bytes) -> None:
    """Write a file whole: a temp file beside it (named as editor junk, which the watcher and the build skip), then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.is_file() else 0o644
    handle, temp = tempfile.mkstemp(prefix=".#", suffix=".terang", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- the build's checks on one file ------------------------------------------------------------------

def official(root: Path) -> frozenset[str]:
    """The official contact numbers of situs.yml, which the privacy scan lets through."""
    config, _ = load_config(root)
    return official_keys(config.official_phones if config else ())


def scanned(root: Path, texts: dict[str, str]) -> list[Problem]:
    """The build's privacy scan of these texts (NIK, unlisted phone numbers, participant names)."""
    try:
        return text_problems(root, texts, official(root))
    except BuildFailed as failed:  # a participant file too large to read
        return list(failed.problems)


def source_problems(root: Path, target: Place, content: str) -> list[Problem]:
    """What a build would say about this Markdown text at `target`: its reader, its validation, the privacy scan."""
    with tempfile.TemporaryDirectory(prefix="editor-", dir=state_dir(root)) as folder:
        path = Path(folder) / target.path.name
        path.write_text(content, encoding="utf-8")
        source, problems = read_source(root, path, target.kind, None, target.name)
        if source is not None:
            regulations = frozenset(p.stem for p in (root / "content" / "regulasi").rglob("*.md"))
            problems += validate_sources(root, (source,), regulations)[1]
    return problems + scanned(root, {target.name: content})


def data_problems(root: Path, target: Place, content: str) -> list[Problem]:
    """What the data stage's readers say about this YAML text at `target`, read from a copy of data/ that holds it."""
    try:
        load(content)
    except YamlProblem as exc:
        return [Problem(target.name, exc.line, exc.message)]
    file = target.path.name
    with tempfile.TemporaryDirectory(prefix="editor-", dir=state_dir(root)) as folder:
        copy = Path(folder)
        if file not in (FIGURES_FILE, CHANGES_FILE):
            mirror(root / "data", copy / "data")  # the dataset's table or participant files
        written_to = copy / "data" / file
        written_to.parent.mkdir(parents=True, exist_ok=True)
        written_to.unlink(missing_ok=True)  # a hard link to the project's file: never written through
        written_to.write_text(content, encoding="utf-8")
        try:
            if file == FIGURES_FILE:
                problems = read_figures(copy)[1]
            elif file == CHANGES_FILE:
                problems = read_changes(copy, read_figures(root)[0])[1]
            else:
                problems = read_dataset(copy, written_to)[1]
        except BuildFailed as failed:
            problems = list(failed.problems)
    return problems + scanned(root, {target.name: content})


def state_dir(root: Path) -> Path:
    """Terang's own folder in the project (on the project's disk: hard links to data/ work there)."""
    folder = root / STATE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def mirror(source: Path, copy: Path) -> None:
    """`source` again at `copy`: folders made, files hard-linked (copied where links are not possible), links as links."""
    for folder, names, files in os.walk(source):
        here = copy / Path(folder).relative_to(source)
        here.mkdir(parents=True, exist_ok=True)
        for name in files + [n for n in names if os.path.islink(os.path.join(folder, n))]:
            original = os.path.join(folder, name)
            if os.path.islink(original):
                os.symlink(os.readlink(original), here / name)
                continue
            try:
                os.link(original, here / name)
            except OSError:
                shutil.copy2(original, here / name)


def media_problems(root: Path, target: Place, data: bytes) -> list[Problem]:
    """Why a picture or PDF may not be published, as a build judges it: its name, what it is, what a reader can see in it."""
    phones = official(root)
    refused = boundary_problem(target.name)
    if refused is not None:
        return [refused]
    problems = name_problems([target.name], phones)
    if problems:
        return problems
    try:
        media = inspect(PurePosixPath(target.name).suffix.lower(), data)
    except MediaRefused as exc:
        return [Problem(target.name, 0, exc.message)]
    problems = [Problem(target.name, 0, describe(hit, f" di {where}")) for where, seen in media.texts for hit in scan_text(seen, phones)]
    try:
        if not problems and raw_files(root, "*"):
            texts: dict[str, str] = {"nama berkas": re.sub(r"[-_./]+", " ", target.name)}
            for where, seen in media.texts:
                texts[where] = f"{texts[where]}\n\n{seen}" if where in texts else seen
            problems = [Problem(target.name, 0, describe(hit, f" di {where} (nama ini ada di {origin})")) for where, hit, origin in name_hits(root, texts)]
    except BuildFailed as failed:
        problems = list(failed.problems)
    return limited(problems)
