"""The editor's Decap CMS configuration is generated from Terang's declarations: every declared key is a form
field with its Indonesian label and hint, its required flag and the widget its kind calls for, and Decap's own
config check accepts the whole."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from browser import require
from helpers import ROOT
from terang.data.history import CHANGE
from terang.inputs.fields import ANGKA, BERITA, DATASET, HALAMAN, KOLOM, REGULASI, SDI, STATUS
from terang.inputs.hints import LABELS, form_hint
from terang.inputs.schema import SOURCE_FIELDS, Field
from terang.preview.cms_config import LIST_FILES, NATIONAL_KINDS, cms_config

API = "http://127.0.0.1:8000/_admin/api/v1"
TODAY = dt.date(2025, 12, 9)
TABLE_FIGURES = tuple(f for f in ANGKA if f.name != "rumus")
DATE = {"widget": "string", "pattern": [r"^\d{4}-\d{2}-\d{2}$", "tulis tanggal sebagai TTTT-BB-HH, misalnya 2025-12-09"]}

# Where each declaration lives in the configuration of the default project: (collection, file, path of keys
# from the file's top), the declaration's kind of file (terang.inputs.hints) and its keys, in order.
PLACES: list[tuple[tuple[str, ...], str, tuple[Field, ...]]] = [
    (("berita", ""), "berita", BERITA),
    (("berita", "", "sumber"), "sumber", SOURCE_FIELDS),
    (("regulasi", ""), "regulasi", REGULASI),
    (("regulasi", "", "sumber"), "sumber", SOURCE_FIELDS),
    (("halaman", ""), "halaman", HALAMAN),
    (("data", "peserta-per-segmen"), "data", DATASET),  # DATASET ends with the SDI keys
    (("data", "peserta-per-segmen", "sumber"), "sumber", SOURCE_FIELDS),
    (("data", "peserta-per-segmen", "kolom"), "kolom", KOLOM),
    (("data", "peserta-per-segmen", "angka"), "angka", TABLE_FIGURES),  # 'rumus' belongs to data/angka_kunci.yml only
    (("data", "peserta-per-segmen", "angka", "sumber"), "sumber", SOURCE_FIELDS),
    (("angka", "angka_kunci", "angka"), "angka", ANGKA),
    (("angka", "angka_kunci", "angka", "sumber"), "sumber", SOURCE_FIELDS),
    (("angka", "riwayat", "riwayat"), "riwayat", CHANGE),
]


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return cms_config(ROOT, API, today=TODAY)


def fields_at(config: dict[str, Any], place: tuple[str, ...]) -> list[dict[str, Any]]:
    """The fields at `place`: a collection, its file ('' for a folder collection), then keys of nested lists."""
    collection = next(c for c in config["collections"] if c["name"] == place[0])
    found = collection["fields"] if not place[1] else next(f for f in collection["files"] if f["name"] == place[1])["fields"]
    for key in place[2:]:
        found = next(f for f in found if f["name"] == key)["fields"]
    return found


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def walk(fields: list[dict[str, Any]], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every field, nested ones included: the `fields` of a list or object, and the one `field` of a list (its path ends in [])."""
    for field in fields:
        where = f"{path}.{field['name']}" if path else field["name"]
        yield where, field
        yield from walk(field.get("fields", []), where)
        if "field" in field:
            yield f"{where}[]", field["field"]


def every_field(config: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for collection in config["collections"]:
        for file in collection.get("files", [collection]):
            yield from walk(file["fields"], f"{collection['name']}/{file['name']}")


def test_every_declared_key_is_a_field_in_declaration_order(config: dict[str, Any]) -> None:
    # Decap writes keys in the order of its fields: the same order `python build.py new` writes them in.
    for place, _, specs in PLACES:
        names = [f["name"] for f in fields_at(config, place)]
        assert names == [s.name for s in specs] + (["body"] if place[1] == "" and len(place) == 2 else []), place
    assert {f.name for f in SDI} <= set(by_name(fields_at(config, ("data", "peserta-per-segmen"))))


def test_every_field_has_its_indonesian_label_hint_and_declared_required_flag(config: dict[str, Any]) -> None:
    for place, kind, specs in PLACES:
        fields = by_name(fields_at(config, place))
        for spec in specs:
            field = fields[spec.name]
            assert field["label"] == LABELS[kind][spec.name] and field["label"][0].isupper(), (place, spec.name)
            assert field["hint"] == form_hint(kind, spec.name) != "", (place, spec.name)
            assert field["required"] is spec.required, (place, spec.name)  # Decap's default is required: true
    unlabelled = [where for where, field in every_field(config) if not field.get("label")]
    unhinted = [where for where, field in every_field(config) if not where.endswith("[]") and not field.get("hint")]
    assert unlabelled == [] and unhinted == []


def test_form_hints_replace_only_the_yaml_syntax(config: dict[str, Any]) -> None:
    berita = by_name(fields_at(config, ("berita", "")))
    assert berita["topik"]["hint"] == "satu atau beberapa topik, satu topik per butir, misalnya jaminan sosial"
    assert berita["judul"]["hint"] == "judul berita: singkat, jelas, tanpa singkatan yang asing bagi warga"
    assert not any("[" in berita[f.name]["hint"] or "true" in berita[f.name]["hint"] for f in BERITA), "no brackets or true/false in a form's hints"


def test_widgets_follow_the_kind_of_each_key(config: dict[str, Any]) -> None:
    by_kind = {"tanggal": "string", "bilangan": "number", "ya/tidak": "boolean", "pilihan": "select", "daftar": "list",
               "sumber": "list", "kolom": "list", "angka": "list"}
    for place, _, specs in PLACES:
        fields = by_name(fields_at(config, place))
        for spec in specs:
            field, expected = fields[spec.name], by_kind.get(spec.kind)
            if spec.kind == "tanggal":
                assert {k: field[k] for k in DATE} == DATE, (place, spec.name)
            elif spec.kind == "bilangan":
                assert (field["widget"], field["value_type"], field.get("min"), field.get("max")) == \
                       ("number", "int", *(spec.span or (None, None))), (place, spec.name)
            elif spec.kind == "pilihan":
                assert (field["widget"], field["options"]) == ("select", list(spec.choices)), (place, spec.name)
            elif expected:
                assert field["widget"] == expected, (place, spec.name)
            elif spec.kind in ("slug", "daftar-slug"):  # a relation, a select of what exists, or a checked text
                assert field["widget"] in ("relation", "select", "string"), (place, spec.name)
                assert field["widget"] != "string" or field["pattern"][0] == "^[a-z0-9]+(?:-[a-z0-9]+)*$", (place, spec.name)


def test_sample_fields_exactly(config: dict[str, Any]) -> None:
    berita, regulasi = by_name(fields_at(config, ("berita", ""))), by_name(fields_at(config, ("regulasi", "")))
    assert berita["tanggal"] == {"name": "tanggal", "label": "Tanggal terbit", "hint": "tanggal terbit", "required": True,
                                 **DATE, "default": "2025-12-09"}
    assert regulasi["status"] == {"name": "status", "label": "Status", "hint": "berlaku, diubah atau dicabut", "required": True,
                                  "widget": "select", "options": ["berlaku", "diubah", "dicabut"], "default": "berlaku"}
    assert regulasi["status"]["options"] == list(STATUS)
    assert berita["regulasi"] == {
        "name": "regulasi", "label": "Regulasi yang disebut", "hint": "regulasi di content/regulasi/ yang disebut berita ini",
        "required": False, "widget": "relation", "collection": "regulasi", "value_field": "{{slug}}",
        "search_fields": ["jenis", "nomor", "tentang"], "display_fields": ["{{jenis}} Nomor {{nomor}} Tahun {{tahun}} tentang {{tentang}}"],
        "multiple": True}
    assert berita["topik"]["widget"] == "list" and berita["topik"]["field"] == {"name": "topik", "label": "Topik", "widget": "string"}
    assert berita["draf"]["default"] is False and by_name(fields_at(config, ("halaman", "")))["urutan"]["default"] == 100
    assert (regulasi["mengubah"]["multiple"], regulasi["mencabut"]["multiple"]) == (True, True)
    assert (regulasi["tahun"]["min"], regulasi["tahun"]["max"]) == (1800, 2100)
    assert berita["gambar"] == {"name": "gambar", "label": "Gambar", "hint": "pilih atau unggah gambar; gambar baru disimpan di content/gambar/",
                                "required": False, "widget": "image", "media_folder": "/content/gambar", "public_folder": "gambar",
                                "choose_url": False}  # 'gambar' is a path inside content/, as the build's path check wants
    assert (regulasi["berkas"]["widget"], regulasi["berkas"]["media_folder"], regulasi["berkas"]["public_folder"]) == ("file", "/content/berkas", "berkas")
    halaman = by_name(fields_at(config, ("halaman", "")))
    assert (halaman["pengumuman"]["max"], halaman["pengumuman"]["field"]["pattern"]) == (6, ["^.{0,200}$", "paling banyak 200 karakter"])
    assert (halaman["induk"]["collection"], halaman["induk"]["multiple"], halaman["tabel"]["collection"]) == ("halaman", False, "data")


def test_the_body_is_raw_markdown_so_figure_placeholders_survive(config: dict[str, Any]) -> None:
    # Decap's rich-text mode escapes '[' and would save [[angka:ID]] as \[\[angka:ID]].
    for name in ("berita", "regulasi", "halaman"):
        body = fields_at(config, (name, ""))[-1]
        assert (body["name"], body["widget"], body["modes"], body["required"]) == ("body", "markdown", ["raw"], False)


def test_collections_folders_and_file_names(config: dict[str, Any]) -> None:
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == ["berita", "regulasi", "halaman", "data", "angka"]
    assert [(c["folder"], c["extension"], c["format"], c["create"], c["slug"], c["identifier_field"], c["preview_path"])
            for c in config["collections"][:3]] == [
        ("content/berita", "md", "yaml-frontmatter", True, "{{fields.judul}}", "judul", "berita/{{slug}}/"),
        ("content/regulasi", "md", "yaml-frontmatter", True, "{{fields.jenis}}-{{fields.nomor}}-{{fields.tahun}}", "tentang", "regulasi/{{slug}}/"),
        ("content/halaman", "md", "yaml-frontmatter", True, "{{fields.judul}}", "judul", "{{slug}}/"),
    ]
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert [(f["name"], f["file"]) for f in collections["data"]["files"]] == [("peserta-per-segmen", "data/peserta-per-segmen.yml")]
    assert collections["data"]["files"][0]["label"] == "Pekerja rentan yang iurannya dibayar APBD 2025, per segmen"
    assert by_name(fields_at(config, ("data", "peserta-per-segmen")))["berkas"]["options"] == ["peserta-per-segmen.csv"]


def test_backend_talks_only_to_the_preview_api(config: dict[str, Any]) -> None:
    assert config["backend"] == {"name": "proxy", "proxy_url": API, "branch": "main"}
    assert "local_backend" not in config  # it would first probe the API (and without a url, localhost:8081)
    assert (config["site_url"], config["media_folder"], config["public_folder"], config["locale"]) == \
           ("http://127.0.0.1:8000/", "content/gambar", "/gambar", "en")
    assert "site_url" not in cms_config(ROOT, "/_admin/api/v1", today=TODAY)


def test_list_files_are_edited_as_one_wrapped_list(config: dict[str, Any]) -> None:
    assert LIST_FILES == {"data/angka_kunci.yml": "angka", "data/riwayat.yml": "riwayat"}
    files = {f["file"]: f["fields"] for f in next(c for c in config["collections"] if c["name"] == "angka")["files"]}
    assert {path: [(f["name"], f["widget"], f["required"]) for f in fields] for path, fields in files.items()} == {
        "data/angka_kunci.yml": [("angka", "list", False)], "data/riwayat.yml": [("riwayat", "list", False)]}


def test_a_change_names_a_key_figure_that_has_no_formula(config: dict[str, Any]) -> None:
    figure = by_name(fields_at(config, ("angka", "riwayat", "riwayat")))["angka"]
    assert (figure["widget"], figure["required"]) == ("select", True)
    assert figure["options"] == [  # perkiraan-iuran-per-tahun is computed by its 'rumus': its history follows its inputs
        {"label": "peserta-dijamin: Pekerja rentan yang iurannya dibayar APBD Kabupaten Serang (tahun anggaran 2025)", "value": "peserta-dijamin"},
        {"label": "iuran-minimum-bpu: Iuran minimum pekerja bukan penerima upah (JKK dan JKM)", "value": "iuran-minimum-bpu"},
    ]


def test_kinds_of_regulation_are_the_projects_the_publishers_and_the_national_ones(config: dict[str, Any]) -> None:
    options = by_name(fields_at(config, ("regulasi", "")))["jenis"]["options"]
    used = {yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])["jenis"] for p in (ROOT / "content/regulasi").glob("*.md")}
    assert used == {"Instruksi Presiden", "Peraturan Bupati Serang", "Peraturan Menteri Ketenagakerjaan", "Peraturan Pemerintah", "Undang-Undang"}
    publishers = {"Peraturan Daerah Kabupaten Serang", "Peraturan Bupati Serang", "Keputusan Bupati Serang"}  # penerbit: Pemerintah Kabupaten Serang
    assert options == sorted(used | publishers | set(NATIONAL_KINDS))
    assert len(options) == 14 and "Peraturan Menteri Dalam Negeri" in options


def test_a_new_project_without_tables_or_regulations(tmp_path: Path) -> None:
    (tmp_path / "situs.yml").write_text("judul: Uji\npenerbit: Pemerintah Kota Contoh\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/angka_kunci.yml").write_text("[]\n", encoding="utf-8")
    config = cms_config(tmp_path, API, today=TODAY)
    assert [c["name"] for c in config["collections"]] == ["berita", "regulasi", "halaman", "angka"]
    kinds = by_name(fields_at(config, ("regulasi", "")))["jenis"]["options"]
    assert sorted(set(kinds) - set(NATIONAL_KINDS)) == ["Keputusan Wali Kota Contoh", "Peraturan Daerah Kota Contoh", "Peraturan Wali Kota Contoh"]
    slug = ["^[a-z0-9]+(?:-[a-z0-9]+)*$", "hanya huruf kecil, angka dan tanda hubung, tanpa spasi"]
    assert by_name(fields_at(config, ("halaman", "")))["tabel"]["pattern"] == slug  # no table to choose from yet
    assert by_name(fields_at(config, ("angka", "angka_kunci", "angka")))["rincian"]["pattern"] == slug
    assert by_name(fields_at(config, ("angka", "riwayat", "riwayat")))["angka"]["pattern"] == slug


def test_the_config_is_plain_data_without_yaml_anchors(config: dict[str, Any]) -> None:
    dumped = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    assert "&id" not in dumped and "*id" not in dumped  # a shared dict would be written once and referenced
    assert yaml.safe_load(dumped) == config
    assert json.loads(json.dumps(config)) == config

    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        return all(map(plain, value)) if isinstance(value, list) else isinstance(value, (str, int, bool))
    assert plain(config)


# Decap's own check (decap-cms-core's validateConfig, with the widgets registered as decap-cms-app does), run by
# Node on the installed package. Babel's ESM output imports without file extensions and imports CommonJS by
# name, which a bundler resolves and Node does not: the hooks below do that bundler work.
HOOKS = r"""
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const FIXES = [
  ['/decap-cms-core/dist/esm/lib/i18n.js', [/^import \{ selectEntrySlug \} from .*$/m, '']],  // unused by the check
  ['/decap-cms-core/dist/esm/constants/configSchema.js', [/^import \{ (select), (uniqueItemProperties), instanceof as (instanceOf), (prohibited) \} from 'ajv-keywords\/dist\/keywords';$/m,
   "import keywords from 'ajv-keywords/dist/keywords/index.js'; const { $1, $2, instanceof: $3, $4 } = keywords;"]],
];
export async function resolve(specifier, context, next) {
  if (/^decap-cms-[a-z-]+$/.test(specifier)) {
    const manifest = createRequire(context.parentURL).resolve(`${specifier}/package.json`);
    return next(new URL(JSON.parse(readFileSync(manifest, 'utf8')).module, `file://${manifest}`).href, context);
  }
  for (const suffix of ['', '.js', '/index.js']) {
    try { return await next(specifier + suffix, context); } catch (error) { if (suffix === '/index.js') throw error; }
  }
}
export async function load(url, context, next) {
  const loaded = await next(url, context);
  const fix = FIXES.find(([end]) => url.endsWith(end));
  return fix ? { ...loaded, source: String(loaded.source).replace(...fix[1]) } : loaded;
}
"""
VALIDATE = r"""
import { register } from 'node:module';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
register(new URL('./hooks.mjs', import.meta.url));
const modules = process.argv[2];
const { validateConfig } = await import(`${modules}/decap-cms-core/dist/esm/constants/configSchema.js`);
const registry = await import(`${modules}/decap-cms-core/dist/esm/lib/registry.js`);
for (const folder of readdirSync(modules).filter(name => name.startsWith('decap-cms-widget-'))) {
  const esm = `${modules}/${folder}/dist/esm`;
  const schema = existsSync(`${esm}/schema.js`) ? (await import(`${esm}/schema.js`)).default : {};
  registry.registerWidget(readFileSync(`${esm}/index.js`, 'utf8').match(/name: '([a-z]+)'/)[1], () => null, null, schema);
}
try { validateConfig(JSON.parse(readFileSync(0, 'utf8'))); console.log('ok'); } catch (error) { console.log(String(error)); }
"""


def decap_says(config: dict[str, Any], folder: Path) -> str:
    node = require(shutil.which("node"), "Node.js", "apt-get install -y nodejs")
    modules = ROOT / "node_modules"
    require(modules / "decap-cms-core/dist/esm/constants/configSchema.js", "Decap CMS", "npm ci")
    (folder / "hooks.mjs").write_text(HOOKS, encoding="utf-8")
    (folder / "validate.mjs").write_text(VALIDATE, encoding="utf-8")
    done = subprocess.run([node, str(folder / "validate.mjs"), str(modules)], input=json.dumps(config), capture_output=True,
                          text=True, timeout=60, check=False)
    return done.stdout.strip() or done.stderr


def test_decap_accepts_the_config_and_would_refuse_a_broken_one(config: dict[str, Any], tmp_path: Path) -> None:
    assert decap_says(config, tmp_path) == "ok"
    broken = json.loads(json.dumps(config))
    del broken["collections"][1]["fields"][5]["options"]  # regulasi.status: a select without its options
    assert decap_says(broken, tmp_path).splitlines()[0] == "'collections[1].fields[5]' must have required property 'options'"
