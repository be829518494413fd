"""The publishing boundary: which files under content/ besides Markdown are published, and as what.

Only pictures (png, jpg, webp, gif; svg after terang.privacy.svg rebuilds it) and PDFs are
published; they are opened (terang.privacy.media) and what a reader could see in them is scanned with
the privacy rules. Pictures and SVGs are published as rebuilt, PDFs as they are. Every other
file, a name the build or a web host reserves, and a file name holding personal data is refused
with what to do instead.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath

from terang.data.participants import raw_files
from terang.errors import Problem
from terang.model import OutputFile
from terang.privacy.media import MAX_BYTES, PUBLISHED, Refused, inspect
from terang.privacy.rules import Hit, describe, limited, name_hits, name_problems, official_keys, scan_text
from terang.reuse import Answers, computed

# Read as configuration by web servers and hosts, in any folder: content could redirect the site or drop its headers.
HOST_NAMES = {"_headers", "_redirects", "_routes.json", "_worker.js", "web.config", ".htaccess", ".htpasswd", ".user.ini",
              "vercel.json", "now.json", "netlify.toml", "staticwebapp.config.json", "firebase.json", "cname", ".nojekyll",
              "_config.yml", ".well-known", "404.html"}
OWN_NAMES = {"sha256sums", "_headers", ".terang"}  # written by Terang to protect the site (any folder: a copy would mislead)
TOP_NAMES = {"pagefind", "aset", "robots.txt", "sitemap.xml"}  # what the build writes at the top of the site
REFUSED_KINDS = (  # suffixes and what to do with them instead
    ({".doc", ".docx", ".odt", ".rtf", ".ppt", ".pptx", ".odp", ".pages", ".key", ".wpd", ".hwp"},
     "dokumen {suffix} tidak diterbitkan apa adanya karena isinya (termasuk riwayat suntingan) tidak dapat diperiksa; ubah menjadi PDF lalu simpan PDF-nya di content/"),
    ({".csv", ".tsv", ".xls", ".xlsx", ".xlsm", ".ods", ".numbers", ".json", ".sqlite", ".db", ".sav", ".dta"},
     "tabel {suffix} tidak diterbitkan dari content/; taruh tabel di data/ dengan berkas .yml-nya (lihat docs/panduan-data.md) agar diperiksa dan diterbitkan sebagai tabel"),
    ({".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".epub", ".jar", ".apk", ".iso", ".dmg"},
     "arsip {suffix} tidak diterbitkan karena isinya tidak dapat diperiksa; terbitkan berkas di dalamnya satu per satu sebagai PDF atau gambar"),
    ({".php", ".phtml", ".phar", ".php3", ".php4", ".php5", ".php7", ".php8", ".pht", ".phps", ".cgi", ".pl", ".py", ".rb",
      ".sh", ".bash", ".asp", ".aspx", ".asa", ".ashx", ".asmx", ".cer", ".jsp", ".jspx", ".cfm", ".shtml", ".stm", ".exe",
      ".dll", ".bat", ".cmd", ".ps1", ".vbs", ".war", ".lua", ".cfg", ".conf", ".ini", ".toml", ".yml", ".yaml", ".htaccess"},
     "berkas {suffix} adalah program atau pengaturan untuk server dan tidak boleh diterbitkan; situs Terang hanya berisi halaman dan berkas statis"),
    ({".html", ".htm", ".xhtml", ".xht", ".js", ".mjs", ".swf", ".wasm", ".svgz"},
     "berkas {suffix} tidak boleh diterbitkan dari content/ karena dapat menjalankan skrip; tulis halamannya sebagai Markdown di content/halaman/"),
    ({".xml", ".xsl", ".xslt", ".rss", ".atom", ".xsd", ".dtd"},
     "berkas {suffix} tidak boleh diterbitkan dari content/ karena peramban dapat menjalankan skrip di dalamnya; terbitkan isinya sebagai PDF, halaman Markdown atau tabel di data/"),
    ({".txt", ".text", ".log"},
     "berkas {suffix} tidak diterbitkan; tulis isinya sebagai halaman Markdown di content/halaman/ atau ubah menjadi PDF"),
)
ALLOWED_TEXT = "gambar .png, .jpg, .webp, .gif, .svg atau dokumen .pdf"




def reserved_part(path: str, from_content: bool = True) -> str:
    """The first folder or file name of a site path that only the build or the web host may use, or ''.

    Files the build makes itself (`from_content` False) are only checked against OWN_NAMES: it writes 404.html.
    """
    for number, part in enumerate(path.split("/")):
        key = part.lower().rstrip(". ")  # 'Web.config.' is web.config on Windows hosts
        if key in OWN_NAMES or from_content and (key in HOST_NAMES or number == 0 and key in TOP_NAMES):
            return part
    return ""


def reserved_message(path: str, part: str) -> str:
    """Why a path with a reserved name is refused."""
    what = "berkas" if path.split("/")[-1] == part else "folder"
    key = part.lower().rstrip(". ")
    if key in OWN_NAMES:
        return f"nama {what} '{part}' dipakai oleh Terang untuk keamanan situs; ganti nama {what} ini"
    if key in HOST_NAMES:
        return f"nama {what} '{part}' dibaca server web sebagai pengaturan situs (pengalihan, header, program); ganti nama {what} ini"
    return f"nama {what} '{part}' dipakai oleh Terang untuk berkas situs itu sendiri; ganti nama {what} ini"


def boundary_problem(name: str) -> Problem | None:
    """Why a file under content/ (`name` from the project, not Markdown) cannot be published, judged by its name alone."""
    relative = name.removeprefix("content/")
    part = reserved_part(relative)
    if part:
        return Problem(name, 0, reserved_message(relative, part))
    suffix = PurePosixPath(relative).suffix.lower()
    if suffix in PUBLISHED:
        return None
    for suffixes, message in REFUSED_KINDS:
        if suffix in suffixes:
            return Problem(name, 0, message.format(suffix=suffix))
    what = f"berkas {suffix}" if suffix else "berkas tanpa akhiran jenis (seperti .pdf atau .png)"
    return Problem(name, 0, f"{what} tidak termasuk yang boleh diterbitkan ({ALLOWED_TEXT}); ubah menjadi salah satunya atau hapus dari content/")


def publish(root: Path, assets: tuple[str, ...], official_phones: tuple[str, ...] | list[str], memo: Answers | None = None,
            current: Path | None = None) -> tuple[list[OutputFile], list[Problem]]:
    """The site files made from content/'s pictures and PDFs, and the problems that keep any from being published.

    A file found clean before (`memo`: same bytes, same official numbers) is not opened again when
    the site in `current` already holds its rebuilt bytes.
    """
    official = official_keys(official_phones)
    problems = name_problems([f"content/{a}" for a in assets], official)
    files: list[OutputFile] = []
    texts: dict[str, str] = {}
    for asset in assets:
        name = f"content/{asset}"
        output, found, seen = _published(root / "content" / asset, asset, official, memo, current)
        problems += found
        if output is not None:
            files.append(output)
        for where, text in seen:  # one text per place: 'halaman 2', 'metadata gambar'
            key = f"{name}\0{where}"
            texts[key] = f"{texts[key]}\n\n{text}" if key in texts else text
        texts[f"{name}\0nama berkas"] = re.sub(r"[-_./]+", " ", asset)
    if raw_files(root, "*"):  # participant names, looked for in every text at once
        problems += [Problem(key.partition("\0")[0], 0, describe(hit, f" di {key.partition(chr(0))[2]} (nama ini ada di {origin})"))
                     for key, hit, origin in name_hits(root, texts)]
    return files, limited(problems)


def _published(path: Path, asset: str, official: frozenset[str], memo: Answers | None,
               current: Path | None) -> tuple[OutputFile | None, list[Problem], tuple[tuple[str, str], ...]]:
    """One file: its output, its problems, and its (where, text) pairs for the search of participant names."""
    name, suffix = f"content/{asset}", PurePosixPath(asset).suffix.lower()
    if os.stat(path).st_size > MAX_BYTES:
        return None, [Problem(name, 0, f"berkas ini lebih dari {MAX_BYTES // 1024 // 1024} MB; perkecil ukurannya (misalnya kompres PDF atau gambarnya)")], ()
    data = path.read_bytes()
    made: dict[str, object] = {}

    def make() -> dict[str, object]:
        media = inspect(suffix, data)
        hits = [(where, hit) for where, text in media.texts for hit in scan_text(text, official)]
        made.update(media=media, hits=hits)
        return {"teks": [[where, text] for where, text in media.texts], "temuan": len(hits),
                "sha256": hashlib.sha256(media.data).hexdigest() if media.data is not None else ""}

    question = "aset:" + ",".join(sorted(official))
    try:  # only clean answers are kept: nothing a scan found is stored
        answer = computed(question, f"{suffix}\0{hashlib.sha256(data).hexdigest()}", make, memo, keep=lambda a: a["temuan"] == 0)
    except Refused as exc:
        return None, [Problem(name, 0, exc.message)], ()
    hits: list[tuple[str, Hit]] = made.get("hits", [])  # type: ignore[assignment]
    if hits:
        return None, [Problem(name, 0, describe(hit, f" di {where}")) for where, hit in hits], ()
    seen = tuple((where, text) for where, text in answer["teks"])
    media = made.get("media")
    if media is None:
        digest = answer["sha256"]
        if not digest:
            return OutputFile(asset, name, data=data), [], seen  # a PDF: published as it is
        published = current / asset if current is not None else None
        if published is not None and published.is_file() and not published.is_symlink() and _digest(published) == digest:
            return OutputFile(asset, name, source=str(published)), [], seen
        media = inspect(suffix, data)  # the same bytes give the same rebuilt file
    rebuilt = media.data  # type: ignore[attr-defined]
    return OutputFile(asset, name, data=data if rebuilt is None else rebuilt), [], seen


def _digest(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
