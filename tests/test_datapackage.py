"""Every published datapackage.json validates with the real Frictionless framework, rows included."""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import validate

from helpers import GROUPS, PARTICIPANTS_YML, columns, participants


def errors(package: Path) -> list[str]:
    """The validator's errors for one package and its local CSV rows, one line each (none when valid)."""
    report = validate(str(package))
    return [f"{package}: {kind}: {note}" for kind, note in report.flatten(["type", "note"])]


def packages(site: Path) -> list[Path]:
    """Every datapackage.json a site publishes."""
    return sorted(site.glob("data/*/datapackage.json"))


def test_every_package_of_the_default_site_is_valid(default_site: Path) -> None:
    found = packages(default_site)
    assert [p.parent.name for p in found] == ["angka-kunci", "peserta-per-segmen"]
    assert [e for p in found for e in errors(p)] == []


EVERY_KIND_YML = """\
judul: Semua jenis kolom
deskripsi: Satu kolom untuk tiap jenis.
tanggal: 2025-12-09
sumber: [{nama: Portal Contoh, url: 'https://contoh.go.id/data'}]
berkas: semua-jenis.csv
format_angka: inggris
""" + columns(wilayah="wilayah", periode="periode", tanggal="tanggal", jumlah="bilangan", rasio="desimal", cakupan="persen",
              iuran="rupiah", catatan="teks")
EVERY_KIND_CSV = "wilayah,periode,tanggal,jumlah,rasio,cakupan,iuran,catatan\n36.04.05,2025-12,2025-12-09,30,0.25,45.5,16800,Satu\n"


def test_every_package_of_a_site_with_participant_aggregates_is_valid(project, capsys) -> None:
    project.write({"data/peserta.yml": PARTICIPANTS_YML, "data/mentah/peserta.csv": participants(GROUPS),
                   "data/semua-jenis.yml": EVERY_KIND_YML, "data/semua-jenis.csv": EVERY_KIND_CSV})
    code, _, err = project.build(capsys=capsys)
    assert (code, err) == (0, "")
    found = packages(project.path / "site")
    assert [p.parent.name for p in found] == ["angka-kunci", "per-desa", "peserta", "semua-jenis"]
    assert [e for p in found for e in errors(p)] == []
    kinds = json.loads(found[3].read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]
    assert [f["type"] for f in kinds] == ["string", "string", "yearmonth", "date", "integer", "number", "number", "number", "string"]
    # the rows were read: hidden cells count as missing values, not as type errors
    assert validate(str(found[2])).tasks[0].stats["rows"] == 5
    package = json.loads(found[2].read_text(encoding="utf-8"))
    del package["resources"][0]["schema"]["missingValues"]
    found[2].write_text(json.dumps(package), encoding="utf-8")
    assert [e.split(": ", 2)[1] for e in errors(found[2])] == ["type-error"] * 4  # '×', '×', '×', '<5'


def test_an_invalid_package_is_caught(project, capsys) -> None:
    """The check can fail: a date-only 'created' and a text cell in an integer column are both reported."""
    assert project.build(capsys=capsys)[0] == 0
    folder = project.path / "site/data/per-desa"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["created"] = "2024-01-01"
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert [e.split(": ", 1)[1] for e in errors(folder / "datapackage.json")] == [
        'package-error: property "created" is not valid "datetime"']
    package["created"] = "2024-01-01T00:00:00Z"
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    (folder / "per-desa.csv").write_text("desa,jumlah\nSatu,sepuluh\nDua,20\n", encoding="utf-8")
    assert [e.split(": ", 2)[1] for e in errors(folder / "datapackage.json")] == ["type-error"]


def test_created_is_the_datasets_date_and_sources_carry_title_and_path(project, capsys) -> None:
    project.write({"data/per-desa.yml": (project.path / "data/per-desa.yml").read_text(encoding="utf-8").replace(
        "sumber: [Dinas Contoh]",
        "sumber:\n  - Dinas Contoh\n  - {nama: Portal Contoh, url: 'https://contoh.go.id/data', tanggal: 2024-01-05}")})
    assert project.build(capsys=capsys)[0] == 0
    package = json.loads(project.page("data/per-desa/datapackage.json"))
    assert package["created"] == "2024-01-01T00:00:00Z"
    assert package["sources"] == [{"title": "Dinas Contoh"},
                                  {"title": "Portal Contoh", "path": "https://contoh.go.id/data", "issued": "2024-01-05"}]
    assert package["contributors"] == [{"title": "Pemerintah Kabupaten Contoh", "role": "publisher"}]
    assert errors(project.path / "site/data/per-desa/datapackage.json") == []
