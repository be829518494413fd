"""Caches are data, not code: nothing read back from disk is unpickled, a damaged cache is rebuilt,
and no inline script that the templates do not write reaches the site or its `_headers`.

Threat: someone who can write `.cache/terang/` or the folder beside the output (not content/ or
templates/) plants a pickle that runs code, damages a cache, or puts a script into a cached body.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import stat
from pathlib import Path
from typing import Callable

import pytest

from conftest import Project
from helpers import clean_tree, rendered, tree

from terang.content import markdown as markup
from terang.build.incremental import Stats
from terang.build.markdown_cache import SHARDS
from terang.publish.headers import parse_headers_file, script_hash


class Stuck(Exception):
    """Not an OSError, which the build ignores when it reads a cache."""


@pytest.fixture(autouse=True)
def time_limit() -> object:
    """A build that reads a cache it should not (a pipe, /dev/zero) would never end: it fails instead.

    After two minutes every blocking call is interrupted, once a second, until the build gives up.
    """
    def stuck(*_: object) -> None:
        raise Stuck("the build waited on a cache file")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.setitimer(signal.ITIMER_REAL, 120, 1)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


class Planted:
    """A pickle that creates a file when it is unpickled: what an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def records_name(project: Project) -> str:
    """The name of the build state's namespace of builds into project/site (one per output folder)."""
    return hashlib.sha256(str((project.path / "site").resolve()).encode()).hexdigest()[:16]


def state(project: Project, name: str) -> Path:
    """A file of the build state of builds into project/site."""
    return project.path / f".cache/terang/keluaran/{records_name(project)}/{name}"


def read_object(path: Path) -> tuple[bytes, dict]:
    """A state file holding one JSON object: its header line and the object."""
    header, _, body = path.read_bytes().partition(b"\n")
    return header, json.loads(body)


def write_object(path: Path, header: bytes, value: dict) -> None:
    path.write_bytes(header + b"\n" + json.dumps(value).encode() + b"\n")


def old_pickles(project: Project) -> list[str]:
    """Every place earlier versions of Terang unpickled a file from."""
    return [".site.pindai.pickle", ".site.sha256.pickle", ".cache/terang/markdown.pickle", ".cache/terang/teksmemo.pickle",
            f".cache/terang/keluaran/{records_name(project)}.pickle", ".cache/terang/keluaran/lain.pickle",
            *(f".cache/terang/markdown/{shard}.pickle" for shard in SHARDS)]


def cache_files(project: Project) -> list[str]:
    """Every cache file a build reads back now."""
    space = f".cache/terang/keluaran/{records_name(project)}"
    return [f"{space}/pindai.jsonl", f"{space}/sha256.jsonl", f"{space}/cari.jsonl", ".cache/terang/teks.jsonl", ".cache/terang/stamp.json",
            f"{space}/halaman.jsonl", *(f".cache/terang/markdown/{shard}.txt" for shard in SHARDS)]


# --- 1. a planted pickle never runs --------------------------------------------------------------

def test_the_planted_pickle_would_run_if_it_were_unpickled(tmp_path: Path) -> None:
    """The payload of the next test is live: unpickled, it creates its marker (so that test can fail)."""
    marker = tmp_path / "dijalankan"
    pickle.loads(pickle.dumps(Planted(marker)))
    assert marker.exists()


@pytest.mark.parametrize("when", ["before the first build", "after a build"])
def test_a_planted_pickle_never_runs_and_the_build_succeeds(project: Project, capsys: pytest.CaptureFixture[str], when: str) -> None:
    marker = project.path.parent / "dijalankan"
    payload = pickle.dumps(Planted(marker)) * 2  # header and body, as earlier versions read them
    if when == "after a build":
        assert project.build(capsys=capsys)[0] == 0
    places = old_pickles(project) + cache_files(project)  # a pickle where JSON is expected too
    project.write({name: payload for name in places})
    stats = project.build_stats()
    assert not marker.exists()
    assert (stats.markdown_rendered, stats.markdown_reused) == (3, 0)  # nothing planted was taken for a cache
    leftovers = sorted(p.relative_to(project.path).as_posix() for p in project.path.rglob("*.pickle"))
    assert leftovers == []  # the files earlier versions read are gone, never read
    assert tree(project.path / "site") == clean_tree(project, capsys)
    assert not marker.exists()


# --- 2. a damaged cache is ignored and rebuilt ---------------------------------------------------

def whole(data: bytes) -> Callable[[bytes], bytes]:
    return lambda _: data


# The same damage to every cache file at once.
DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": whole(b""),
    "binary garbage": whole(b"\x80\x81\xfe\xff garbage\x00\n\xc3\x28\n"),
    "cut in half": lambda data: data[: len(data) // 2],
    "last byte missing": lambda data: data[:-1],
    "JSON list": whole(b"[]\n"),
    "JSON null": whole(b"null\n"),
    "JSON of another shape": whole(b'{"kode": 5, "isi": [1, "x", null], "salt": [], "fingerprint": {}}\n'),
    "deep nesting": whole(b"[" * 100_000 + b"\n"),
    "huge number": whole(b"9" * 5000 + b"\n"),
    "UTF-16": lambda data: data.decode("utf-8", "replace").encode("utf-16"),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_cache_is_ignored_and_the_site_equals_a_clean_build(project: Project, capsys: pytest.CaptureFixture[str], damage: str) -> None:
    assert project.build(capsys=capsys)[0] == 0
    reference = tree(project.path / "site")
    files = [project.path / name for name in cache_files(project) if (project.path / name).is_file()]
    assert len(files) >= 8  # the records, the memos, the digests, the stamp and some Markdown shards
    for path in files:
        path.write_bytes(DAMAGE[damage](path.read_bytes()))
    code, out, err = project.build("--verbose", capsys=capsys)
    assert code == 0, err
    assert tree(project.path / "site") == reference
    stats = project.build_stats()  # the caches were written again, and are used
    assert rendered(stats) == Stats(markdown_rendered=0, markdown_reused=3, pages_rendered=0, pages_reused=18)
    assert tree(project.path / "site") == reference


def header_and_lines(path: Path) -> tuple[bytes, list[bytes]]:
    first, _, rest = path.read_bytes().partition(b"\n")
    return first, rest.split(b"\n")[:-1]


def damage_records(project: Project) -> None:
    """Page records with the right header (code key, output folder), each line damaged in another way.

    Most keep the page's real context digest, so the damage is met by the code that would use it.
    """
    path = state(project, "halaman.jsonl")
    header, lines = header_and_lines(path)
    zero = "0" * 64
    long_index = "@item[" + "9" * 5000 + "]"

    def forged(real: list, number: int) -> tuple[object, object]:
        context, templates, anchors, wholes, sha256 = real
        changed = ["x"] * len(anchors)  # every whole value changed: the values are read one by one
        return [
            ([1, 2, 3, 4, 5], {}),
            ([context, [["../../../../dev/zero", "x"]], anchors, wholes, sha256], {}),
            ([context, [["/dev/zero", "x"]], anchors, wholes, sha256], {}),
            ([context, [[1, 2]], anchors, wholes, sha256], {}),
            ([context, templates, ["@item[zz]"], ["x"], sha256], {}),
            ([context, templates, ["@item.__class__"], ["x"], sha256], {}),
            ([context, templates, [long_index], ["x"], sha256], {}),
            ([context, templates, anchors, changed, sha256], {"@item.__class__.__init__.__globals__": "x"}),
            ([context, templates, anchors, changed, sha256], {name: 5 for name in anchors}),
            ([context, templates, anchors, changed, sha256], [[name, "x"] for name in anchors]),
            ([context, templates, anchors, wholes, "not a digest"], {}),
            ([context, templates, anchors, wholes[:-1], sha256], {}),
            ([context, templates, anchors, wholes, zero], {}),  # of the right shape: the file's bytes are compared, and differ
        ][number % 13]

    damaged = []
    for number, line in enumerate(lines):
        path_name, identity, record, values = line.split(b"\t")
        if number % 7 == 6:
            damaged.append(path_name + b"\tgarbage")
            continue
        if number % 5 == 4:
            identity = b"9" * 5000 + b",1,2,3"
        bad_record, bad_values = forged(json.loads(record), number)
        damaged.append(b"\t".join([path_name, identity, json.dumps(bad_record).encode(), json.dumps(bad_values).encode()]))
    path.write_bytes(header + b"\n" + b"\n".join(damaged) + b"\n")


def damage_markdown(project: Project) -> None:
    """Markdown shards with the right code key and an index that does not fit the texts, or bad headings."""
    for number, path in enumerate(sorted((project.path / ".cache/terang/markdown").glob("*.txt"))):
        first, _, body = path.read_bytes().partition(b"\n")
        header = json.loads(first)
        key = header["isi"][0][0]
        bad = [
            {"kode": header["kode"], "isi": [[key, len(body) + 1, 0]]},  # longer than the texts
            {"kode": header["kode"], "isi": [[key, -1, len(body) + 1]]},
            {"kode": header["kode"], "isi": [["../x", len(body), 0]]},
            {"kode": header["kode"], "isi": [[key, 0, len(body)]]},  # the HTML read as headings
        ][number % 4]
        path.write_bytes(json.dumps(bad).encode() + b"\n" + body)


def damage_headings(project: Project) -> None:
    """Markdown shards of a valid layout whose headings are not [[level, id, title], ...]: a table of contents would fail."""
    wrong = ["[[1]]", '{"a": 1}', "[5]", '[[2, "id"]]', '[["2", "id", "judul"]]', '[[2, "id", "judul"]', "[[true, 1, 2]]"]
    for number, path in enumerate(sorted((project.path / ".cache/terang/markdown").glob("*.txt"))):
        first, _, body = path.read_bytes().decode("utf-8").partition("\n")
        header = json.loads(first)
        texts, start = [], 0
        for entry in header["isi"]:
            html = body[start:start + entry[1]]
            start += entry[1] + entry[2]
            headings = wrong[(number + len(texts)) % len(wrong)]
            entry[2] = len(headings)
            texts.append(html + headings)
        path.write_text(json.dumps(header) + "\n" + "".join(texts), encoding="utf-8")


def damage_memos(project: Project) -> None:
    """The text memo, the scan memo and the digests with valid headers and answers of the wrong shape."""
    memo = project.path / ".cache/terang/teks.jsonl"
    header, lines = header_and_lines(memo)
    # none of these is an answer some question could give (a forged answer of the right shape is data, and is used)
    answers = [b"5.5", b"true", b'{"a": 1}', b'[[], {"x": "y"}]', b'[{"judul": "Diubah"}, {"judul": "satu"}]', b"-3", b'["bukan kosong"]', b'[' * 61 + b']' * 61]
    memo.write_bytes(header + b"\n" + b"".join(line.partition(b"\t")[0] + b"\t" + answers[n % len(answers)] + b"\n"
                                               for n, line in enumerate(lines)))
    scans = state(project, "pindai.jsonl")
    header, stored = read_object(scans)
    values = [5, ["x", 1], {"a": 1}, None, False, [["'sha256-AAAA'"]], True, ["'sha256-AAAA'"]]
    write_object(scans, header, {key: values[n % len(values)] for n, key in enumerate(stored)})
    digests = state(project, "sha256.jsonl")
    header, stored = read_object(digests)
    wrong = [5, "Z" * 64, None, "abc", ["x"], "0" * 63]  # with the file's real inode, size and time
    values = [5, [1, 2, 3], ["1", "2", "3", "0" * 64], {"a": 1}]
    write_object(digests, header, {key: real[:3] + [wrong[n % len(wrong)]] if n % 2 else values[n % len(values)]
                                   for n, (key, real) in enumerate(stored.items())})


def damage_stamp(project: Project) -> None:
    stamp = project.path / ".cache/terang/stamp.json"
    saved = json.loads(stamp.read_text(encoding="utf-8"))
    stamp.write_text(json.dumps({**saved, "pages": "15"}), encoding="utf-8")


SHAPES = {"page records": damage_records, "Markdown shards": damage_markdown, "Markdown headings": damage_headings,
          "memos and digests": damage_memos, "stamp": damage_stamp}


@pytest.mark.parametrize("which", SHAPES, ids=list(SHAPES))
def test_a_cache_of_the_wrong_shape_behind_a_valid_header_is_ignored(project: Project, capsys: pytest.CaptureFixture[str], which: str) -> None:
    project.write({f"content/berita/kabar-{n}.md": f"---\njudul: Kabar {n}\ntanggal: 2024-01-0{n}\nringkasan: R.\ntopik: [uji]\n---\n## Bagian\nIsi {n}.\n"
                   for n in range(3, 9)})  # more pages, so every damage is tried on some
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\n" + "".join(f"## Bagian {n}\n\nIsi.\n\n" for n in range(5))})  # a table of contents
    assert project.build(capsys=capsys)[0] == 0
    reference = tree(project.path / "site")
    SHAPES[which](project)
    if which.startswith("Markdown"):  # the pages are made again, from the cached bodies (a reused page reads none)
        state(project, "halaman.jsonl").unlink()
    code, out, err = project.build(*([] if which == "stamp" else ["--verbose"]), capsys=capsys)
    assert code == 0, err
    assert "Tidak ada yang berubah" not in out  # a stamp of the wrong shape never skips the build
    assert tree(project.path / "site") == reference
    if which == "page records":  # and once more with a change, so that the records' values are read
        SHAPES[which](project)
        text = (project.path / "content/berita/kabar-3.md").read_text(encoding="utf-8")
        project.write({"content/berita/kabar-3.md": text.replace("ringkasan: R.", "ringkasan: Ringkasan lain.")})
        code, out, err = project.build("--verbose", capsys=capsys)
        assert code == 0, err
    assert tree(project.path / "site") == clean_tree(project, capsys)


def not_a_file(kind: str, path: Path) -> None:
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "pipe":
        os.mkfifo(path)  # reading it would wait for a writer forever
    elif kind == "link to a device":
        path.symlink_to("/dev/zero")  # reading it would never end
    elif kind == "link to a file":
        path.symlink_to(path.parent / "lain.json")
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero's numbers
        except PermissionError:
            pytest.skip("this user may not make device files")
    else:
        path.mkdir()


@pytest.mark.parametrize("kind", ["pipe", "link to a device", "device", "link to a file", "folder"])
def test_a_cache_path_that_is_not_a_regular_file_is_ignored(project: Project, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    assert project.build(capsys=capsys)[0] == 0
    reference = tree(project.path / "site")
    for name in cache_files(project):
        not_a_file(kind, project.path / name)
    code, out, err = project.build(capsys=capsys)  # within the time limit (time_limit())
    assert code == 0, err
    assert tree(project.path / "site") == reference


# --- 3. no inline script but the templates' own ------------------------------------------------

def tamper_body(project: Project, needle: str, script: str) -> Path:
    """Put `script` into the cached HTML of the body containing `needle`, keeping the shard's format valid."""
    for path in sorted((project.path / ".cache/terang/markdown").glob("*.txt")):
        first, _, body = path.read_bytes().decode("utf-8").partition("\n")
        header = json.loads(first)
        texts, start = [], 0
        for entry in header["isi"]:
            html, headings = body[start:start + entry[1]], body[start + entry[1]:start + entry[1] + entry[2]]
            start += entry[1] + entry[2]
            if needle in html:
                html = html.replace(needle, needle + script)
                entry[1] = len(html)
            texts.append(html + headings)
        joined = "".join(texts)
        if joined != body:
            path.write_text(json.dumps(header) + "\n" + joined, encoding="utf-8")
            return path
    raise AssertionError(f"no cached body holds {needle!r}")


PAYLOADS = ["<script>alert(1)</script>", "<SCRIPT>alert(1)</SCRIPT>", "<svg><script>alert(1)</script></svg>",
            "<ScRiPt type=module>alert(1)</ScRiPt>", "<style>body{display:none}</style>"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_script_put_into_a_cached_body_never_reaches_the_site(project: Project, capsys: pytest.CaptureFixture[str], payload: str) -> None:
    assert project.build(capsys=capsys)[0] == 0
    shard = tamper_body(project, "Isi berita dengan", payload)
    text = (project.path / "content/berita/kabar-baik.md").read_text(encoding="utf-8")
    project.write({"content/berita/kabar-baik.md": text.replace("judul: Kabar baik", "judul: Kabar yang baik")})  # the page is made again
    stats = project.build_stats()
    assert (stats.markdown_rendered, stats.markdown_reused) == (1, 2)  # the tampered body was rendered again from its source
    site = tree(project.path / "site")
    assert [name for name, data in site.items() if b"alert(1)" in data or b"body{display:none}" in data] == []
    assert script_sources(project) == ["'self'"]
    assert b"alert(1)" not in shard.read_bytes() and b"body{display:none}" not in shard.read_bytes()  # the cache was written again
    assert site == clean_tree(project, capsys)


def slipping_sanitiser(monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """A sanitiser that lets `script` through: the case the CSP step is the last defence against."""
    real = markup.nh3.clean
    monkeypatch.setattr(markup.nh3, "clean", lambda html, **options: real(html.replace(script, "SKRIPUJI"), **options).replace("SKRIPUJI", script))


def test_an_unknown_inline_script_fails_the_build_naming_the_markdown_file_and_line(project: Project, capsys: pytest.CaptureFixture[str],
                                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    slipping_sanitiser(monkeypatch, "<script>alert(1)</script>")
    project.write({"content/halaman/tentang.md": "---\njudul: Tentang\n---\nHalaman tentang.\n\nLihat <script>alert(1)</script> ini.\n"})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/halaman/tentang.md:6: halaman hasil build tentang/index.html memuat skrip sebaris yang bukan dari templat; "
        "ini dilarang oleh kebijakan keamanan (CSP) situs. Hapus skrip dari berkas ini; jika berkas ini tidak memuat skrip, "
        "jalankan build dengan --clean (cache build mungkin diubah)")
    assert tree(project.path / "site") == before  # the old site, its _headers included, stays


def test_a_script_from_a_tampered_cache_that_the_source_lacks_is_named_with_line_0(project: Project, capsys: pytest.CaptureFixture[str],
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from terang.build import markdown_cache as cache

    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    monkeypatch.setattr(cache, "NEVER_RENDERED", cache.re.compile("(?!)"))  # a cache check that misses it
    tamper_body(project, "Isi berita dengan", "<script>alert(1)</script>")
    text = (project.path / "content/berita/kabar-baik.md").read_text(encoding="utf-8")
    project.write({"content/berita/kabar-baik.md": text.replace("judul: Kabar baik", "judul: Kabar yang baik")})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[0].startswith(
        "content/berita/kabar-baik.md: halaman hasil build berita/kabar-baik/index.html memuat skrip sebaris yang bukan dari templat;")
    assert tree(project.path / "site") == before


STATIC = "document.documentElement.className = 'js';"


def with_template_script(project: Project, script: str) -> None:
    base = project.template("base.html")
    project.write({"templates/base.html": base.replace("</head>", f"<script>{script}</script>\n</head>", 1)})


def script_sources(project: Project) -> list[str]:
    """The sources of the site's script-src, WebAssembly left out (the search index ships some)."""
    policy = parse_headers_file(project.page("_headers"))["Content-Security-Policy"]
    directive = next(part.split()[1:] for part in policy.split("; ") if part.startswith("script-src "))
    return [source for source in directive if source != "'wasm-unsafe-eval'"]


def test_a_templates_own_inline_script_is_the_only_hash_in_headers_even_with_a_forged_scan_memo(
        project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    with_template_script(project, STATIC)
    assert project.build(capsys=capsys)[0] == 0
    assert script_sources(project) == ["'self'", script_hash(STATIC)]
    memo = state(project, "pindai.jsonl")
    header, stored = read_object(memo)
    forged = "'sha256-" + "A" * 43 + "='"
    write_object(memo, header, {key: [forged] if key.startswith("csp") else value for key, value in stored.items()})
    code, _, err = project.build("--verbose", capsys=capsys)
    assert code == 0, err
    assert script_sources(project) == ["'self'", script_hash(STATIC)]


def test_a_template_script_that_jinja_fills_in_fails_the_build_naming_the_template(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert project.build(capsys=capsys)[0] == 0
    before = tree(project.path / "site")
    with_template_script(project, "var judul = '{{ title }}';")
    line = project.template("base.html").splitlines().index("<script>var judul = '{{ title }}';</script>") + 1
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert err.splitlines()[:-1] == [  # one message, not one per page (the last line is the summary)
        f"templates/base.html:{line}: skrip sebaris di templat ini memakai sintaks Jinja ({{{{ }}}}, {{% %}} atau {{# #}}), jadi isinya "
        "berubah per halaman dan tidak dapat diizinkan oleh kebijakan keamanan (CSP) situs; tulis skripnya apa adanya atau "
        "pindahkan ke berkas .js di templates/aset/"]
    assert tree(project.path / "site") == before


def test_clean_trusts_no_digest_an_earlier_build_kept(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert project.build(capsys=capsys)[0] == 0
    digests = state(project, "sha256.jsonl")
    header, stored = read_object(digests)
    name, real = next((key, value) for key, value in stored.items() if key.endswith("index.html"))
    stored[name] = real[:3] + ["0" * 64]  # a forged digest of the right shape, for the file as it is
    write_object(digests, header, stored)
    assert project.build("--clean", capsys=capsys)[0] == 0
    sums = (project.path / "site/SHA256SUMS").read_text(encoding="utf-8")
    assert "0" * 64 not in sums
    assert f"{hashlib.sha256((project.path / 'site' / name).read_bytes()).hexdigest()}  {name}\n" in sums
