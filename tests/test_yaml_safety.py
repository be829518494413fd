"""YAML is loaded safely: no Python objects, no bombs, no deep or huge documents, clear errors."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terang.inputs.yamlsafe import MAX_BYTES, YamlProblem, load

TAG = "tag YAML tidak diizinkan (misalnya !!python/... atau !!binary); tulis nilai biasa saja"
DEEP = "YAML terlalu dalam (lebih dari 50 tingkat)"
BOMB = "YAML terlalu besar atau memakai terlalu banyak alias (&/*)"
COLON = ("YAML tidak sah: ada titik dua di tempat yang tidak terduga; jika nilainya memuat ': ', apit nilai itu dengan tanda kutip, "
         "atau periksa indentasi baris ini")
QUOTE = "YAML tidak sah: tanda kutip yang dibuka di baris ini tidak ditutup; tutup tanda kutipnya di baris yang sama"
SQUARE = "YAML tidak sah: kurung siku '[' yang dibuka di baris ini tidak ditutup; tutup dengan ']'"
CURLY = "YAML tidak sah: kurung kurawal '{' yang dibuka di baris ini tidak ditutup; tutup dengan '}'"
TAB_INDENT = "YAML tidak sah: ada karakter tab di awal baris; YAML hanya boleh memakai spasi untuk indentasi, ganti tab dengan spasi"
TAB_INSIDE = ("YAML tidak sah: ada karakter tab di tempat yang tidak boleh; ganti tab dengan spasi "
              "(jika tab itu bagian dari nilai, apit nilainya dengan tanda kutip)")

LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
)


@pytest.mark.parametrize("text, line, message", [
    ("judul: ok\nx: !!python/object/apply:os.system ['touch /tmp/dimiliki']\n", 2, TAG),
    ("x: !!python/name:os.system\n", 1, TAG),
    ("x: !!python/object/new:subprocess.Popen [[id]]\n", 1, TAG),
    ("x: !!binary aGVsbG8=\n", 1, TAG),
    ("x: !!set {a, b}\n", 1, TAG),
    ("x: !rahasia nilai\n", 1, TAG),
    ("x: " + "[" * 100_000, 1, DEEP),
    ("x:\n" + "".join(" " * i + "- \n" for i in range(1, 200)), 51, DEEP),
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 100)), 51, DEEP),
    ("a: &a [*a]\n", 1, DEEP),
    (LAUGHS, 1, BOMB),
    ("x: 1\ny: a\x00b\n", 2, "ada karakter yang tidak boleh dipakai (U+0000); hapus karakter itu atau simpan ulang sebagai teks biasa"),
    ("x: " + "9" * 5000 + "\n", 1, "nilai YAML tidak dapat dibaca (angka terlalu panjang atau kunci yang bukan teks?); tulis nilai biasa saja"),
    ("? [a, b]\n: c\n", 1, "kunci YAML harus berupa teks biasa, bukan daftar atau pasangan kunci-nilai"),
    ("x: " + "a" * (MAX_BYTES + 1), 1, "dokumen YAML terlalu besar (batas 1000 KB)"),
    ("judul: a\n  b: c\n", 2, COLON),
    ("judul: \"a\u2028b\u2029c\x85d\"\ntopik: [\n", 2, SQUARE),
    ("judul: a\n\ttopik: b\n", 2, TAB_INDENT),
    ("judul: \"Kabar baru\ntopik: [a]\n", 1, QUOTE),
    ("topik: [a, b\njudul: c\n", 1, SQUARE),
    ("x: *tidak_ada\n", 1, "YAML tidak sah: ada alias (*nama) tanpa jangkar (&nama) yang sesuai"),
    # an unfinished quote or bracket is reported on the line where it opened, not where the parser gave up
    ("a: 1\njudul: 'Kabar\n\nb: 2\nc: 3\n", 2, QUOTE),
    ("a: 1\njudul: \"Kabar\tbaru\nb: 2\n", 2, QUOTE),  # a tab inside the value is not the problem
    ("a: 1\ntopik: [a, b\nb: 2\nc: 3\n", 2, SQUARE),
    ("a: 1\ntopik: [\n", 2, SQUARE),
    ("a: {x: 1, y: [2, 3]\nb: 2\n", 1, CURLY),
    ("a:\n  b: 1\n\tc: 2\n", 3, TAB_INDENT),
    ("a:\n\t- x\n", 2, TAB_INDENT),
    ("x:\n- a\n-\tb\n", 3, TAB_INSIDE),
], ids=["python-apply", "python-name", "python-new", "binary", "set", "custom-tag", "deep-flow", "deep-block-list",
        "deep-block-map", "self-alias", "billion-laughs", "nul-char", "huge-int", "list-key", "too-large", "bad-indent", "unicode-line-separators",
        "tab", "open-quote", "open-bracket", "unknown-alias",
        "single-quote", "quote-with-tab", "bracket", "bracket-at-end", "brace", "tab-indent", "tab-indent-list", "tab-after-dash"])
def test_dangerous_or_broken_yaml_is_refused_with_line_and_message(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_python_tags_never_run(tmp_path) -> None:
    marker = tmp_path / "dimiliki"
    with pytest.raises(YamlProblem):
        load(f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


def test_plain_data_with_merge_keys_and_a_few_aliases_still_loads() -> None:
    located = load("dasar: &d {satuan: orang}\nangka:\n  <<: *d\n  nilai: 30\ndaftar: [a, b]\ntanggal: 2024-01-02\n")
    assert located.value == {"dasar": {"satuan": "orang"}, "angka": {"satuan": "orang", "nilai": 30}, "daftar": ["a", "b"], "tanggal": "2024-01-02"}
    assert located.line("angka.nilai") == 4


def test_a_hostile_front_matter_fails_the_build_with_file_and_line(project, capsys) -> None:
    project.write({"content/berita/jahat.md": "---\njudul: x\ntanggal: 2024-01-02\nringkasan: !!python/object/apply:os.system ['id']\ntopik: [uji]\n---\nIsi.\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert f"content/berita/jahat.md:4: {TAG}" in err.splitlines()


yamlish = st.lists(st.sampled_from(["a", ":", " ", "\n", "- ", "[", "]", "{", "}", "&a ", "*a", "!!", "!!python/name:os.system", "'", '"',
                                    "#", "|", ">", "? ", "<<: ", "%YAML 1.1\n", "---\n", "...\n", "\t", "\x00", "\ufeff", "9" * 20, "2024-13-45"])
                   | st.text(max_size=4), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=yamlish | st.text(max_size=200))
def test_any_text_either_loads_or_gives_a_line_and_an_indonesian_message(text: str) -> None:
    try:
        located = load(text)
    except YamlProblem as problem:
        assert 1 <= problem.line <= len(re.split(r"\r\n|[\r\n]", text)) + 1
        assert problem.message and "Traceback" not in problem.message
    else:
        assert located.value is None or isinstance(located.value, (dict, list, str, int, float, bool))


@pytest.mark.parametrize("problem", [
    "mapping values are not allowed here", "mapping values are not allowed in this context",
    "some wording a future parser may use", "", "exceeded maximum nesting depth",
])
def test_parser_wording_chooses_the_message_but_never_shows(problem: str) -> None:
    from terang.inputs.yamlsafe import parser_message

    message = parser_message(problem)
    assert message.startswith(("YAML tidak sah", "YAML terlalu dalam"))
    assert not re.search(r"[a-z]+ (not|are|expected|found|maximum|wording)\b", message)


def test_a_deep_flow_document_gets_terangs_own_message_whatever_the_parser_limits() -> None:
    # PyYAML 6.0.4's libyaml stops at depth 1000 with its own English message; Terang counts first.
    for depth in (51, 999, 1001, 100_000):
        with pytest.raises(YamlProblem) as caught:
            load("x: " + "[" * depth)
        assert caught.value.message == DEEP


# YAML 1.2 booleans: only true/false. Words an editor writes as text stay text.
@pytest.mark.parametrize("word", ["No", "no", "NO", "Ya", "Yes", "yes", "On", "on", "Off", "OFF", "Y", "y", "N", "n", "Tidak"])
def test_yes_no_on_off_stay_text(word: str) -> None:
    located = load(f"label: {word}\njudul: {word}\ntopik: [{word}, b]\n{word}: kunci\n")
    assert located.value == {"label": word, "judul": word, "topik": [word, "b"], word: "kunci"}


@pytest.mark.parametrize("word, value", [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False)])
def test_only_true_and_false_are_booleans(word: str, value: bool) -> None:
    assert load(f"draf: {word}\n").value == {"draf": value}


@pytest.mark.parametrize("text, line, message", [
    ("judul: a\nx: 1\njudul: b\n", 3, "kunci 'judul' ditulis dua kali: baris 1 dan baris 3; hapus salah satu"),
    ("a:\n  b: 1\n  c: 2\n  b: 3\n", 4, "kunci 'b' ditulis dua kali: baris 2 dan baris 4; hapus salah satu"),
    ("kolom:\n  - nama: no\n    label: No\n    label: Nomor\n", 4, "kunci 'label' ditulis dua kali: baris 3 dan baris 4; hapus salah satu"),
    ("l:\n- {x: 1, x: 2}\n", 2, "kunci 'x' ditulis dua kali: di baris 2; hapus salah satu"),
    ("x: \"\u2028\"\na: 1\na: 2\n", 3, "kunci 'a' ditulis dua kali: baris 2 dan baris 3; hapus salah satu"),
    ("No: a\n\"No\": b\n", 2, "kunci 'No' ditulis dua kali: baris 1 dan baris 2; hapus salah satu"),
    ("k" * 80 + ": 1\n" + "k" * 80 + ": 2\n", 2, f"kunci '{'k' * 57}...' ditulis dua kali: baris 1 dan baris 2; hapus salah satu"),
], ids=["top", "nested-map", "in-a-list", "same-line", "unicode-line-separator-before", "quoted-and-plain", "long-key"])
def test_a_duplicate_key_names_both_lines_at_every_level(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_merge_keys_may_override_without_being_duplicates() -> None:
    assert load("d: &d {a: 1}\ne:\n  <<: *d\n  a: 2\n").value["e"] == {"a": 2}


def test_a_tab_inside_a_value_is_text() -> None:
    assert load("judul: a\tb\nlabel:\tx\n").value == {"judul": "a\tb", "label": "x"}


FRONT = "content/berita/kabar-baik.md"


@pytest.mark.parametrize("front, expected", [
    ("judul: Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\njudul: Lagi\n",
     f"{FRONT}:6: kunci 'judul' ditulis dua kali: baris 2 dan baris 6; hapus salah satu"),
    ("judul: \"Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\n",
     f"{FRONT}:2: {QUOTE}"),
    ("judul: Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\ndraf: ya\n",
     f"{FRONT}:6: 'draf' hanya menerima true atau false, bukan 'ya'; tulis draf: true atau draf: false"),
    ("judul: Kabar\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\ndraf: Yes\n",
     f"{FRONT}:6: 'draf' hanya menerima true atau false, bukan 'Yes'; tulis draf: true atau draf: false"),
    ("judul: true\ntanggal: 2024-01-02\nringkasan: R\ntopik: [uji]\n",
     f"{FRONT}:2: 'judul' harus berupa teks, bukan true; jika memang teks, apit dengan tanda kutip (judul: \"true\")"),
], ids=["duplicate", "open-quote", "draf-ya", "draf-yes", "title-true"])
def test_front_matter_yaml_mistakes_name_the_file_line(project, capsys, front: str, expected: str) -> None:
    project.write({FRONT: f"---\n{front}---\nIsi.\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.strip().splitlines()[:-1] == [expected]


def test_a_column_labelled_no_and_a_title_yes_are_published_as_written(project, capsys) -> None:
    project.write({
        "data/per-desa.yml": "judul: Yes\ndeskripsi: Nelayan per desa.\ntanggal: 2024-01-01\nsumber: [Dinas Contoh]\nberkas: per-desa.csv\nkolom:\n"
                             "  - {nama: desa, label: No, jenis: teks}\n  - {nama: jumlah, label: Jumlah, jenis: bilangan}\n",
        "content/berita/kabar-baik.md": "---\njudul: Off\ntanggal: 2024-01-02\nringkasan: On\ntopik: [Ya, No]\n---\nIsi.\n",
    })
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    table = project.page("data/per-desa/index.html")
    assert ">No</th>" in table and "Yes" in table
    item = project.page("berita/kabar-baik/index.html")
    assert "Off" in item and "False" not in item and "True" not in item
