"""No script reaches a visitor through any field: every text field holds a hostile payload.

The site-wide scan covers every output file, so pages, feeds, JSON-LD and search indexes that
are added later are checked by the same test without changing it.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import build_errors, site_findings

from terang.publish.htmlscan import parse, plainly_safe, runnable, scan

PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(1)></title></script><svg onload=alert(1)>"
ESCAPED = "&#34;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;&lt;/script&gt;&lt;svg onload=alert(1)&gt;"
Y = json.dumps(PAYLOAD)  # the payload as a YAML (JSON-compatible) string

BODY = f"""
{PAYLOAD}

<script>alert(2)</script>
<svg onload="alert(3)"><script>alert(4)</script></svg>
<a href="javascript:alert(5)">a</a> <a href="JaVaScRiPt:alert(6)">b</a> <a href="java&#115;cript:alert(7)">c</a>
<a href=" javascript:alert(8)">d</a> <a href="data:text/html,<script>alert(9)</script>">e</a>
[f](javascript:alert(10)) [g](data:text/html;base64,PHNjcmlwdD4=) [h](vbscript:msgbox)
<iframe src="https://evil.example/"></iframe><object data="x"></object><embed src="x">
<form action="javascript:alert(11)"><input onfocus="alert(12)" autofocus></form>
<style>body{{display:none}}</style><p style="color:red">x</p><base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/"><link rel=stylesheet href="https://evil.example/x.css">
<math><mtext><table><mglyph><style><img src=x onerror=alert(13)></style></mglyph></table></mtext></math>
<details open ontoggle="alert(14)">x</details>

Teks {{: onclick="alert(15)" }}

## Judul <script>alert(16)</script> {{#x" onmouseover="alert(17)}}

## Dua

## Tiga

## Empat

Catatan kaki[^1].

[[tabel:per-desa]]

[^1]: <script>alert(18)</script>
"""


def hostile_files() -> dict[str, str]:
    """A complete project where every free-text field and every body is hostile."""
    source = f"\n    url: {json.dumps('https://contoh.example/' + PAYLOAD)}"
    return {
        "situs.yml": (f"judul: {Y}\ndeskripsi: {Y}\npenerbit: {Y}\nlisensi: {Y}\nringkasan_program: {Y}\n"
                      f"base_url: {json.dumps('https://contoh.example/' + PAYLOAD.replace(' ', ''))}\n"
                      f"angka_beranda: [peserta]\nmenu:\n  - judul: {Y}\n    url: /berita/\n"),
        "content/berita/kabar-baik.md": (f"---\njudul: {Y}\ntanggal: 2024-01-02\nringkasan: {Y}\ntopik: [{Y}]\n"
                                         f"sumber:\n  - nama: {Y}{source}\nregulasi: [perbup-1-2024]\n---\n{BODY}"),
        "content/regulasi/perbup-1-2024.md": (f"---\njenis: {Y}\nsingkatan: {Y}\nnomor: {Y}\ntahun: 2024\ntentang: {Y}\n"
                                              f"status: diubah\nringkasan: {Y}\nsumber: [{Y}]\n---\n{BODY}"),
        "content/halaman/tentang.md": f"---\njudul: {Y}\nringkasan: {Y}\n---\n{BODY}",
        "data/angka_kunci.yml": (f"- id: peserta\n  label: {Y}\n  nilai: 30\n  satuan: {Y}\n  tanggal: 2024-01-01\n"
                                 f"  sumber: [{Y}]\n  rincian: per-desa\n  keterangan: {Y}\n  catatan: {Y}\n"),
        "data/per-desa.yml": (f"judul: {Y}\ndeskripsi: {Y}\ntanggal: 2024-01-01\nsumber: [{Y}]\nberkas: per-desa.csv\n"
                              f"catatan: {Y}\nkolom:\n  - {{nama: desa, label: {Y}, jenis: teks}}\n"
                              f"  - {{nama: jumlah, label: {Y}, jenis: bilangan}}\n"),
        "data/per-desa.csv": 'desa,jumlah\n"' + PAYLOAD.replace('"', '""') + '",10\n"[klik](https://phish.example/) <b>tebal</b>",20\n',
    }


@pytest.fixture
def hostile(project, capsys):
    project.write(hostile_files())
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    return project


def test_no_output_file_can_run_an_injected_script(hostile) -> None:
    site = hostile.path / "site"
    assert site_findings(site) == []
    assert len(list(site.rglob("*.html"))) >= 9


def test_titles_and_summaries_are_shown_as_text_in_elements_and_attributes(hostile) -> None:
    page = hostile.page("berita/kabar-baik/index.html")
    assert f"<h1>{ESCAPED}</h1>" in page
    assert f'<meta name="description" content="{ESCAPED}">' in page
    assert f"<title>{ESCAPED} · {ESCAPED}</title>" in page
    assert f'<a href="https://contoh.example/{ESCAPED}">{ESCAPED}</a>' in page
    canonical = "https://contoh.example/" + ESCAPED.replace(" ", "") + "/berita/kabar-baik/"
    assert f'<link rel="canonical" href="{canonical}">' in page


def test_raw_html_and_dangerous_links_in_markdown_are_removed(hostile) -> None:
    page = hostile.page("tentang/index.html")
    assert "<p>\n<a>a</a> <a>b</a> <a>c</a>\n<a>d</a> <a>e</a>\n<a>f</a> <a>g</a> <a>h</a></p>" in page
    assert '<h2 id="x&quot;">Judul </h2>' in page
    assert "<details>x</details>" in page
    for gone in ("<iframe", "<object", "<embed", "<form", "<input", "<style", "<base", "<meta http-equiv", "evil.example", "<svg", "<math"):
        assert gone not in page, gone


def test_table_cells_are_shown_as_text_never_as_links_or_markup(hostile) -> None:
    page = hostile.page("tentang/index.html")
    assert '<td class="rata-kiri">[klik](https://phish.example/) &lt;b&gt;tebal&lt;/b&gt;</td>' in page
    data_page = hostile.page("data/per-desa/index.html")
    assert "<th scope=\"row\">[klik](https://phish.example/) &lt;b&gt;tebal&lt;/b&gt;</th>" in data_page


def test_downloads_keep_the_text_exactly_as_written(hostile) -> None:
    record = json.loads(hostile.page("data/per-desa/per-desa.json"))
    assert record["baris"][0]["desa"] == PAYLOAD and record["judul"] == PAYLOAD


@pytest.mark.parametrize("cell, shown", [("=HYPERLINK(\"https://evil.example\")", "="), ("@SUM(1+1)", "@"), ("+cmd|' /C calc'!A0", "+"), ("-2+3+cmd", "-")])
def test_table_text_that_a_spreadsheet_would_run_as_a_formula_is_refused(project, capsys, cell: str, shown: str) -> None:
    project.write({"data/per-desa.csv": 'desa,jumlah\n"' + cell.replace('"', '""') + '",10\nDua,20\n'})
    assert (f"data/per-desa.csv:2: baris 2, kolom A 'desa': teks '{cell[:30]}' diawali '{shown}' sehingga dibaca "
            "sebagai rumus oleh Excel atau LibreOffice; hapus tanda itu atau awali dengan kata lain") in build_errors(project, capsys)


def test_negative_numbers_in_text_columns_are_not_formulas(project, capsys) -> None:
    project.write({"data/per-desa.csv": "desa,jumlah\n-5%,10\nDua,20\n"})
    assert project.build(capsys=capsys)[0] == 0


@pytest.mark.parametrize("url", ["//evil.example/", "/\\\\evil.example", "javascript:alert(1)", "/../../etc/passwd", "/a\"onmouseover=x"])
def test_menu_links_must_stay_on_the_site(project, capsys, url: str) -> None:
    project.write({"situs.yml": f"judul: a\ndeskripsi: b\npenerbit: c\nmenu:\n  - judul: Jahat\n    url: {json.dumps(url)}\n"})
    assert f"situs.yml:6: url menu '{url}' harus alamat di situs ini yang diawali satu '/', misalnya /berita/" in build_errors(project, capsys)


@pytest.mark.parametrize("name, text, message", [
    ("content/halaman.html", "<script>alert(1)</script>", "berkas .html tidak boleh diterbitkan dari content/ karena dapat menjalankan skrip; "
     "tulis halamannya sebagai Markdown di content/halaman/"),
    ("content/skrip.js", "alert(1)", "berkas .js tidak boleh diterbitkan dari content/ karena dapat menjalankan skrip; "
     "tulis halamannya sebagai Markdown di content/halaman/"),
    ("content/grafik.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "gambar SVG ini memuat <script>; simpan ulang tanpa skrip (misalnya ekspor sebagai SVG biasa atau PNG)"),
    ("content/grafik.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
     "gambar SVG ini <svg> memakai atribut peristiwa 'onload' (JavaScript sebaris); simpan ulang tanpa skrip (misalnya ekspor sebagai SVG biasa atau PNG)"),
    ("content/grafik.svg", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     "gambar SVG ini <a href> memakai alamat 'javascript:alert(1)'; simpan ulang tanpa skrip (misalnya ekspor sebagai SVG biasa atau PNG)"),
    ("content/grafik.svg", '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
     "gambar SVG ini <set> mengubah atribut 'href' dengan animasi; simpan ulang tanpa skrip (misalnya ekspor sebagai SVG biasa atau PNG)"),
])
def test_files_under_content_that_could_run_script_are_refused(project, capsys, name: str, text: str, message: str) -> None:
    project.write({name: text})
    assert build_errors(project, capsys)[0] == f"{name}: {message}"


def test_a_plain_svg_image_is_published(project, capsys) -> None:
    project.write({"content/grafik.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" style="fill:#036"/></svg>'})
    assert project.build(capsys=capsys)[0] == 0
    assert project.page("grafik.svg").startswith("<svg")


@pytest.mark.parametrize("name", ["_headers", "SHA256SUMS", "sha256sums"])
def test_content_cannot_replace_the_files_that_protect_the_site(project, capsys, name: str) -> None:
    project.write({f"content/{name}": "/*\n  Content-Security-Policy: script-src *\n"})
    assert build_errors(project, capsys)[0] == (
        f"content/{name}: nama berkas '{name}' dipakai oleh Terang untuk keamanan situs; ganti nama berkas ini")


def test_images_from_other_hosts_are_refused(project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nTeks.\n\n![grafik](https://evil.example/a.png)\n"})
    assert build_errors(project, capsys)[0] == ("content/halaman/tentang.md:6: gambar 'https://evil.example/a.png' diambil dari situs lain; "
                                                "simpan gambarnya di content/ dan tautkan dengan /nama-berkas")


def test_images_with_data_urls_lose_their_source(project, capsys) -> None:
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\n![grafik](data:image/svg+xml;base64,PHN2Zz4=)\n"})
    assert project.build(capsys=capsys)[0] == 0
    assert '<p><img alt="grafik"></p>' in project.page("tentang/index.html")


def test_the_output_scan_sees_through_entities_and_whitespace_in_schemes() -> None:
    _, findings = scan('<a href="java&#9;script:alert(1)">x</a><a href=" JAVA\nSCRIPT:x">y</a><img src="data:image/png;base64,AA"><a href="/ok">z</a>')
    assert findings == ["<a href> memakai alamat 'java\tscript:alert(1)'", "<a href> memakai alamat ' JAVA\nSCRIPT:x'",
                        "<img src> memakai alamat 'data:image/png;base64,AA'"]


def test_the_output_scan_finds_json_ld_broken_by_an_unescaped_closing_tag() -> None:
    scripts, findings = scan('<script type="application/ld+json">{"name": "</script><script>alert(1)</script>"}</script>')
    assert findings == ["data application/ld+json bukan JSON utuh (ada '</script>' yang tidak di-escape?)"]
    assert [s.kind for s in runnable(scripts)] == [""]


@pytest.mark.parametrize("html", [
    '<a href="&#106;avascript:x">a</a>', '<a href="java&Tab;script:x">a</a>', '<a href="javascript&colon;x">a</a>',
    '<a href="java\tscript:x">a</a>', '<a href="JAVA\x01SCRIPT:x">a</a>', '<a href="java\u017fcript:x">a</a>',
    '<a href="data:x">a</a>', '<svg><set to="vbscript:x"/></svg>', '<a ONCLICK=x>a</a>', '<a/onmouseover=x>a</a>',
    "<p title='x'onclick=x>a</p>", '<p STYLE="x">a</p>', '<p style>a</p>', '<STYLE>p{}</STYLE>', '<SCRIPT>x</SCRIPT>',
])
def test_a_page_that_could_hide_a_finding_is_always_parsed(html: str) -> None:
    assert not plainly_safe(html)


def test_an_ordinary_page_is_not_parsed() -> None:
    assert plainly_safe('<!doctype html><html lang="id"><link rel="stylesheet" href="../aset/gaya.css">'
                        '<a href="https://contoh.go.id/data/" class="tombol">Data &amp; angka</a><p>Kondisi &#39;baik&#39;.</p>')


# Pages built from tags whose attributes are written in many ways (entities, controls, case, quotes).
VALUE = st.lists(st.sampled_from(["javascript:", "JAVA\tSCRIPT:", "&#106;avascript:", "java&Tab;script:", "javascript&colon;",
                                  "java\u017fcript:", "javascr\u0131pt:", "vbscript:", "data:", " \x01data:", "&#100;ata:", "java", "script",
                                  ":", "&amp;", "&#39;", "\t", " ", "x", "/", "{}", "{"]),
                 max_size=4).map("".join)
ATTRIBUTE = st.tuples(st.sampled_from([" ", "/", "\t", "\n", "'", '"']),
                      st.sampled_from(["onclick", "ONMOUSEOVER", "on", "style", "STYLE", "Style", "stylex", "href", "HREF", "src", "to",
                                       "class", "title", "data-x", "type", "rel"]),
                      st.sampled_from(['="', "='", "=", ""]), VALUE)
TAG = st.tuples(st.sampled_from(["a", "p", "svg", "set", "img", "SCRIPT", "script", "Style", "link"]), st.lists(ATTRIBUTE, max_size=3)).map(
    lambda t: "<" + t[0] + "".join(sep + name + eq + value + eq[1:] for sep, name, eq, value in t[1]) + ">")
TEXT = st.sampled_from(["Kondisi baik. ", "on", " data ", "x", "</script>", "&amp;", "\u0130"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.one_of(TAG, TEXT), max_size=5).map("".join))
def test_a_page_the_quick_check_lets_through_has_nothing_the_parser_would_find(html: str) -> None:
    if plainly_safe(html):
        assert parse(html) == ([], [])
