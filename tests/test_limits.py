"""Bodies that would stall or crash the Markdown renderer get a clear error with their line."""

from __future__ import annotations

import pytest

HEAD = "---\njudul: Tentang\n---\n"  # the body starts on line 4


@pytest.mark.parametrize("body, message", [
    ("Pembuka.\n\n" + "[" * 20_000, "content/halaman/tentang.md:4: isi Markdown memuat lebih dari 5000 tanda '['; pecah menjadi beberapa halaman"),
    ("Pembuka.\n\n" + "[a](" * 400, "content/halaman/tentang.md:6: paragraf ini memuat lebih dari 300 tanda '['; pecah menjadi beberapa paragraf"),
    ("Daftar:\n\n" + "".join("  " * i + "- x\n" for i in range(150)),
     "content/halaman/tentang.md:106: baris ini bersarang terlalu dalam (lebih dari 200 spasi, tanda '>' atau penanda daftar di awal baris)"),
    ("Pembuka.\n\n" + "a\n=\n" * 20_000,  # 80 KB of setext headings took 73 s
     "content/halaman/tentang.md:6: paragraf ini memuat lebih dari 20 baris judul atau garis (#, === atau ---) tanpa baris kosong di antaranya; beri baris kosong sebelum dan sesudah setiap judul"),
    ("Pembuka.\n\n" + "<http://" * 11 + "\n",
     "content/halaman/tentang.md:6: lebih dari 10 tanda '<' membuka tag HTML yang tidak ditutup dengan '>' (yang pertama di baris ini); tutup tagnya, atau tulis '&lt;' untuk tanda kurang dari"),
    ("x" * 1_000_001, "content/halaman/tentang.md:4: isi Markdown lebih dari 1 MB; pecah menjadi beberapa halaman"),
], ids=["brackets", "brackets per paragraph", "nested list", "setext 80 KB", "unclosed autolinks", "size"])
def test_bodies_too_large_or_tangled_to_render_are_refused(project, capsys, body: str, message: str) -> None:
    project.write({"content/halaman/tentang.md": HEAD + body})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == message


def test_a_long_page_with_many_links_and_a_nested_list_still_builds(project, capsys) -> None:
    links = "\n\n".join(f"Bagian {i}: lihat [berita](/berita/kabar-baik/) dan [data](/data/)." for i in range(1000))
    nested = "".join("  " * i + "- tingkat\n" for i in range(20))
    project.write({"content/halaman/tentang.md": HEAD + links + "\n\n" + nested})
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    assert project.page("tentang/index.html").count('href="../berita/kabar-baik/index.html"') == 1000


def test_the_security_guide_states_the_limits_the_build_enforces() -> None:
    from conftest import ROOT

    from terang.content import limits as mdlimits
    from terang.data import workbook as tablefile
    from terang.inputs import yamlsafe

    guide = " ".join((ROOT / "docs" / "keamanan.md").read_text(encoding="utf-8").split())
    assert f"lebih dari {yamlsafe.MAX_DEPTH} tingkat" in guide
    assert f"lebih besar dari {yamlsafe.MAX_BYTES // 1_000_000} MB" in guide
    assert f"{mdlimits.MAX_BYTES // 1_000_000} MB per berkas, 5.000 tanda `[` per berkas, {mdlimits.MAX_BRACKETS_PER_BLOCK} tanda `[` per paragraf" in guide
    assert mdlimits.MAX_BRACKETS == 5_000
    assert f"{mdlimits.MAX_PREFIX} spasi atau tanda `>`" in guide
    assert f"lebih dari {tablefile.MAX_FILE // 1_000_000} MB" in guide
    assert f"lebih dari {tablefile.MAX_EXPANDED // 1_000_000} MB saat dibuka" in guide


def test_a_number_too_large_to_be_a_real_figure_is_refused_in_tables(project, capsys) -> None:
    project.write({"data/per-desa.csv": "desa,jumlah\nSatu,10000000000000000000000000\nDua,20\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert "data/per-desa.csv:2: baris 2, kolom B 'jumlah': angka 10000000000000000000000000 terlalu besar (paling banyak 15 digit)" in err.splitlines()


def test_a_number_too_large_to_be_a_real_figure_is_refused_in_key_figures(project, capsys) -> None:
    project.write({"data/angka_kunci.yml": "- id: peserta\n  label: Nelayan\n  nilai: 10000000000000000\n  satuan: orang\n  tanggal: 2024-01-01\n  sumber: [Dinas Contoh]\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert "data/angka_kunci.yml:3: 'nilai' harus berupa bilangan bulat tanpa titik (contoh: 1500), bukan 10000000000000000" in err.splitlines()


# Hostile Markdown at the size limit (item 7 of issue 13). Each input is refused by a limit with
# its exact message, or rendered by the real renderer within a generous CPU-time bound.

import random
import time

from conftest import ROOT

from terang.content.markdown import Targets, render_markdown
from terang.content.limits import MAX_BYTES, complexity_problems
from terang.model import Body

SOURCE = "content/berita/x.md"
BOUND = 5.0  # CPU seconds to render one body; every accepted input below takes well under 1.5 s
PARA = ("Kalimat biasa tentang program jaminan sosial di desa dan kecamatan. " * 200).strip() + "\n\n"  # 13 KB, no markup
RULES = "paragraf ini memuat lebih dari 20 baris judul atau garis (#, === atau ---) tanpa baris kosong di antaranya; beri baris kosong sebelum dan sesudah setiap judul"
MARKS = "paragraf ini memuat lebih dari 2000 tanda format (` * _ < & \\ atau pindah baris dengan dua spasi); pecah menjadi beberapa paragraf dengan baris kosong"
ELEMENTS = "isi Markdown memuat lebih dari 50000 unsur format (tanda format, garis tabel '|' dan butir daftar) sampai paragraf ini; pecah menjadi beberapa halaman"


def full(unit: str, head: str = "") -> str:
    """`head`, then `unit` repeated up to the 1 MB limit."""
    room = MAX_BYTES - len(head.encode("utf-8"))
    return head + unit * (room // len(unit.encode("utf-8")))


def padded(head: str) -> str:
    """`head`, then plain paragraphs up to the 1 MB limit: the costly part, then as much text as allowed."""
    return full(PARA, head)


HOSTILE_REFUSED = {  # id: (body starting on line 1, the exact message)
    "setext =": (full("a\n=\n"), f"1: {RULES}"),
    "setext -": (full("a\n-\n"), f"1: {RULES}"),
    "rule lines ---": (full("---\n"), f"1: {RULES}"),
    "rule lines * * *": (full("* * *\n"), f"1: {RULES}"),
    "lines of -": (full("-\n"), f"1: {RULES}"),
    "atx headings in one paragraph": (full("# a\n"), f"1: {RULES}"),
    "1001 headings": ("## a\n\n" * 1001, "2001: isi Markdown memuat lebih dari 1000 baris judul atau garis (#, === atau ---); pecah menjadi beberapa halaman"),
    "backtick run": (full("`"), f"1: {MARKS}"),
    "code spans": (full("`a"), f"1: {MARKS}"),
    "double backticks": (full("``a"), f"1: {MARKS}"),
    "backtick lines": (full("`\n"), f"1: {MARKS}"),
    "div lines": (full("<div>\n"), f"1: {MARKS}"),
    "closing div lines": (full("</div>\n"), f"1: {MARKS}"),
    "autolink openers": (full("<http://"), f"1: {MARKS}"),
    "autolink openers, spaced": (full("<http://a "), f"1: {MARKS}"),
    "mail autolink openers": (full("<a@b"), f"1: {MARKS}"),
    "tag openers": (full("<a "), f"1: {MARKS}"),
    "html < run": (full("<"), f"1: {MARKS}"),
    "unclosed comments": (full("<!--"), f"1: {MARKS}"),
    "cdata openers": (full("<![CDATA[ "), "1: isi Markdown memuat lebih dari 5000 tanda '['; pecah menjadi beberapa halaman"),
    "bold tags": (full("<b>"), f"1: {MARKS}"),
    "emphasis a*": (full("a*"), f"1: {MARKS}"),
    "emphasis openers *a": (full("*a "), f"1: {MARKS}"),
    "emphasis openers _a": (full("_a "), f"1: {MARKS}"),
    "strong openers": (full("**a "), f"1: {MARKS}"),
    "entities": (full("&amp;"), f"1: {MARKS}"),
    "bare ampersands": (full("&"), f"1: {MARKS}"),
    "backslashes": (full("\\"), f"1: {MARKS}"),
    "hard line breaks": (full("a  \n"), f"1: {MARKS}"),
    "emphasis over 26 paragraphs": (("a*" * 2000 + "\n\n") * 26, f"51: {ELEMENTS}"),
    "list items": (full("- a\n"), f"1: {ELEMENTS}"),
    "ordered list items": (full("1. a\n"), f"1: {ELEMENTS}"),
    "long table line": ("|" + "a|" * 60_000 + "\n|" + "-|" * 60_000 + "\n", f"1: {ELEMENTS}"),
    "list markers on one line": (full("- "), "1: baris ini bersarang terlalu dalam (lebih dari 200 spasi, tanda '>' atau penanda daftar di awal baris)"),
    "ordered markers on one line": ("1. " * 100_000, "1: baris ini bersarang terlalu dalam (lebih dari 200 spasi, tanda '>' atau penanda daftar di awal baris)"),
    "paragraphs": (full("a\n\n"), "10001: isi Markdown memuat lebih dari 5000 paragraf (bagian yang dipisah baris kosong); pecah menjadi beberapa halaman"),
    "loose list": (full("- a\n\n"), "10001: isi Markdown memuat lebih dari 5000 paragraf (bagian yang dipisah baris kosong); pecah menjadi beberapa halaman"),
    "quotes": (full("> a\n\n"), "10001: isi Markdown memuat lebih dari 5000 paragraf (bagian yang dipisah baris kosong); pecah menjadi beberapa halaman"),
    "code blocks": (full("    a\n\n"), "10001: isi Markdown memuat lebih dari 5000 paragraf (bagian yang dipisah baris kosong); pecah menjadi beberapa halaman"),
    "footnote refs": (padded("Teks[^1].\n\n" + "[^1] " * 200 + "\n\n[^1]: Catatan.\n\n"),
                      "1: catatan kaki yang dirujuk di baris ini dirujuk lebih dari 100 kali; buat catatan kaki terpisah atau tulis rujukannya sekali saja"),
    "unclosed tags, spread": (padded("Teks <b\n\n" + "<a " * 10 + "\n\n"),
                              "1: lebih dari 10 tanda '<' membuka tag HTML yang tidak ditutup dengan '>' (yang pertama di baris ini); tutup tagnya, atau tulis '&lt;' untuk tanda kurang dari"),
    "reference definitions": ("".join(f"[r{i}]: /x/\n" for i in range(301)), "1: paragraf ini memuat lebih dari 300 tanda '['; pecah menjadi beberapa paragraf"),
}

HOSTILE_ACCEPTED = {  # id: body just under every limit; rendered in time
    "emphasis, 9 per paragraph": ("a*" * 9 + "\n\n") * 4999,
    "emphasis, 2000 per paragraph": padded(("a*" * 1000 + "\n\n") * 25),
    "code spans, 2000 per paragraph": padded(("`a" * 1000 + "\n\n") * 25),
    "backslashes, 2000 per paragraph": padded(("\\\\" * 1000 + "\n\n") * 25),
    "bold tags, 2000 per paragraph": padded(("<b>" * 2000 + "\n\n") * 25),
    "entities, 2000 per paragraph": padded(("&amp;" * 2000 + "\n\n") * 25),
    "hard breaks, 2000 per paragraph": padded(("a  \n" * 2000 + "\n") * 25),
    "autolinks, 2000 per paragraph": padded(("<http://a.id/>" * 2000 + "\n\n") * 25),
    "closing divs, 2000 per paragraph": padded(("</div>\n" * 2000 + "\n") * 25),
    "list items, 49 000": padded("- a\n" * 49_000),
    "table cells, 49 000": padded("| a | b | c | d |\n|---|---|---|---|\n" + "| 1 | 2 | 3 | 4 |\n" * 9_700),
    "wide table": padded("|" + "a|" * 24_000 + "\n|" + "-|" * 24_000 + "\n"),
    "setext, 20 per paragraph": padded(("a\n=\n" * 10 + PARA) * 50),
    "atx, 20 per paragraph": padded(("# a\n" * 20 + PARA) * 50),
    "1000 equal headings": padded("## a\n\n" * 1000),
    "5000 paragraphs": ("a" * 195 + "\n\n") * 4999,
    "5000 quotes": ("> " + "a" * 193 + "\n\n") * 4999,
    "5000 list items, loose": ("- " + "a" * 193 + "\n\n") * 4999,
    "5000 code blocks": ("    " + "a" * 191 + "\n\n") * 4999,
    "10 unclosed tags": padded("<a " * 10 + "\n\n"),
    "10 unclosed autolinks": padded("<http://" * 10 + "\n\n"),
    "5000 links": padded(("[a](/x/) " * 300 + "\n\n") * 16),
    "2400 footnotes": padded("".join(f"[^{i}] " + ("\n\n" if i % 250 == 249 else "") for i in range(2400)) + "\n\n"
                             + "".join(f"[^{i}]: c\n" + ("\n" if i % 250 == 249 else "") for i in range(2400)) + "\n"),
    "a footnote referred to 100 times": padded(("[^1] " * 100) + "\n\n[^1]: Catatan.\n\n"),
    "4800 reference definitions": padded(("".join(f"[r{i}]: /x/\n" for i in range(300)) + "\n") * 16),
    "nested list, 99 levels": padded("".join("  " * i + "- x\n" for i in range(99)) * 10),
    "nested quotes, 100 levels": padded(("> " * 100 + "a\n") * 100 + "\n"),
    "unclosed comment": padded("<!--\n\n"),
    "unclosed cdata": padded("<![CDATA[\n\n" * 10),
    "attribute lists": full("{: .a }\n"),
    "brackets and parentheses": full("a](!("),
}


@pytest.mark.parametrize("name", HOSTILE_REFUSED)
def test_hostile_markdown_at_the_size_limit_is_refused_quickly(name: str) -> None:
    text, message = HOSTILE_REFUSED[name]
    assert len(text.encode("utf-8")) <= MAX_BYTES
    start = time.process_time()
    problems = complexity_problems(Body(SOURCE, 1, text))
    assert time.process_time() - start < 1.0
    assert [str(p) for p in problems] == [f"{SOURCE}:{message}"]


@pytest.mark.parametrize("name", HOSTILE_ACCEPTED)
def test_markdown_just_under_the_limits_renders_in_linear_time(name: str) -> None:
    text = HOSTILE_ACCEPTED[name]
    assert len(text.encode("utf-8")) <= MAX_BYTES
    body = Body(SOURCE, 1, text)
    assert complexity_problems(body) == []
    start = time.process_time()
    render_markdown(body, "berita/x/", Targets(frozenset({"x/"}), frozenset(), {}))
    assert time.process_time() - start < BOUND


def test_the_issue_case_fails_the_build_and_keeps_the_site(project, capsys) -> None:
    assert project.build(capsys=capsys)[0] == 0
    project.write({"content/halaman/tentang.md": HEAD + "Pembuka.\n\n" + "a\n=\n" * 20_000})
    assert project.failing_rebuild(capsys) == f"content/halaman/tentang.md:6: {RULES}"


def test_real_content_is_far_from_every_limit() -> None:
    """The default site and 1,000 bench articles of each kind pass the limits."""
    import importlib.util

    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "content").rglob("*.md"))]
    for name in ("corpus", "statistik"):
        spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        rng = random.Random(7)
        if name == "corpus":
            texts += [module.news_body(rng, 1000).replace(module.LINK, "](/berita/") for _ in range(1000)]
        else:
            texts += [module.article(rng, i)[1] for i in range(1000)]
    assert len(texts) > 2000
    for text in texts:
        assert complexity_problems(Body(SOURCE, 1, text)) == []
    combined = "\n\n".join(texts[:40])  # several articles in one long page
    assert complexity_problems(Body(SOURCE, 1, combined)) == []
