"""Regulations as JDIH documents: legal fields, relations both ways, filters, PDF, JSON-LD."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import Project
from helpers import pdf

OLD = """---
jenis: Peraturan Bupati Contoh
singkatan: Perbup
nomor: "1"
tahun: 2024
tentang: Uji coba
status: {status}
---
Penjelasan.
"""

NEW = """---
jenis: Peraturan Bupati Contoh
singkatan: Perbup
nomor: "7"
tahun: 2025
tentang: Perubahan uji coba
status: berlaku
tanggal_penetapan: 2025-02-03
tanggal_pengundangan: 2025-02-04
tempat_terbit: Kabupaten Contoh
teu_badan: Kabupaten Contoh
bidang_hukum: Hukum Administrasi Negara
subjek: [jaminan sosial, nelayan]
bahasa: Bahasa Indonesia
berkas: naskah/perbup-7-2025.pdf
{relation}: [perbup-1-2024]
---
Perubahan.
"""

PDF = pdf(size=3080)  # 3.080 bytes: shown as 3 KB


def amended(project: Project, relation: str = "mengubah", status: str = "diubah") -> Project:
    return project.write({
        "content/regulasi/perbup-1-2024.md": OLD.format(status=status),
        "content/regulasi/perbup-7-2025.md": NEW.format(relation=relation),
        "content/naskah/perbup-7-2025.pdf": PDF,
    })


def main_of(html: str) -> str:
    return html.split('<main id="isi"', 1)[1].split("</main>", 1)[0]


def built_pair(project: Project, capsys, relation: str = "mengubah", status: str = "diubah") -> tuple[str, str]:
    """The amended() project built: the main part of the earlier regulation's page and of the later one's."""
    code, _, err = amended(project, relation, status).build(capsys=capsys)
    assert (code, err) == (0, "")
    return main_of(project.page("regulasi/perbup-1-2024/index.html")), main_of(project.page("regulasi/perbup-7-2025/index.html"))


def json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S)
    assert block, "no JSON-LD block"
    return json.loads(block.group(1))


def test_an_amendment_is_shown_on_both_regulations(project: Project, capsys) -> None:
    old, new = built_pair(project, capsys)
    assert '<div class="peringatan" role="note">\n<p><strong>Status: diubah.</strong>' in old
    assert '<p>Diubah oleh: <a href="../perbup-7-2025/index.html">Peraturan Bupati Contoh Nomor 7 Tahun 2025</a>.</p>' in old
    assert '<dt>Mengubah</dt> <dd><a href="../perbup-1-2024/index.html">Peraturan Bupati Contoh Nomor 1 Tahun 2024</a></dd>' in new


def test_a_repeal_is_shown_on_both_regulations(project: Project, capsys) -> None:
    old, new = built_pair(project, capsys, "mencabut", "dicabut")
    assert "<strong>Status: dicabut.</strong> Peraturan ini sudah dicabut dan tidak berlaku lagi." in old
    assert '<p>Dicabut oleh: <a href="../perbup-7-2025/index.html">Peraturan Bupati Contoh Nomor 7 Tahun 2025</a>.</p>' in old
    assert '<dt>Mencabut</dt> <dd><a href="../perbup-1-2024/index.html">' in new


def test_all_jdih_fields_are_shown(project: Project, capsys) -> None:
    amended(project).build(capsys=capsys)
    page = main_of(project.page("regulasi/perbup-7-2025/index.html"))
    for row in [
        "<dt>Jenis</dt> <dd>Peraturan Bupati Contoh (Perbup)</dd>",
        "<dt>Tanggal penetapan</dt> <dd>3 Februari 2025</dd>",
        "<dt>Tanggal pengundangan</dt> <dd>4 Februari 2025</dd>",
        "<dt>Tempat terbit</dt> <dd>Kabupaten Contoh</dd>",
        "<dt>T.E.U. badan</dt> <dd>Kabupaten Contoh</dd>",
        "<dt>Bidang hukum</dt> <dd>Hukum Administrasi Negara</dd>",
        "<dt>Subjek</dt> <dd>jaminan sosial, nelayan</dd>",
        "<dt>Bahasa</dt> <dd>Bahasa Indonesia</dd>",
    ]:
        assert row in page


def test_the_pdf_is_copied_and_linked_with_its_size(project: Project, capsys) -> None:
    amended(project).build(capsys=capsys)
    page = project.page("regulasi/perbup-7-2025/index.html")
    assert '<a href="../../naskah/perbup-7-2025.pdf" type="application/pdf">Unduh naskah (PDF, 3 KB)</a>' in page
    assert (project.path / "site/naskah/perbup-7-2025.pdf").read_bytes() == PDF


def test_a_relation_to_a_missing_regulation_is_an_error_with_its_line(project: Project, capsys) -> None:
    project.write({"content/regulasi/perbup-7-2025.md": NEW.format(relation="mengubah").replace("[perbup-1-2024]", "[perbup-1-2042]"),
                   "content/naskah/perbup-7-2025.pdf": PDF})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert "content/regulasi/perbup-7-2025.md:16: 'mengubah': regulasi 'perbup-1-2042' tidak ada di content/regulasi/; apakah maksud Anda 'perbup-1-2024'?" in err.splitlines()
    assert not (project.path / "site").exists()


def test_a_status_that_contradicts_a_relation_is_an_error(project: Project, capsys) -> None:
    code, _, err = amended(project, "mencabut", "berlaku").build(capsys=capsys)
    assert code == 1
    assert ("content/regulasi/perbup-1-2024.md:7: status 'berlaku' tidak cocok: peraturan ini dicabut oleh Perbup 7/2025 "
            "(content/regulasi/perbup-7-2025.md); ubah menjadi 'status: dicabut'") in err.splitlines()


def test_the_list_groups_by_jenis_and_links_to_prebuilt_filters(project: Project, capsys) -> None:
    amended(project).write({"content/regulasi/uu-9-2024.md": "---\njenis: Undang-Undang\nnomor: \"9\"\ntahun: 2024\ntentang: Contoh\nstatus: berlaku\n---\nIsi.\n"})
    assert project.build(capsys=capsys)[0] == 0
    listing = main_of(project.page("regulasi/index.html"))
    assert re.findall(r'<h2 id="jenis-\d">([^<]+)</h2>', listing) == ["Peraturan Bupati Contoh", "Undang-Undang"]
    assert '<li><a href="jenis/undang-undang/index.html">Undang-Undang</a></li>' in listing
    assert '<li><a href="tahun/2024/index.html">2024</a></li>' in listing
    by_year = main_of(project.page("regulasi/tahun/2024/index.html"))
    assert re.findall(r'<h3 class="judul-kecil"><a href="[^"]+">([^<]+)</a>', by_year) == [
        "Peraturan Bupati Contoh Nomor 1 Tahun 2024", "Undang-Undang Nomor 9 Tahun 2024"]
    assert '<li><a href="index.html" aria-current="page">2024</a></li>' in by_year
    by_kind = main_of(project.page("regulasi/jenis/undang-undang/index.html"))
    assert re.findall(r'<h3 class="judul-kecil"><a href="([^"]+)">', by_kind) == ["../../uu-9-2024/index.html"]


def test_json_ld_describes_the_regulation_as_legislation(project: Project, capsys) -> None:
    amended(project).build("--base-url", "https://contoh.go.id/t/", capsys=capsys)
    data = json_ld(project.page("regulasi/perbup-7-2025/index.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Legislation"
    assert data["name"] == "Peraturan Bupati Contoh Nomor 7 Tahun 2025 tentang Perubahan uji coba"
    assert data["legislationIdentifier"] == "Peraturan Bupati Contoh 7/2025"
    assert data["legislationDate"] == "2025-02-03" and data["datePublished"] == "2025-02-04"
    assert data["legislationLegalForce"] == "InForce"
    assert data["url"] == "https://contoh.go.id/t/regulasi/perbup-7-2025/"
    assert data["legislationChanges"] == [{"@type": "Legislation", "name": "Peraturan Bupati Contoh Nomor 1 Tahun 2024",
                                           "url": "https://contoh.go.id/t/regulasi/perbup-1-2024/"}]
    assert data["encoding"]["contentUrl"] == "https://contoh.go.id/t/naskah/perbup-7-2025.pdf"
    assert json_ld(project.page("regulasi/perbup-1-2024/index.html"))["legislationLegalForce"] == "PartiallyInForce"


def test_news_and_data_that_cite_a_regulation_are_listed_on_it(project: Project, capsys) -> None:
    project.write({
        "content/berita/kabar-baik.md": "---\njudul: Kabar baik\ntanggal: 2024-01-02\nringkasan: Ringkas.\ntopik: [uji]\nregulasi: [perbup-1-2024]\n---\nIsi.\n",
        "data/per-desa.yml": (project.path / "data/per-desa.yml").read_text(encoding="utf-8") + "dasar_hukum: perbup-1-2024\n",
    })
    assert project.build(capsys=capsys)[0] == 0
    page = main_of(project.page("regulasi/perbup-1-2024/index.html"))
    assert '<h2>Berita yang menyebut peraturan ini</h2>\n<ul><li><a href="../../berita/kabar-baik/index.html">Kabar baik</a></li></ul>' in page
    assert '<li><a href="../../data/per-desa/index.html">Peserta per desa</a></li>' in page
    news = project.page("berita/kabar-baik/index.html")
    assert '<a href="../../regulasi/perbup-1-2024/index.html">Peraturan Bupati Contoh Nomor 1 Tahun 2024</a>' in news


def test_the_default_site_shows_pp_82_2019_amending_pp_44_2015(default_site: Path) -> None:
    old = (default_site / "regulasi/pp-44-2015/index.html").read_text(encoding="utf-8")
    assert '<p>Diubah oleh: <a href="../pp-82-2019/index.html">Peraturan Pemerintah Nomor 82 Tahun 2019</a>.</p>' in old
    new = (default_site / "regulasi/pp-82-2019/index.html").read_text(encoding="utf-8")
    assert '<dt>Mengubah</dt> <dd><a href="../pp-44-2015/index.html">Peraturan Pemerintah Nomor 44 Tahun 2015</a></dd>' in new


def test_every_default_regulation_has_parseable_legislation_json_ld(default_site: Path) -> None:
    pages = sorted((default_site / "regulasi").glob("*/index.html"))
    names = {p.parent.name: json_ld(p.read_text(encoding="utf-8")) for p in pages if p.parent.name not in ("jenis", "tahun")}
    assert len(names) == 7
    assert {n["@type"] for n in names.values()} == {"Legislation"}
    assert names["pp-44-2015"]["legislationLegalForce"] == "PartiallyInForce"
    assert names["inpres-2-2021"]["legislationDate"] == "2021-03-25"
    assert names["perbup-serang-59-2025"]["alternateName"] == "Perbup 59/2025"
    assert "url" not in names["uu-40-2004"]  # the default site has no base_url, so no absolute URL is invented
