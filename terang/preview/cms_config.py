"""The Decap CMS configuration of the editor at /_admin/, generated from Terang's own field declarations.

Every declared key (terang.inputs.fields, terang.data.history.CHANGE, schema.SOURCE_FIELDS) becomes a form
field in declaration order, with its Indonesian label and hint (terang.inputs.hints), its required flag and
the widget its kind calls for; a few keys get a widget of their own (relations to regulations, pages and
tables, uploads, the body). Choices that depend on the project (kinds of regulation, table files, figure
ids, the tables themselves) are read from the project each time, so reloading the editor sees new ones.

data/angka_kunci.yml and data/riwayat.yml hold a YAML list at their top level, which Decap 3.16 cannot
edit (decaporg/decap-cms#531: fields need a name, and its list widget has no `root` option). The editor
sees each as a mapping with one key, LIST_FILES[path]: the preview's API wraps the list on read and
unwraps it on write.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from terang.content.read import read_source
from terang.content.validate import NOTICE_CHARACTERS, NOTICE_POINTS
from terang.data.datasets import CHANGES_FILE, FIGURES_FILE, dataset_ids
from terang.data.history import CHANGE
from terang.inputs.config import CONFIG_FILE
from terang.inputs.fields import ANGKA, BERITA, DATASET, HALAMAN, KOLOM, REGULASI
from terang.inputs.hints import LABELS, form_hint
from terang.inputs.schema import SLUG_RE, SOURCE_FIELDS, Field
from terang.inputs.yamlsafe import read_list, read_yaml
from terang.urls import item_url

Widget = dict[str, Any]

BRANCH = "main"
LOCALE = "en"  # Decap 3.16 ships no Indonesian phrases (decap-cms-locales has no 'id'); its English is the fallback
LIST_FILES = {f"data/{FIGURES_FILE}": "angka", f"data/{CHANGES_FILE}": "riwayat"}
TABLE_FIGURES = tuple(f for f in ANGKA if f.name != "rumus")  # a table's yml restates figures; only angka_kunci.yml computes them
TABLE_SUFFIXES = (".csv", ".xlsx")
PROSE = frozenset({"ringkasan", "deskripsi", "keterangan", "catatan", "definisi", "alasan"})  # sentences: a text area
REGULATION_TITLE = "{{jenis}} Nomor {{nomor}} Tahun {{tahun}} tentang {{tentang}}"  # model.Regulation.title, then 'tentang'
# Kinds of regulation offered besides the project's own: the national ones a regency cites most often.
NATIONAL_KINDS = (
    "Undang-Undang", "Peraturan Pemerintah Pengganti Undang-Undang", "Peraturan Pemerintah", "Peraturan Presiden",
    "Keputusan Presiden", "Instruksi Presiden", "Peraturan Menteri Dalam Negeri", "Peraturan Menteri Keuangan",
    "Peraturan Menteri Ketenagakerjaan", "Peraturan Menteri Sosial", "Peraturan Menteri Kesehatan",
)
PUBLISHER = re.compile(r"^Pemerintah\s+(Kabupaten|Kota|Provinsi)\s+(\S.*)$")
REGIONAL_KINDS = {  # the publisher's own kinds, by the kind of region named in situs.yml's 'penerbit'
    "Kabupaten": ("Peraturan Daerah Kabupaten {}", "Peraturan Bupati {}", "Keputusan Bupati {}"),
    "Kota": ("Peraturan Daerah Kota {}", "Peraturan Wali Kota {}", "Keputusan Wali Kota {}"),
    "Provinsi": ("Peraturan Daerah Provinsi {}", "Peraturan Gubernur {}", "Keputusan Gubernur {}"),
}
# Where Terang has a default, a new entry starts with it: the build reads a missing 'draf' as false and orders a
# page without 'urutan' as 100 (terang.content.validate); `new regulasi` writes status berlaku. cms_config adds
# today as a new news item's date, as `new berita` does.
DEFAULTS: dict[str, dict[str, Any]] = {"berita": {"draf": False}, "halaman": {"draf": False, "urutan": 100}, "regulasi": {"status": "berlaku"}}
# The body in Decap's raw Markdown mode only: its rich-text mode escapes '[' and so breaks every [[angka:ID]].
BODY = {"name": "body", "label": "Isi", "widget": "markdown", "modes": ["raw"], "required": False,
        "hint": "ditulis dengan Markdown: ## Subjudul, **tebal**, - daftar, [tautan](/alamat/); angka disisipkan dengan [[angka:ID]], tidak diketik ulang"}


@dataclass(frozen=True)
class Forms:
    """How this project's declared keys become form fields: by their kind, unless `widgets` names a widget of
    their own (by kind of file, then key); `defaults` are the values a new entry starts with."""

    widgets: dict[str, dict[str, Widget]]
    defaults: dict[str, dict[str, Any]]

    def fields(self, kind: str, specs: tuple[Field, ...]) -> list[dict[str, Any]]:
        """The form fields of declared keys, in declaration order (the order Decap writes them in)."""
        made = []
        for spec in specs:
            default = self.defaults.get(kind, {})
            made.append({"name": spec.name, "label": LABELS[kind][spec.name], "hint": form_hint(kind, spec.name),
                         "required": spec.required, **copied(self.widgets.get(kind, {}).get(spec.name) or self.by_kind(kind, spec)),
                         **({"default": default[spec.name]} if spec.name in default else {})})
        return made

    def by_kind(self, kind: str, spec: Field) -> Widget:
        """The widget a key's kind calls for (terang.inputs.schema.Field.kind)."""
        if spec.kind == "tanggal":
            return date()
        if spec.kind == "bilangan":
            return {"widget": "number", "value_type": "int", **({"min": spec.span[0], "max": spec.span[1]} if spec.span else {})}
        if spec.kind == "ya/tidak":
            return {"widget": "boolean"}
        if spec.kind == "pilihan":
            return {"widget": "select", "options": list(spec.choices)}
        if spec.kind in ("daftar", "daftar-slug"):
            item = {"name": spec.name, "label": LABELS[kind][spec.name], "widget": "string"}
            return {"widget": "list", "field": {**item, "pattern": slug_pattern()} if spec.kind == "daftar-slug" else item}
        if spec.kind == "slug":
            return {"widget": "string", "pattern": slug_pattern()}
        if spec.kind == "url":
            return {"widget": "string", "pattern": ["^https?://[^\\s/]+", "alamat lengkap yang diawali https:// atau http://"]}
        if spec.kind == "sumber":
            return self.objects("sumber", SOURCE_FIELDS, "{{fields.nama}}")
        if spec.kind == "kolom":
            return self.objects("kolom", KOLOM, "{{fields.nama}}: {{fields.label}}")
        if spec.kind == "angka":
            return self.objects("angka", TABLE_FIGURES, "{{fields.id}}: {{fields.label}}")
        return {"widget": "text" if spec.name in PROSE else "string"}

    def objects(self, kind: str, specs: tuple[Field, ...], summary: str) -> Widget:
        """A list whose items are mappings of declared keys."""
        return {"widget": "list", "label_singular": kind, "summary": summary, "fields": self.fields(kind, specs)}


def cms_config(root: Path, api_url: str, today: dt.date | None = None) -> dict[str, Any]:
    """The whole Decap configuration for the project at `root`, talking to the preview's API at `api_url`.

    Plain JSON-able data (dicts, lists, str, int, bool) for yaml.safe_dump; `today` dates a new news item."""
    tables = sorted(dataset_ids(root))
    dated = {**DEFAULTS, "berita": {**DEFAULTS["berita"], "tanggal": (today or dt.date.today()).isoformat()}}
    forms = Forms(project_widgets(root, tables), dated)
    origin = urlsplit(api_url)
    return {
        # The proxy backend is the protocol of decap-server's local mode. Named here (rather than through
        # local_backend), every request goes to api_url and Decap never probes localhost:8081.
        "backend": {"name": "proxy", "proxy_url": api_url, "branch": BRANCH},
        "locale": LOCALE,
        **({"site_url": f"{origin.scheme}://{origin.netloc}/"} if origin.netloc else {}),
        "media_folder": "content/gambar",
        "public_folder": "/gambar",  # an image in a body is linked by its site path; the 'gambar' key sets its own
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},  # file names as terang.urls.slugify makes them
        "editor": {"preview": False},  # Decap's preview pane is not the site: each entry's preview link opens the real one
        "collections": [
            folder("berita", "Berita", forms.fields("berita", BERITA), slug="{{fields.judul}}", identifier="judul", sort="tanggal"),
            folder("regulasi", "Regulasi", forms.fields("regulasi", REGULASI), slug="{{fields.jenis}}-{{fields.nomor}}-{{fields.tahun}}",
                   identifier="tentang", summary=REGULATION_TITLE),
            folder("halaman", "Halaman", forms.fields("halaman", HALAMAN), slug="{{fields.judul}}", identifier="judul", sort="urutan"),
            *([datasets(root, tables, forms)] if tables else []),
            figures(forms),
        ],
    }


def folder(kind: str, label: str, keys: list[dict[str, Any]], slug: str, identifier: str, summary: str = "", sort: str = "") -> dict[str, Any]:
    """A folder of Markdown files under content/: its front matter keys, then the body."""
    drafts = any(key["name"] == "draf" for key in keys)
    return {
        "name": kind, "label": label, "label_singular": label.lower(), "folder": f"content/{kind}",
        "extension": "md", "format": "yaml-frontmatter", "create": True, "slug": slug, "identifier_field": identifier,
        **({"summary": summary} if summary else {}),
        "preview_path": item_url(kind, "{{slug}}"),
        **({"sortable_fields": [{"field": sort, "default_sort": "desc" if sort == "tanggal" else "asc"}, identifier]} if sort else {}),
        **({"view_filters": [{"label": "Draf", "field": "draf", "pattern": True}]} if drafts else {}),
        "fields": [*keys, copied(BODY)],
    }


def datasets(root: Path, ids: list[str], forms: Forms) -> dict[str, Any]:
    """One form per table description data/<id>.yml. A files collection: Decap's `filter` compares a key's value, not
    a file name, so a folder collection of data/*.yml would also offer data/angka_kunci.yml and data/riwayat.yml."""
    return {
        "name": "data", "label": "Tabel data", "label_singular": "tabel",
        "description": "Keterangan setiap tabel di data/. Tabel baru: simpan berkas CSV atau XLSX beserta .yml-nya di data/ "
                       "(lihat docs/panduan-data.md), lalu muat ulang editor.",
        "files": [{"name": stem, "label": table_title(root, stem), "file": f"data/{stem}.yml", "preview_path": item_url("data", stem),
                   "fields": forms.fields("data", DATASET)} for stem in ids],
    }


def figures(forms: Forms) -> dict[str, Any]:
    """data/angka_kunci.yml and data/riwayat.yml, each edited as the one list that LIST_FILES names."""
    def whole(path: str, label: str, kind: str, specs: tuple[Field, ...], summary: str, hint: str) -> dict[str, Any]:
        return {"name": Path(path).stem, "label": label, "file": path, "fields": [
            {"name": LIST_FILES[path], "label": label, "hint": hint, "required": False, **forms.objects(kind, specs, summary)}]}

    return {"name": "angka", "label": "Angka kunci", "label_singular": "angka", "files": [
        whole(f"data/{FIGURES_FILE}", "Angka kunci", "angka", ANGKA, "{{fields.id}}: {{fields.label}}",
              "setiap angka yang diumumkan, dengan tanggal dan sumbernya; tulisan menyisipkannya dengan [[angka:ID]]"),
        whole(f"data/{CHANGES_FILE}", "Riwayat angka", "riwayat", CHANGE, "{{fields.angka}} {{fields.tanggal}}",
              "catat setiap perubahan angka yang sudah terbit; jangan hapus perubahan lama"),
    ]}


def project_widgets(root: Path, tables: list[str]) -> dict[str, dict[str, Widget]]:
    """The keys whose widget is not the one their kind calls for, with the choices this project offers now."""
    table = relation("data", ["judul"], ["judul"], False) if tables else None  # no table yet: a slug, as its kind says
    regulation = relation("regulasi", ["jenis", "nomor", "tentang"], [REGULATION_TITLE], False)
    regulations = relation("regulasi", ["jenis", "nomor", "tentang"], [REGULATION_TITLE], True)
    upload = {"choose_url": False}  # an address on another site is refused by the build: pick or upload a file
    files, ids = table_files(root, tables), figure_options(root)
    return {
        "berita": {"regulasi": regulations, "gambar": {"widget": "image", "media_folder": "/content/gambar", "public_folder": "gambar", **upload}},
        "regulasi": {"jenis": {"widget": "select", "options": regulation_kinds(root)}, "mengubah": regulations, "mencabut": regulations,
                     "berkas": {"widget": "file", "media_folder": "/content/berkas", "public_folder": "berkas", **upload}},
        "halaman": {"induk": relation("halaman", ["judul"], ["judul"], False), **({"tabel": table} if table else {}),
                    "pengumuman": {"widget": "list", "max": NOTICE_POINTS, "field": {
                        "name": "pengumuman", "label": "Poin", "widget": "string",
                        "pattern": [f"^.{{0,{NOTICE_CHARACTERS}}}$", f"paling banyak {NOTICE_CHARACTERS} karakter"]}}},
        "angka": {"dasar_hukum": regulation, **({"rincian": table} if table else {})},
        "data": {"dasar_hukum": regulation, **({"berkas": {"widget": "select", "options": files}} if files else {})},
        "riwayat": {"angka": {"widget": "select", "options": ids}} if ids else {},
    }


def relation(collection: str, search: list[str], display: list[str], multiple: bool) -> Widget:
    """A choice among the entries of another collection, stored as their file names without extension."""
    return {"widget": "relation", "collection": collection, "value_field": "{{slug}}", "search_fields": search,
            "display_fields": display, "multiple": multiple}


def date() -> Widget:
    """A date typed as YYYY-MM-DD, as the files hold it; the save runs the build's own check of it.

    Not Decap's datetime widget: a browser's date input cannot hold an impossible date, so a typed
    one never reached the build's message, and date pickers move a date-only value by a day in time
    zones east of UTC unless every one is set to UTC.
    """
    return {"widget": "string", "pattern": [r"^\d{4}-\d{2}-\d{2}$", "tulis tanggal sebagai TTTT-BB-HH, misalnya 2025-12-09"]}


def slug_pattern() -> list[str]:
    """Decap's [regular expression, message] for a value that must be a slug (schema.SLUG_RE)."""
    return [SLUG_RE.pattern, "hanya huruf kecil, angka dan tanda hubung, tanpa spasi"]


def copied(value: Any) -> Any:
    """A fresh copy of nested dicts and lists: an object used twice would become a YAML anchor in config.yml."""
    if isinstance(value, dict):
        return {k: copied(v) for k, v in value.items()}
    return [copied(v) for v in value] if isinstance(value, list) else value


def regulation_kinds(root: Path) -> list[str]:
    """The 'jenis' a regulation may take: those the project's regulations use, the publisher's own and the national ones."""
    used = set()
    for path in sorted((root / "content" / "regulasi").glob("*.md")):
        source, _ = read_source(root, path, "regulasi")
        kind = source.meta.value.get("jenis") if source else None
        if isinstance(kind, str) and kind.strip():
            used.add(kind.strip())
    match = PUBLISHER.match(text_value(root, CONFIG_FILE, "penerbit"))
    regional = {kind.format(match.group(2)) for kind in REGIONAL_KINDS[match.group(1)]} if match else set()
    return sorted(used | regional | set(NATIONAL_KINDS))


def table_files(root: Path, tables: list[str]) -> list[str]:
    """The files a table description may name: the CSV and XLSX files in data/, and those the descriptions name now."""
    found = {p.name for p in (root / "data").glob("*") if p.suffix.lower() in TABLE_SUFFIXES} if tables else set()
    return sorted(found | {named for stem in tables if (named := text_value(root, f"data/{stem}.yml", "berkas"))})


def table_title(root: Path, stem: str) -> str:
    """A table's 'judul', or its file name while it has none."""
    return text_value(root, f"data/{stem}.yml", "judul") or f"{stem}.yml"


def text_value(root: Path, name: str, key: str) -> str:
    """The text of one top-level key of a YAML file of the project, or '' (no file, no key, not text, bad YAML)."""
    located, _ = read_yaml(root, name) if (root / name).is_file() else (None, [])
    value = located.value.get(key) if located and isinstance(located.value, dict) else None
    return value.strip() if isinstance(value, str) else ""


def figure_options(root: Path) -> list[dict[str, str]]:
    """The key figures a change may name: those with a 'nilai' (a figure with a 'rumus' changes with its inputs)."""
    located, _ = read_list(root, f"data/{FIGURES_FILE}", "id")
    return [{"label": f"{item['id']}: {item['label']}" if isinstance(item.get("label"), str) else item["id"], "value": item["id"]}
            for item in (located.value if located else []) if isinstance(item, dict) and isinstance(item.get("id"), str) and "rumus" not in item]
