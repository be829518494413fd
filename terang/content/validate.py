"""Validate stage: front matter into content models, plus checks across files."""

from __future__ import annotations

from pathlib import Path

from terang.content.read import SourceFile
from terang.content.regulations import relation_problems
from terang.errors import Problem
from terang.inputs.fields import FRONT_MATTER
from terang.inputs.paths import inside
from terang.inputs.schema import check, suggest
from terang.model import NewsItem, Page, Regulation

Item = NewsItem | Regulation | Page
RESERVED = {"berita", "regulasi", "data", "aset", "cari", "topik", "404"}


def validate_sources(root: Path, sources: tuple[SourceFile, ...], regulations: frozenset[str] = frozenset()) -> tuple[list[Item], list[Problem]]:
    """Turn every source file into its model; report all problems together.

    `regulations` names regulations known besides those in `sources` (when only some files are read again).
    """
    items: list[Item] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    regulation_slugs = regulations | {s.slug for s in sources if s.kind == "regulasi"}
    for source in sources:
        key = (source.kind, source.slug)
        if key in seen:
            problems.append(Problem(source.path, 1, f"slug '{source.slug}' sudah dipakai oleh {seen[key]}; ganti nama salah satu berkas"))
            continue
        seen[key] = source.path
        values, found = check(source.meta, FRONT_MATTER[source.kind], source.path, source.meta_offset)
        problems.extend(found)
        if found:
            continue
        item, found = _build(root, source, values, regulation_slugs)
        problems.extend(found)
        if item:
            items.append(item)
    by_path = {s.path: s for s in sources}
    problems += relation_problems([i for i in items if isinstance(i, Regulation)], lambda path, key: _line(by_path[path], key), regulation_slugs)
    return items, problems


def legal_fields(v: dict) -> dict:
    """The optional JDIH fields of a regulation's front matter, as Regulation arguments."""
    keys = ("berkas_bytes", "tanggal_pengundangan", "tempat_terbit", "teu_badan", "bidang_hukum", "subjek", "bahasa", "mengubah", "mencabut")
    return {k: v[k] for k in keys if k in v}


def _line(source: SourceFile, key: str) -> int:
    return source.meta.line(key) + source.meta_offset


def _build(root: Path, source: SourceFile, v: dict, regulation_slugs: set[str]) -> tuple[Item | None, list[Problem]]:
    common = dict(slug=source.slug, path=source.path, body=source.body)
    problems: list[Problem] = []
    content = root / "content"
    if source.kind == "berita":
        if v.get("gambar") and not v.get("gambar_alt"):
            problems.append(Problem(source.path, _line(source, "gambar"), "'gambar' perlu 'gambar_alt': tulis apa yang tampak di gambar untuk pembaca tunanetra"))
        if v.get("gambar_alt") and not v.get("gambar"):
            problems.append(Problem(source.path, _line(source, "gambar_alt"), "'gambar_alt' hanya dipakai bersama 'gambar'"))
        for key in ("gambar",):
            if v.get(key):
                _, message = inside(content, v[key])
                if message:
                    problems.append(Problem(source.path, _line(source, key), message))
        for slug in v.get("regulasi", ()):
            if slug not in regulation_slugs:
                problems.append(Problem(source.path, _line(source, "regulasi"), f"regulasi '{slug}' tidak ada di content/regulasi/" + suggest(slug, sorted(regulation_slugs), "regulasi yang ada")))
        item = NewsItem(
            **common, title=v["judul"], date=v["tanggal"], summary=v["ringkasan"], topics=v["topik"],
            image=v.get("gambar", ""), image_alt=v.get("gambar_alt", ""), draft=v.get("draf", False),
            sources=v.get("sumber", ()), regulations=v.get("regulasi", ()),
        )
    elif source.kind == "regulasi":
        if v.get("berkas"):
            _, message = inside(content, v["berkas"])
            if not message and not v["berkas"].lower().endswith(".pdf"):
                message = f"'berkas' harus berupa PDF (.pdf), bukan '{v['berkas']}'"
            if message:
                problems.append(Problem(source.path, _line(source, "berkas"), message))
            else:
                v["berkas_bytes"] = (content / v["berkas"]).stat().st_size
        item = Regulation(
            **common, jenis=v["jenis"], nomor=v["nomor"], tahun=v["tahun"], tentang=v["tentang"],
            status=v["status"], singkatan=v.get("singkatan", ""), tanggal_penetapan=v.get("tanggal_penetapan"),
            berkas=v.get("berkas", ""), summary=v.get("ringkasan", ""), sources=v.get("sumber", ()),
            **legal_fields(v),
        )
    else:
        if source.slug in RESERVED:
            problems.append(Problem(source.path, 1, f"nama '{source.slug}' dipakai oleh bagian situs; ganti nama berkas halaman ini"))
        item = Page(**common, title=v["judul"], summary=v.get("ringkasan", ""), order=v.get("urutan", 100), draft=v.get("draf", False))
    return (None if problems else item), problems
