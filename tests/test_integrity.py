"""Published-file integrity: SHA256SUMS, byte-identical rebuilds, _headers and the build lock."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import tree

from terang.cli.main import main
from terang.publish.headers import content_security_policy, parse_headers_file, write_headers
from terang.publish.manifest import MANIFEST, read_manifest, verify
from terang.publish.lock import build_lock, lock_path
from terang.publish import finish

POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
          "frame-ancestors 'none'")
# The default site ships Pagefind's WebAssembly search index.
SITE_POLICY = POLICY.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';")


def test_manifest_lists_every_published_file_with_its_sha256(default_site: Path) -> None:
    listed = read_manifest(default_site)
    on_disk = {name for name in tree(default_site) if name != MANIFEST}  # the marker .terang included
    assert set(listed) == on_disk and ".terang" in listed
    assert "index.html" in listed and "_headers" in listed and "data/peserta-per-segmen/peserta-per-segmen.csv" in listed
    assert verify(default_site) == []


def test_sha256sum_from_coreutils_accepts_the_manifest(default_site: Path) -> None:
    result = subprocess.run(["sha256sum", "--check", "--strict", MANIFEST], cwd=default_site, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "index.html: OK" in result.stdout


def test_verify_names_a_changed_a_missing_and_an_extra_file(tmp_path: Path, default_site: Path) -> None:
    copy = tmp_path / "salinan"
    shutil.copytree(default_site, copy)
    (copy / "index.html").write_text("diubah", encoding="utf-8")
    (copy / "404.html").unlink()
    (copy / "tambahan.html").write_text("x", encoding="utf-8")
    assert verify(copy) == [
        "index.html: isi berbeda dari SHA256SUMS",
        "404.html: tercantum di SHA256SUMS tetapi tidak ada",
        "tambahan.html: ada tetapi tidak tercantum di SHA256SUMS",
    ]


def test_two_clean_builds_of_the_same_inputs_are_byte_identical(tmp_path: Path, default_site: Path) -> None:
    again = tmp_path / "lagi" / "site"
    assert main(["--proyek", str(ROOT), "--out", str(again), "-q"]) == 0
    assert tree(again) == tree(default_site)


def test_headers_file_ships_a_strict_csp_nosniff_and_a_referrer_policy(default_site: Path) -> None:
    headers = parse_headers_file((default_site / "_headers").read_text(encoding="utf-8"))
    assert (default_site / "_headers").read_text(encoding="utf-8").startswith("/*\n  Content-Security-Policy: ")
    assert headers == {
        "Content-Security-Policy": SITE_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def test_the_security_guide_shows_the_headers_the_build_writes(default_site: Path) -> None:
    guide = (ROOT / "docs" / "keamanan.md").read_text(encoding="utf-8")
    for name, value in parse_headers_file((default_site / "_headers").read_text(encoding="utf-8")).items():
        assert f'add_header {name} "{value}" always;' in guide, name
        assert f'Header always set {name} "{value}"' in guide, name


def test_an_inline_script_in_a_template_is_allowed_by_its_hash(project, capsys) -> None:
    project.write({"templates/base.html": project.template("base.html").replace("</body>", "<script>document.documentElement.className='js'</script>\n</body>")})
    code, _, err = project.build(capsys=capsys)
    assert code == 0, err
    policy = parse_headers_file(project.page("_headers"))["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-PtdI6/36DhPdMEgjNWV5ExIEqFovVcjUHPeOyApfBhs=' 'wasm-unsafe-eval';" in policy


def test_an_event_handler_or_inline_style_in_a_template_fails_the_build(project, capsys) -> None:
    project.build(capsys=capsys)
    before = project.page("index.html")
    project.write({"templates/base.html": project.template("base.html").replace("<main id=\"isi\"", "<main onclick=\"x()\" style=\"color:red\" id=\"isi\"")})
    code, _, err = project.build(capsys=capsys)
    assert code == 1
    assert ("index.html: halaman hasil build: <main> memakai atribut peristiwa 'onclick' (JavaScript sebaris); "
            "ini dilarang oleh kebijakan keamanan (CSP) situs, perbaiki templatnya") in err
    assert "index.html: halaman hasil build: <main> memakai atribut style; pindahkan gayanya ke aset/gaya.css;" in err
    assert project.page("index.html") == before


def test_the_finishing_steps_run_in_order_and_the_indexer_works_while_the_pages_are_scanned(tmp_path: Path, monkeypatch) -> None:
    steps: list[str] = []

    def step(name: str):
        def run(*args: object, **kwargs: object) -> list:
            steps.append(name)
            return []
        return run

    monkeypatch.setattr(finish.search, "finish_index", step("pagefind selesai"))
    monkeypatch.setattr(finish, "scan_pages", step("CSP"))
    monkeypatch.setattr(finish, "scan_output", step("privasi"))
    monkeypatch.setattr(finish, "report", step("laporan privasi"))
    monkeypatch.setattr(finish, "csp_problems", step("laporan CSP"))
    monkeypatch.setattr(finish, "write_policy", step("_headers"))
    monkeypatch.setattr(finish, "write_manifest", step(MANIFEST))
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")

    class Started:
        def add(self, run: object) -> None:
            pass

        def close(self) -> None:
            steps.append("pagefind mulai")

        def cancel(self) -> None:
            steps.append("pagefind dilepas")

    monkeypatch.setattr(finish.search, "start_index", lambda on_done: Started())
    assert finish.finish_site(tmp_path, tmp_path, ()) == []
    assert steps == ["pagefind mulai", "CSP", "privasi", "pagefind selesai", "pagefind dilepas", "privasi", "laporan privasi",
                     "CSP", "laporan CSP", "_headers", MANIFEST]


def test_a_build_interrupted_while_the_indexer_runs_stops_the_indexer(tmp_path: Path, monkeypatch) -> None:
    started: list[finish.search.Indexing] = []
    real_start = finish.search.start_index

    def start(on_done) -> finish.search.Indexing:
        started.append(real_start(on_done))
        started[0].add(finish.search.Run(("sleep", "30"), tmp_path))
        return started[0]

    def interrupt(*args: object) -> list:
        while started[0].process is None:  # the indexer thread has started its process
            time.sleep(0.01)
        raise KeyboardInterrupt

    monkeypatch.setattr(finish.search, "start_index", start)
    monkeypatch.setattr(finish, "scan_pages", interrupt)
    with pytest.raises(KeyboardInterrupt):
        finish.finish_site(tmp_path, tmp_path, ())
    process = started[0].process
    assert process is not None and process.poll() is not None  # killed, not left running for 30 s
    assert started[0].thread is not None and not started[0].thread.is_alive()


def test_a_second_build_while_one_holds_the_lock_fails_with_a_clear_message(project, capsys) -> None:
    out = project.path / "site"
    assert project.build(capsys=capsys)[0] == 0
    before = tree(out)
    staging = project.path / ".site.baru-lain"  # the running build's staging folder
    staging.mkdir()
    with build_lock(out):
        code, _, err = project.build(capsys=capsys)
        assert code == 1
        assert err.splitlines()[0] == (f"{lock_path(out)}: build lain (proses {os.getpid()}) sedang menulis ke folder site/; "
                                       "tunggu sampai build itu selesai lalu jalankan lagi")
        assert staging.is_dir(), "a waiting build must not clean the running build's staging folder"
        assert tree(out) == before
    assert project.build(capsys=capsys)[0] == 0
    assert not staging.exists(), "the next build cleans leftovers"


def test_webassembly_for_a_search_index_is_allowed_only_when_the_site_ships_it(tmp_path: Path) -> None:
    assert content_security_policy([], wasm=False) == POLICY
    assert content_security_policy(["'sha256-b'", "'sha256-a'", "'sha256-b'"], wasm=True).startswith(
        "default-src 'none'; script-src 'self' 'sha256-a' 'sha256-b' 'wasm-unsafe-eval'; style-src 'self';")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "wasm.unknown.pagefind").write_bytes(b"\0asm")
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    assert write_headers(tmp_path) == []
    assert "script-src 'self' 'wasm-unsafe-eval';" in (tmp_path / "_headers").read_text(encoding="utf-8")
