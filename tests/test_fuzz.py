"""Property-based tests: random and malformed input either builds or fails with `path:line: message`.

Never a traceback, never exit code 2 (a Terang bug); the published site stays intact and
carries no script (the scan of helpers.site_findings, as in tests/test_injection.py).
Each test writes one fuzzed file into the tiny project and runs the whole build in-process.
"""

from __future__ import annotations

import re

import yaml
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from helpers import per_desa_yml, site_findings, xlsx

from terang.publish.manifest import verify

FUZZ = settings(max_examples=60, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PROBLEM = re.compile(r"^(?P<path>(situs\.yml|content/[^:]+|data/[^:]+))(:(?P<line>\d+))?: \S.*$")
NEWS_KEYS = ["judul", "tanggal", "ringkasan", "topik", "gambar", "gambar_alt", "draf", "sumber", "regulasi"]

scalars = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True) | st.text(max_size=30) | st.sampled_from(
    ["2024-01-02", "2024-02-30", "9999-99-99", "../situs.yml", "/etc/passwd", "<script>alert(1)</script>", "javascript:alert(1)", "", " "])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
front_matter = st.dictionaries(st.sampled_from(NEWS_KEYS) | st.text(max_size=10), values, max_size=10)
markdown_bits = st.sampled_from([
    "[[angka:peserta]]", "[[angka:", "]]", "[[tabel:per-desa]]", "[[jumlah:x]]", "[", "](", ")", "](/berita/", "![", "](/x.png)",
    "<script>", "</script>", "<a href=\"", "javascript:", "<img src=x onerror=alert(1)>", "{: #id onclick=x }", "[^1]", "[^1]: ",
    "\n", "\n\n", "    ", "\t", "# ", "## ", "| a | b |\n|---|---|\n", "```\n", "*", "_", "`", "&#", ";", "<!--", "-->", "..", "/",
    "<svg><script>", "<div markdown=\"1\">", "\x00", "\u202e", "\ufeff", "---\n", "...",
])
markdown = st.lists(markdown_bits | st.text(max_size=6), max_size=40).map("".join)
cell = st.text(max_size=8) | st.integers(-10**6, 10**9).map(str) | st.sampled_from(["=1+1", "\"", "\"\"", ",", ";", "\n", "1.234", "1.2.3", ""])
csv_text = st.lists(st.lists(cell, min_size=0, max_size=4), max_size=6).map(
    lambda rows: "\n".join(",".join(r) for r in rows)) | st.text(max_size=80)


@pytest.fixture
def built(project, capsys):
    """The tiny project with a published site, which failed builds must leave intact."""
    assert project.build(capsys=capsys)[0] == 0
    return project


def check_build(project, capsys, fuzzed: str) -> None:
    """The build either succeeds or reports only `path:line: message` lines; site/ stays intact."""
    code, _, err = project.build(capsys=capsys)
    assert code in (0, 1), err
    event("build berhasil" if code == 0 else "kesalahan yang jelas")
    assert "Traceback" not in err and "kesalahan di dalam Terang" not in err, err
    if code == 1:
        lines = err.splitlines()
        assert lines[-1].startswith("Build gagal: ") and lines[-1].endswith("jalankan lagi."), err
        for line in lines[:-1]:
            match = PROBLEM.match(line)
            assert match, line
            if match["path"] == fuzzed and match["line"]:
                text = (project.path / fuzzed).read_bytes()
                assert 1 <= int(match["line"]) <= text.count(b"\n") + text.count(b"\r") + 2, line
    assert verify(project.path / "site") == []
    assert site_findings(project.path / "site") == []


@FUZZ
@given(meta=front_matter, body=markdown)
def test_random_front_matter_and_markdown_build_or_fail_clearly(built, capsys, meta: dict, body: str) -> None:
    name = "content/berita/kabar-baik.md"
    built.write({name: "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body})
    check_build(built, capsys, name)


@FUZZ
@given(meta=st.fixed_dictionaries({"judul": values, "tanggal": values, "ringkasan": values, "topik": values},
                                  optional={"sumber": values, "draf": values, "gambar": values, "gambar_alt": values, "regulasi": values}))
def test_random_values_under_the_right_keys_build_or_fail_clearly(built, capsys, meta: dict) -> None:
    name = "content/berita/kabar-baik.md"
    built.write({name: "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nIsi.\n"})
    check_build(built, capsys, name)


@settings(FUZZ, max_examples=80)
@given(body=markdown)
def test_random_markdown_bodies_build_or_fail_clearly(built, capsys, body: str) -> None:
    name = "content/halaman/tentang.md"
    built.write({name: "---\njudul: Tentang\n---\n" + body})
    check_build(built, capsys, name)


@FUZZ
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_as_a_markdown_file_build_or_fail_clearly(built, capsys, data: bytes) -> None:
    name = "content/halaman/tentang.md"
    built.write({name: data})
    check_build(built, capsys, name)


@FUZZ
@given(prefix=st.sampled_from(["---\njudul: Tentang\n", "---\n", "", "---\njudul: [\n", "---\njudul: &a x\nb: *a\n"]), noise=markdown)
def test_broken_front_matter_fences_and_yaml_fail_clearly(built, capsys, prefix: str, noise: str) -> None:
    name = "content/halaman/tentang.md"
    built.write({name: prefix + noise})
    check_build(built, capsys, name)


@FUZZ
@given(text=csv_text, header=st.sampled_from(["desa,jumlah\n", "desa;jumlah\n", "\ufeffdesa,jumlah\n", "", "jumlah,desa\n", "desa,jumlah,lain\n"]))
def test_random_csv_tables_build_or_fail_clearly(built, capsys, text: str, header: str) -> None:
    name = "data/per-desa.csv"
    built.write({name: (header + text).encode("utf-8", "surrogatepass")})
    check_build(built, capsys, name)


@FUZZ
@given(figure=st.fixed_dictionaries({"id": values, "label": values, "nilai": values | st.integers(), "satuan": values, "tanggal": values,
                                     "sumber": values}, optional={"rincian": values, "perkiraan": values, "catatan": values, "dasar_hukum": values}))
def test_random_key_figures_build_or_fail_clearly(built, capsys, figure: dict) -> None:
    name = "data/angka_kunci.yml"
    built.write({name: yaml.safe_dump([figure], allow_unicode=True)})
    check_build(built, capsys, name)


xlsx_cell = st.none() | st.integers(-10**6, 10**9) | st.floats(allow_nan=False, allow_infinity=False) | st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8) | st.sampled_from(["=1+1", "=HYPERLINK(\"x\")", "desa", "jumlah"])


@settings(FUZZ, max_examples=40)
@given(rows=st.lists(st.lists(xlsx_cell, max_size=3), max_size=5), header=st.booleans())
def test_random_excel_workbooks_build_or_fail_clearly(built, capsys, rows: list, header: bool) -> None:
    name = "data/per-desa.xlsx"
    built.write({"data/per-desa.yml": per_desa_yml("per-desa.xlsx"), name: xlsx(([["desa", "jumlah"]] if header else []) + rows)})
    check_build(built, capsys, name)


@settings(FUZZ, max_examples=30)
@given(data=st.binary(max_size=200) | st.just(b"PK\x03\x04") | st.just(b""))
def test_corrupt_excel_files_fail_clearly(built, capsys, data: bytes) -> None:
    name = "data/per-desa.xlsx"
    built.write({"data/per-desa.yml": per_desa_yml("per-desa.xlsx"), name: data})
    check_build(built, capsys, name)


@FUZZ
@given(config=st.dictionaries(st.sampled_from(["judul", "deskripsi", "penerbit", "base_url", "menu", "angka_beranda", "dasar_hukum",
                                               "berita_di_beranda", "lisensi"]) | st.text(max_size=8), values, max_size=8))
def test_random_site_config_builds_or_fails_clearly(built, capsys, config: dict) -> None:
    built.write({"situs.yml": yaml.safe_dump(config, allow_unicode=True)})
    check_build(built, capsys, "situs.yml")


def test_control_characters_in_messages_cannot_split_lines_or_steer_the_terminal(built, capsys) -> None:
    built.write({"content/halaman/tentang.md": '---\njudul: Tentang\n"\\x1b[2J\\nx\\u2028": 1\n---\n'})
    code, _, err = built.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0].startswith("content/halaman/tentang.md:3: kunci '\\u001b[2J\\u000ax\\u2028' tidak dikenal;")
