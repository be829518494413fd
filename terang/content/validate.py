"""Validate stage: front matter into content models, plus checks across files."""

from __future__ import annotations

from pathlib import Path

from terang.content.markdown import PLACEHOLDER
from terang.content.read import SourceFile
from terang.content.regulations import relation_problems
from terang.errors import Problem
from terang.inputs.fields import FRONT_MATTER
from terang.inputs.paths import inside
from terang.inputs.schema import check, suggest
from terang.model import NewsItem, Page, Regulation

Item = NewsItem | Regulation | Page
RESERVED = {"berita", "regulasi", "data", "aset", "cari", "topik", "404", "pengumuman", "angka", "bagikan"}


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


NOTICE_POINTS = 6  # a notice-board page fits one A4 sheet in large type
NOTICE_CHARACTERS = 200


def notice_problems(source: SourceFile, points: tuple[str, ...]) -> list[Problem]:
    """pengumuman: a few short points, so the notice fits one printed page."""
    line = _line(source, "pengumuman") if points else 0
    problems = [Problem(source.path, line, f"'pengumuman' berisi {len(points)} butir; paling banyak {NOTICE_POINTS} agar muat di satu halaman A4")] \
        if len(points) > NOTICE_POINTS else []
    problems += [Problem(source.path, line, f"butir ke-{n} 'pengumuman' panjangnya {len(p)} karakter; paling banyak {NOTICE_CHARACTERS}, "
                                            "tulis lebih singkat dan letakkan rinciannya di isi halaman")
                 for n, p in enumerate(points, 1) if len(p) > NOTICE_CHARACTERS]
    return problems


def page_problems(pages: list[Page], datasets: list, contact_page: str = "", placeholders: frozenset[str] = frozenset()) -> list[Problem]:
    """Checks across files: a page's 'induk' is another top-level page; 'tabel'/'baris' name a row of a table;
    its notice points name figures that exist (`placeholders`: "angka:ID", "jumlah:ID", "selisih:ID");
    situs.yml's halaman_kontak is a page."""
    by_slug = {p.slug: p for p in pages}
    tables = {d.id: d for d in datasets}
    problems: list[Problem] = []
    for page in pages:
        if page.parent:
            parent = by_slug.get(page.parent)
            if parent is None:
                problems.append(Problem(page.path, page.line("induk"), f"induk '{page.parent}' tidak ada di content/halaman/" + suggest(page.parent, sorted(by_slug), "halaman yang ada")))
            elif parent.slug == page.slug or parent.parent:
                problems.append(Problem(page.path, page.line("induk"), f"induk '{page.parent}' sendiri punya induk; halaman hanya boleh satu tingkat di bawah halaman lain"))
        if page.table:
            dataset = tables.get(page.table)
            if dataset is None:
                problems.append(Problem(page.path, page.line("tabel"), f"tabel '{page.table}' tidak ada di data/" + suggest(page.table, sorted(tables), "tabel yang ada")))
            elif isinstance(found := row_of(dataset, page.row), str):
                problems.append(Problem(page.path, page.line("baris"), found))
        for number, point in enumerate(page.notice, 1):
            for kind, name in PLACEHOLDER.findall(point):  # the bodies' [[...]]; a notice has no [[tabel:]]
                if f"{kind}:{name}" not in placeholders:
                    problems.append(Problem(page.path, page.line("pengumuman"), f"butir ke-{number} 'pengumuman' menyebut [[{kind}:{name}]] yang tidak ada"
                                            + suggest(f"{kind}:{name}", sorted(placeholders), "yang ada")))
    if contact_page and contact_page not in by_slug:
        problems.append(Problem("situs.yml", 0, f"halaman_kontak '{contact_page}' tidak ada di content/halaman/" + suggest(contact_page, sorted(by_slug), "halaman yang ada")))
    return problems


def row_of(dataset, name: str) -> tuple | str:
    """The one row of `dataset` whose first column is `name`, or why there is none (a message)."""
    column = dataset.count_column
    if column is None:
        return f"tabel '{dataset.id}' tidak punya kolom jumlah (jenis bilangan) untuk ditampilkan"
    first = [str(row[0]) for row in dataset.rows]
    if first.count(name) != 1:
        how = "ada lebih dari satu baris" if first.count(name) > 1 else "tidak ada baris"
        listed = suggest(name, first, "baris yang ada") if len(first) <= 30 else ""
        return f"{how} '{name}' di kolom pertama tabel '{dataset.id}'" + listed
    return dataset.rows[first.index(name)]


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
        problems += notice_problems(source, v.get("pengumuman", ()))
        if ("tabel" in v) != ("baris" in v):
            have, need = ("tabel", "baris") if "tabel" in v else ("baris", "tabel")
            problems.append(Problem(source.path, _line(source, have), f"'{have}' perlu '{need}': tulis tabel dan baris yang jumlahnya ditampilkan halaman ini"))
        item = Page(**common, title=v["judul"], summary=v.get("ringkasan", ""), order=v.get("urutan", 100), draft=v.get("draf", False),
                    question=v.get("pertanyaan", ""), parent=v.get("induk", ""), table=v.get("tabel", ""), row=v.get("baris", ""),
                    notice=v.get("pengumuman", ()),
                    key_lines=tuple((k, _line(source, k)) for k in ("induk", "tabel", "baris", "pengumuman") if k in v))
    return (None if problems else item), problems
