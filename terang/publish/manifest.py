"""SHA256SUMS: a manifest of every published file, so anyone can check what was published.

The format is the one `sha256sum -c SHA256SUMS` reads (GNU coreutils), sorted by path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from terang.digest import sha256_file as file_digest
from terang.errors import Problem
from terang.model import OutputFile
from terang.walk import Listing, identity, listing

MANIFEST = "SHA256SUMS"
HEX64 = re.compile(r"[0-9a-f]{64}")
UNLISTED = {MANIFEST}  # the manifest itself; the build's marker `.terang` is published, so it is listed too


def reserved(files: list[OutputFile]) -> list[Problem]:
    """Names only the build or the web host may use (terang.content.assets.reserved_part): content must not claim them."""
    from terang.content.assets import reserved_message, reserved_part  # the publishing boundary keeps the list

    found = ((f, reserved_part(f.path, f.origin.startswith("content/"))) for f in files)
    return [Problem(f.origin, 0, reserved_message(f.path, part)) for f, part in found if part]


def published_files(folder: Path, files: Listing | None = None) -> list[str]:
    """Every file of a built site that the manifest lists (regular files, links neither followed nor listed), sorted."""
    return sorted(n for n in (files if files is not None else listing(folder, follow=False)) if n not in UNLISTED)


def manifest_line(name: str, digest: str) -> str:
    """One `sha256sum` line; names with a backslash or newline are escaped the GNU way."""
    if "\\" in name or "\n" in name or "\r" in name:
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{digest}  {escaped}\n"
    return f"{digest}  {name}\n"


ESCAPES = {"\\": "\\", "n": "\n", "r": "\r"}  # the escapes manifest_line writes, read back by unescape


def unescape(name: str) -> str | None:
    """A name escaped by manifest_line, read left to right (so '\\\\n' is a backslash and 'n'); None for an
    escape it never writes."""
    out, chars = [], iter(name)
    for char in chars:
        if char == "\\":
            char = ESCAPES.get(next(chars, ""), "")
            if not char:
                return None
        out.append(char)
    return "".join(out)


def manifest_text(folder: Path, known: dict[str, Any] | None = None, files: Listing | None = None) -> str:
    """The manifest of a folder, as text; `known` digests are reused for the very same files, and updated.

    `files` is the folder's listing when the caller has it (terang.walk), else the folder is walked.
    """
    files = files if files is not None else listing(folder, follow=False)  # one stat per file: the identities that spare digests
    names = published_files(folder, files)
    base = os.fspath(folder)
    if known is None:
        return "".join(manifest_line(name, file_digest(f"{base}/{name}")) for name in names)
    text = "".join(manifest_line(name, _digest(f"{base}/{name}", files[name], name, known)) for name in names)
    for gone in set(known) - set(names):  # files of earlier sites
        del known[gone]
    return text


def _digest(path: str, info: os.stat_result, name: str, known: dict[str, Any]) -> str:
    """A file's digest, from `known` when it is the same file (terang.walk.identity) as then."""
    seen, now = known.get(name), [*identity(info)]
    if (type(seen) is list and len(seen) == len(now) + 1 and seen[:-1] == now
            and type(seen[-1]) is str and HEX64.fullmatch(seen[-1])):  # read back from disk: data, checked
        return seen[-1]
    digest = file_digest(path)
    known[name] = [*now, digest]
    return digest


def write_manifest(staging: Path, known: dict[str, Any] | None = None, files: Listing | None = None) -> list[Problem]:
    """Finisher: write SHA256SUMS over the complete staging folder (it must run last).

    Unchanged files are hard links to the published site's (terang.publish.write.place), the
    same files: with `known` digests of an earlier build (updated here), their digests are not
    computed again. `files`: the staging folder's listing (terang.walk), when the caller has one.
    """
    (staging / MANIFEST).write_text(manifest_text(staging, known, files), encoding="utf-8", newline="\n")
    return []


def read_manifest(folder: Path) -> dict[str, str]:
    """The manifest of a built site as {path: digest}."""
    entries = {}
    for line in (folder / MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if digest.startswith("\\"):
            digest, name = digest[1:], unescape(name) or name
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
