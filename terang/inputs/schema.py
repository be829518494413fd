"""Key types and their checks: how a declared key (terang/fields.py) is validated and converted.

`check()` turns a loaded YAML mapping into clean Python values and a list of problems,
each naming the line of the offending key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from terang.errors import Problem
from terang.inputs.cells import MAX_NUMBER
from terang.inputs.yamlsafe import Located
from terang.model import Source

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates and the noncharacters
# U+FFFE/U+FFFF: none is text, and none may appear in XML 1.0.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Field:
    """A declared key: its kind decides how the value is checked and converted."""

    name: str
    kind: str  # teks, tanggal, bilangan, ya/tidak, daftar, sumber, url, pilihan, slug, daftar-slug
    required: bool = False
    choices: tuple[str, ...] = ()
    example: str = ""
    span: tuple[int, int] | None = None  # the lowest and highest value a 'bilangan' may take


KIND_HINTS = {
    "teks": "teks",
    "tanggal": "tanggal dengan format TTTT-BB-HH (contoh: 2025-12-09)",
    "bilangan": "bilangan bulat tanpa titik (contoh: 1500)",
    "ya/tidak": "true atau false",
    "daftar": "daftar teks (contoh: [jaminan sosial, nelayan])",
    "sumber": "daftar sumber, tiap sumber berupa nama atau pasangan kunci (nama, judul, url, tanggal, diakses)",
    "slug": "slug: huruf kecil, angka dan tanda hubung (contoh: perbup-1-2024)",
    "daftar-slug": "daftar slug (contoh: [perbup-1-2024])",
    "kolom": "daftar kolom, tiap kolom dengan 'nama', 'label' dan 'jenis'",
    "menu": "daftar menu, tiap butir dengan 'judul' dan 'url'",
    "kontak": "daftar kontak, tiap butir berupa nomor telepon atau pasangan kunci (nama, telepon, surel, alamat, situs, jam, sumber)",
    "angka": "daftar angka, tiap butir seperti di data/angka_kunci.yml (id, label, nilai, satuan, tanggal, sumber)",
}


def suggest(word: str, known: list[str] | tuple[str, ...], listing: str = "kunci yang dikenal") -> str:
    """ "; apakah maksud Anda 'x'?" or the list of known words, for unknown-name errors."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    if close:
        return f"; apakah maksud Anda '{close[0]}'?"
    return f"; {listing}: " + (", ".join(sorted(known)) or "(belum ada)")


def parse_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD text as a date, or None when it is not a real calendar date."""
    text = str(value).strip()
    if not DATE_RE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def check(
    located: Located,
    fields: tuple[Field, ...],
    path: str,
    offset: int = 0,
    prefix: str = "",
) -> tuple[dict[str, Any], list[Problem]]:
    """Check a mapping (at `prefix` in the document) against declared fields.

    `offset` is added to YAML line numbers (front matter starts on the file's line 2).
    Returns the converted values of the keys that were valid, and the problems found.
    """
    value = located.value
    for part in filter(None, re.split(r"\.|(?=\[)", prefix)):
        value = value[int(part[1:-1])] if part.startswith("[") else value[part]
    base_line = located.line(prefix, 1) + offset if prefix else offset + 1
    if not isinstance(value, dict):
        return {}, [Problem(path, base_line, "isinya harus berupa pasangan 'kunci: nilai'")]
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    known = {f.name: f for f in fields}
    for key, raw in value.items():
        key_path = f"{prefix}.{key}" if prefix else str(key)
        line = located.line(key_path, base_line - offset) + offset
        spec = known.get(str(key))
        if spec is None:
            problems.append(Problem(path, line, f"kunci '{key}' tidak dikenal" + suggest(str(key), list(known))))
            continue
        if spec.kind == "sumber":  # each source is checked with its own line
            sources, found = read_sources(located, path, offset, key_path, raw, line)
            problems += found
            if not found:
                clean[spec.name] = sources
            continue
        converted, message = _convert(spec, raw)
        if message:
            problems.append(Problem(path, line, message))
        else:
            clean[spec.name] = converted
    missing_line = base_line if prefix else max(offset, 1)  # front matter: its opening '---'
    for spec in fields:
        if spec.required and spec.name not in value:
            example = f" (contoh: {spec.name}: {spec.example})" if spec.example else ""
            problems.append(Problem(path, missing_line, f"kunci wajib '{spec.name}' tidak ada; tambahkan{example}"))
    return clean, problems


def _convert(spec: Field, raw: Any) -> tuple[Any, str]:
    """Convert one value; the second item is an Indonesian error message or ''."""
    converter = _CONVERTERS[spec.kind]
    result = converter(spec, raw)
    if result is _BAD:
        hint = KIND_HINTS.get(spec.kind) or "salah satu dari: " + ", ".join(spec.choices)
        shown = _show(raw)
        if spec.kind == "tanggal" and isinstance(raw, str) and DATE_RE.match(raw.strip()):
            return None, f"'{spec.name}' bukan tanggal yang sah: {shown} tidak ada di kalender (contoh: 2025-12-09)"
        if spec.kind == "ya/tidak":
            return None, f"'{spec.name}' hanya menerima true atau false, bukan {shown}; tulis {spec.name}: true atau {spec.name}: false"
        if spec.kind == "url":
            return None, url_message(spec.name, raw)
        if spec.kind == "teks" and isinstance(raw, bool):
            word = "true" if raw else "false"
            return None, f"'{spec.name}' harus berupa teks, bukan {word}; jika memang teks, apit dengan tanda kutip ({spec.name}: \"{word}\")"
        return None, f"'{spec.name}' harus berupa {hint}, bukan {shown}"
    if spec.span and not spec.span[0] <= result <= spec.span[1]:
        return None, f"'{spec.name}' harus antara {spec.span[0]} dan {spec.span[1]}, bukan {result}"
    if spec.kind not in _NESTED and (control := _control(raw)):
        return None, f"'{spec.name}' memuat karakter kendali (U+{ord(control):04X}) yang tidak terlihat; hapus karakter itu"
    return result, ""


_NESTED = ("kolom", "menu", "angka")  # lists of mappings whose readers check each item, with its own line


def _control(raw: Any) -> str:
    """The first control character in a value's texts (keys and items included), or ''.

    YAML's double-quoted escapes ("\\x01", "\\u0085") let an editor type them unseen; they are
    not allowed in XML (a broken Atom feed) and can steer a terminal. Tabs and line breaks are text.
    """
    if isinstance(raw, str):
        found = CONTROL.search(raw)
        return found.group() if found else ""
    if isinstance(raw, dict):
        return next(filter(None, map(_control, [*raw.keys(), *raw.values()])), "")
    if isinstance(raw, list):
        return next(filter(None, map(_control, raw)), "")
    return ""


def _show(raw: Any) -> str:
    text = repr(raw) if not isinstance(raw, str) else f"'{raw}'"
    return text if len(text) <= 60 else text[:57] + "..."


_BAD = object()


def _text(spec: Field, raw: Any) -> Any:
    if isinstance(raw, bool) or isinstance(raw, (dict, list)) or raw is None:
        return _BAD
    text = str(raw).strip()
    return text if text else _BAD


def _date(spec: Field, raw: Any) -> Any:
    return parse_date(raw) if isinstance(raw, str) and parse_date(raw) else _BAD


def _int(spec: Field, raw: Any) -> Any:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) < MAX_NUMBER else _BAD


def _bool(spec: Field, raw: Any) -> Any:
    return raw if isinstance(raw, bool) else _BAD


def _list(spec: Field, raw: Any) -> Any:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in raw):
        return _BAD
    return tuple(str(x).strip() for x in raw if str(x).strip())


def _slug(spec: Field, raw: Any) -> Any:
    return raw if isinstance(raw, str) and SLUG_RE.match(raw) else _BAD


def _slugs(spec: Field, raw: Any) -> Any:
    items = _list(spec, raw)
    return items if items is not _BAD and all(SLUG_RE.match(x) for x in items) else _BAD


def _choice(spec: Field, raw: Any) -> Any:
    return raw if isinstance(raw, str) and raw in spec.choices else _BAD


def _url(spec: Field, raw: Any) -> Any:
    """An absolute http(s) URL with a host, as written (surrounding spaces dropped)."""
    if not isinstance(raw, str):
        return _BAD
    text = raw.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return _BAD
    return text if parts.scheme.lower() in ("http", "https") and parts.hostname else _BAD


def url_message(name: str, raw: Any) -> str:
    """Why a URL is refused and how to write it."""
    text = str(raw).strip() if isinstance(raw, str) else ""
    fix = (f"tulis {name}: https://{text}" if HOST_FIRST.match(text)
           else "salin alamat lengkapnya dari bilah alamat peramban")
    return f"'{name}' harus berupa alamat web lengkap yang diawali https:// atau http://, bukan {_show(raw)}; {fix}"


HOST_FIRST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$", re.I)  # "publisia.id/berita/..."

# The keys of one source written as a mapping: the outlet or document, the article's title, its
# address, its date and the day it was read online.
SOURCE_FIELDS = (
    Field("nama", "teks", True, example="publisia.id"),
    Field("judul", "teks"),
    Field("url", "url"),
    Field("tanggal", "tanggal"),
    Field("diakses", "tanggal"),
)


def read_sources(located: Located, path: str, offset: int, key_path: str, raw: Any, line: int) -> tuple[tuple[Source, ...], list[Problem]]:
    """A 'sumber' value: one source or a list of them, each a name or a mapping of SOURCE_FIELDS.

    Problems name the line of the item (or of its key) and say how to fix it.
    """
    name = key_path.rsplit(".", 1)[-1]
    if isinstance(raw, (str, dict)):
        items = [(key_path, raw)]
    elif isinstance(raw, list):
        items = [(f"{key_path}[{index}]", item) for index, item in enumerate(raw)]
    else:
        return (), [Problem(path, line, f"'{name}' harus berupa {KIND_HINTS['sumber']}, bukan {_show(raw)}")]
    sources: list[Source] = []
    problems: list[Problem] = []
    for where, item in items:
        item_line = located.line(where, line - offset) + offset
        if control := _control(item):
            problems.append(Problem(path, item_line, f"'{name}' memuat karakter kendali (U+{ord(control):04X}) yang tidak terlihat; hapus karakter itu"))
        elif isinstance(item, str) and item.strip():
            sources.append(Source(item.strip()))
        elif isinstance(item, dict):
            values, found = check(located, SOURCE_FIELDS, path, offset, prefix=where)
            if "diakses" in item and "url" not in item:
                found.append(Problem(path, located.line(f"{where}.diakses", item_line - offset) + offset,
                                     "'diakses' hanya untuk sumber daring: tambahkan 'url' sumber itu, atau hapus 'diakses'"))
            problems += found
            if not found:
                sources.append(Source(values["nama"], values.get("url", ""), values.get("tanggal"), values.get("judul", ""), values.get("diakses")))
        else:
            problems.append(Problem(path, item_line, f"tiap butir '{name}' harus berupa nama sumber (contoh: publisia.id) atau pasangan kunci "
                                                     f"(nama, judul, url, tanggal, diakses), bukan {_show(item)}"))
    return tuple(sources), problems


def _mappings(spec: Field, raw: Any) -> Any:
    """A non-empty list of mappings; each item is checked by the reader that owns it."""
    return raw if isinstance(raw, list) and raw and all(isinstance(x, dict) for x in raw) else _BAD


def _contacts(spec: Field, raw: Any) -> Any:
    """A list whose items are phone numbers (text) or mappings; each mapping is checked by the reader that owns it."""
    if isinstance(raw, str):
        raw = [raw]
    ok = isinstance(raw, list) and all(isinstance(x, (str, int, dict)) and not isinstance(x, bool) for x in raw)
    return tuple(x if isinstance(x, dict) else str(x).strip() for x in raw) if ok else _BAD


_CONVERTERS: dict[str, Callable[[Field, Any], Any]] = {
    "teks": _text,
    "tanggal": _date,
    "bilangan": _int,
    "ya/tidak": _bool,
    "daftar": _list,
    "slug": _slug,
    "daftar-slug": _slugs,
    "pilihan": _choice,
    "url": _url,
    "kolom": _mappings,
    "menu": _mappings,
    "kontak": _contacts,
    "angka": _mappings,
}


def slug_problem(name: str, stem: str) -> Problem | None:
    """A file name that is not a valid slug, with the name it should have."""
    if SLUG_RE.match(stem):
        return None
    fixed = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "judul"
    return Problem(name, 0, f"nama berkas '{stem}' tidak bisa menjadi alamat halaman; ganti namanya menjadi '{fixed}' (huruf kecil, angka dan tanda hubung)")
