"""data.json, the data catalogue portals harvest, validates against Project Open Data v1.1's published
(non-federal) JSON Schema, offline; Satu Data Indonesia metadata reaches the page, the downloads and data.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import rfc3986
from frictionless import validate
from jsonschema import Draft4Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from rfc3986 import exceptions, validators

from conftest import ROOT, Project
from terang.cli.main import main

SCHEMAS = Path(__file__).parent / "schemas" / "pod-v1.1"
BASE = "https://contoh.go.id/transparansi/"
SDI_YML = """\
konsep: Nelayan yang dijamin
definisi: Nelayan yang iuran JKK dan JKM-nya dibayar APBD kabupaten.
klasifikasi: Desa
ukuran: Jumlah nelayan
satuan: orang
frekuensi: tidak-tetap
produsen_data: Dinas Perikanan Kabupaten Contoh
kode_indikator: NLY-01
"""
SDI = {"konsep": "Nelayan yang dijamin", "definisi": "Nelayan yang iuran JKK dan JKM-nya dibayar APBD kabupaten.",
       "klasifikasi": "Desa", "ukuran": "Jumlah nelayan", "satuan": "orang", "frekuensi": "tidak-tetap",
       "produsen_data": "Dinas Perikanan Kabupaten Contoh", "kode_indikator": "NLY-01"}
URI_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
URI = validators.Validator().require_presence_of("scheme").check_validity_of(
    "scheme", "userinfo", "host", "port", "path", "query", "fragment")


def is_uri(instance: object) -> bool:
    """JSON Schema's `uri` format: an absolute URI by RFC 3986 (rfc3986, which the suite already installs).

    jsonschema checks `uri` only with an optional package; the harvester's validator has one, so this
    check stands in for it rather than letting every URL pass unchecked.
    """
    if not isinstance(instance, str):
        return True
    try:
        URI.validate(rfc3986.uri_reference(instance))
    except exceptions.ValidationError:
        return False
    return bool(URI_CHARACTERS.match(instance))


def catalog_validator() -> Draft4Validator:
    """The vendored catalog.json, its dataset schema resolved from the same folder: never from the network."""
    schemas = {name: json.loads((SCHEMAS / name).read_text(encoding="utf-8")) for name in ("catalog.json", "dataset-non-federal.json")}
    registry = Registry().with_resources(
        (schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT4)) for schema in schemas.values())
    checker = FormatChecker()
    if "uri" not in checker.checkers:
        checker.checks("uri")(is_uri)
    return Draft4Validator(schemas["catalog.json"], registry=registry, format_checker=checker)


def leaves(error: ValidationError) -> list[ValidationError]:
    """The errors under an anyOf ("an array of distributions, or null"), without the null branch's."""
    if not error.context:
        return [error]
    return [leaf for e in error.context if (e.validator, e.validator_value) != ("type", "null") for leaf in leaves(e)]


def problems(catalog: Any) -> list[str]:
    """Every schema error of a catalogue, as 'path: message', sorted (none when it is valid)."""
    found = [leaf for e in catalog_validator().iter_errors(catalog) for leaf in leaves(e)]
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found)


def package_errors(package: Path) -> list[str]:
    """Frictionless' errors for a datapackage.json and its CSV rows."""
    return [f"{kind}: {note}" for kind, note in validate(str(package)).flatten(["type", "note"])]


def site_file(site: Path, url: str) -> Path:
    """The built file an absolute URL of the site points to."""
    assert url.startswith(BASE), url
    path = url[len(BASE):]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_the_default_sites_catalogue_is_valid_and_lists_every_dataset(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["--proyek", str(ROOT), "--out", str(site), "--base-url", BASE, "-q"]) == 0
    catalog = json.loads((site / "data.json").read_text(encoding="utf-8"))
    assert problems(catalog) == []
    assert catalog["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"  # what CKAN's harvester requires
    assert catalog["@id"] == BASE + "data.json"
    assert [d["identifier"] for d in catalog["dataset"]] == [BASE + "data/angka-kunci/", BASE + "data/peserta-per-segmen/"]
    table = catalog["dataset"][1]
    assert table == {
        "@type": "dcat:Dataset",
        "title": "Pekerja rentan yang iurannya dibayar APBD 2025, per segmen",
        "description": ("Jumlah pekerja rentan di Kabupaten Serang yang iuran jaminan kecelakaan kerja dan jaminan kematiannya "
                        "dibayar APBD tahun anggaran 2025, menurut segmen pekerjaan, seperti yang diumumkan."),
        "modified": "2025-12-09",
        "identifier": BASE + "data/peserta-per-segmen/",
        "landingPage": BASE + "data/peserta-per-segmen/",
        "publisher": {"@type": "org:Organization", "name": "Pemerintah Kabupaten Serang"},
        "contactPoint": {"@type": "vcard:Contact", "fn": "Pemerintah Kabupaten Serang"},  # no e-mail is known, none is made up
        "accessLevel": "public",
        "language": ["id"],
        "keyword": ["jaminan sosial", "ketenagakerjaan", "pekerja rentan"],  # the subjek of Perbup Serang 59/2025
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "describedBy": BASE + "data/peserta-per-segmen/datapackage.json",
        "describedByType": "application/json",
        "distribution": [
            {"@type": "dcat:Distribution", "title": "peserta-per-segmen.csv", "format": "CSV", "mediaType": "text/csv",
             "downloadURL": BASE + "data/peserta-per-segmen/peserta-per-segmen.csv"},
            {"@type": "dcat:Distribution", "title": "peserta-per-segmen.json", "format": "JSON", "mediaType": "application/json",
             "downloadURL": BASE + "data/peserta-per-segmen/peserta-per-segmen.json"},
            {"@type": "dcat:Distribution", "title": "datapackage.json", "format": "Frictionless Data Package",
             "mediaType": "application/json", "downloadURL": BASE + "data/peserta-per-segmen/datapackage.json",
             "conformsTo": "https://specs.frictionlessdata.io/tabular-data-package/"},
        ],
    }
    # every link a harvester follows is a file of the site
    links = [d["landingPage"] for d in catalog["dataset"]] + [d["describedBy"] for d in catalog["dataset"]]
    links += [f["downloadURL"] for d in catalog["dataset"] for f in d["distribution"]]
    assert len(links) == 10 and [link for link in links if not site_file(site, link).is_file()] == []


def test_a_broken_catalogue_fails_validation(tmp_path: Path) -> None:
    """The check can fail: a missing title, a relative download URL, a wrong version and a contact without a name."""
    site = tmp_path / "site"
    assert main(["--proyek", str(ROOT), "--out", str(site), "--base-url", BASE, "-q"]) == 0
    catalog = json.loads((site / "data.json").read_text(encoding="utf-8"))
    table = catalog["dataset"][1]
    del table["title"]
    table["distribution"][0]["downloadURL"] = "data/peserta-per-segmen/peserta-per-segmen.csv"
    table["contactPoint"] = {"@type": "vcard:Contact"}
    catalog["conformsTo"] = "https://project-open-data.cio.gov/v1.0/schema"
    assert problems(catalog) == [
        "conformsTo: 'https://project-open-data.cio.gov/v1.0/schema' is not one of ['https://project-open-data.cio.gov/v1.1/schema']",
        "dataset/1/contactPoint: 'fn' is a required property",
        "dataset/1/distribution/0/downloadURL: 'data/peserta-per-segmen/peserta-per-segmen.csv' is not a 'uri'",
        "dataset/1: 'title' is a required property",
    ]


def test_satu_data_indonesia_metadata_is_on_the_page_in_the_downloads_and_in_the_catalogue(project: Project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"data/per-desa.yml": yml + SDI_YML})
    code, _, err = project.build("--base-url", BASE, capsys=capsys)
    assert (code, err) == (0, "")
    page = project.page("data/per-desa/index.html")
    assert ('<h2 id="metadata-sdi">Metadata Satu Data Indonesia</h2>\n<dl class="rincian">\n'
            "<dt>Konsep</dt><dd>Nelayan yang dijamin</dd>\n"
            "<dt>Definisi</dt><dd>Nelayan yang iuran JKK dan JKM-nya dibayar APBD kabupaten.</dd>\n"
            "<dt>Klasifikasi</dt><dd>Desa</dd>\n"
            "<dt>Ukuran</dt><dd>Jumlah nelayan</dd>\n"
            "<dt>Satuan</dt><dd>orang</dd>\n"
            "<dt>Frekuensi</dt><dd>Tidak tetap</dd>\n"
            "<dt>Produsen data</dt><dd>Dinas Perikanan Kabupaten Contoh</dd>\n"
            "<dt>Kode indikator</dt><dd>NLY-01</dd>\n"
            "</dl>") in page
    table = json.loads(project.page("data/per-desa/per-desa.json"))
    assert {key: table[key] for key in SDI} == SDI
    assert list(table).index("konsep") == list(table).index("sumber") + 1  # with the other metadata, before the columns
    package_path = project.path / "site/data/per-desa/datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    assert {key: package[key] for key in SDI} == SDI
    assert package_errors(package_path) == []
    catalog = json.loads(project.page("data.json"))
    assert problems(catalog) == []
    assert [d["identifier"] for d in catalog["dataset"]] == [BASE + "data/angka-kunci/", BASE + "data/per-desa/"]
    entry = catalog["dataset"][1]
    assert {key: entry[key] for key in SDI} == SDI
    assert entry["accrualPeriodicity"] == "irregular"


def test_each_frequency_is_an_iso_8601_periodicity_the_schema_accepts(project: Project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    found = {}
    for word in ("harian", "mingguan", "bulanan", "triwulanan", "empat-bulanan", "semesteran", "tahunan"):
        project.write({"data/per-desa.yml": yml + f"frekuensi: {word}\n"})
        assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
        catalog = json.loads(project.page("data.json"))
        assert problems(catalog) == []
        found[word] = catalog["dataset"][1]["accrualPeriodicity"]
    assert found == {"harian": "R/P1D", "mingguan": "R/P1W", "bulanan": "R/P1M", "triwulanan": "R/P3M",
                     "empat-bulanan": "R/P4M", "semesteran": "R/P6M", "tahunan": "R/P1Y"}
    assert "Metadata Satu Data Indonesia" in project.page("data/per-desa/index.html")
    assert "<dt>Frekuensi</dt><dd>Tahunan</dd>" in project.page("data/per-desa/index.html")


def test_an_unknown_frequency_is_refused_with_file_line_and_the_terms(project: Project, capsys) -> None:
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"data/per-desa.yml": yml + "frekuensi: sebulan sekali\n"})
    code, _, err = project.build(capsys=capsys)
    line = len(yml.splitlines()) + 1
    assert code == 1
    assert err.splitlines()[0] == (
        f"data/per-desa.yml:{line}: 'frekuensi' harus berupa salah satu dari: harian, mingguan, bulanan, triwulanan, "
        "empat-bulanan, semesteran, tahunan, tidak-tetap, bukan 'sebulan sekali'")


def test_without_metadata_nothing_is_added_and_without_base_url_there_is_no_catalogue(project: Project, capsys) -> None:
    """data.json needs absolute URLs (the schema's `uri`), so like the feeds it is only written with a base_url."""
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    site = project.path / "site"
    assert not (site / "data.json").exists()
    assert "Satu Data" not in project.page("data/per-desa/index.html")
    assert not set(SDI) & set(json.loads(project.page("data/per-desa/per-desa.json")))
    assert not set(SDI) & set(json.loads(project.page("data/per-desa/datapackage.json")))
    assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
    assert (site / "data.json").is_file()


def test_the_contact_is_the_publisher_with_its_official_phone_numbers_and_sources_with_a_url_are_references(project: Project, capsys) -> None:
    config = (project.path / "situs.yml").read_text(encoding="utf-8")
    yml = (project.path / "data/per-desa.yml").read_text(encoding="utf-8")
    project.write({"situs.yml": config + "kontak_resmi: ['0254 200123']\n",
                   "data/per-desa.yml": yml.replace("sumber: [Dinas Contoh]", "sumber: [Dinas Contoh, {nama: Portal Contoh, url: 'https://contoh.go.id/data'}]")})
    assert project.build("--base-url", BASE, capsys=capsys)[0] == 0
    catalog = json.loads(project.page("data.json"))
    assert problems(catalog) == []
    assert [d["contactPoint"] for d in catalog["dataset"]] == [
        {"@type": "vcard:Contact", "fn": "Pemerintah Kabupaten Contoh", "hasTelephone": ["0254 200123"]}] * 2
    assert [d.get("references") for d in catalog["dataset"]] == [None, ["https://contoh.go.id/data"]]  # only sources with a URL
