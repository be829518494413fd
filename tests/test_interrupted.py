"""Interrupted builds: SIGKILL at any moment leaves site/ as the complete old or new site."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, Project, tiny_files

from terang.cli.main import main
from terang.publish.manifest import read_manifest, verify

NEWS = 300  # enough pages that writing, swapping and cleaning take a noticeable while


def simulated_news(version: str) -> dict[str, str]:
    """SIMULASI news items, generated at test time; `version` changes every page."""
    return {
        f"content/berita/simulasi-{i:03d}.md": (
            f"---\njudul: SIMULASI berita {i} versi {version}\ntanggal: 2024-01-02\n"
            f"ringkasan: Berita simulasi untuk uji build yang diputus.\ntopik: [simulasi]\n---\n"
            + f"Paragraf SIMULASI versi {version}. " * 100 + "\n"
        )
        for i in range(NEWS)
    }


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}.baru-", f".{out.name}.lama-")))


def start_build(project: Path, out: Path) -> subprocess.Popen:
    """build.py as started from a terminal: Ctrl+C interrupts it, even when the tests run where it is ignored
    (a shell's background job, some CI runners: an ignored SIGINT is inherited, and Python keeps ignoring it)."""
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--proyek", str(project), "--out", str(out), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


@pytest.fixture
def ctrl_c_interrupts() -> Iterator[None]:
    """Ctrl+C raises KeyboardInterrupt in this process for the test, as it does at a terminal."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def kill_after(process: subprocess.Popen, out: Path, wait_for_staging: bool, delay: float) -> bool:
    """SIGKILL the build `delay` seconds after it starts (or after its staging folder appears).

    Returns whether the build was still running with a staging folder when it was killed.
    """
    earlier = set(leftovers(out))  # a killed build's leftovers, until this build cleans them
    if wait_for_staging:
        while process.poll() is None and not set(leftovers(out)) - earlier:
            time.sleep(0.002)
    time.sleep(delay)
    in_flight = process.poll() is None and bool(set(leftovers(out)) - earlier)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return in_flight


def test_sigkill_at_any_moment_leaves_the_complete_old_or_new_site(tmp_path: Path) -> None:
    project = Project(tmp_path / "proyek").write(tiny_files()).write(simulated_news("lama"))
    out = tmp_path / "site"
    assert main(["--proyek", str(project.path), "--out", str(out), "-q"]) == 0
    old = read_manifest(out)
    project.write(simulated_news("baru"))
    reference = tmp_path / "acuan" / "site"
    assert main(["--proyek", str(project.path), "--out", str(reference), "-q"]) == 0
    new = read_manifest(reference)
    assert old != new

    # Before writing, while writing the staging folder, around the swap and while the old site
    # is deleted; on this machine the swap came about 0.2 s after the staging folder appeared.
    moments = [(False, 0.0), (False, 0.3), *((True, d) for d in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.35, 0.5))]
    in_flight = 0
    for wait_for_staging, delay in moments:
        in_flight += kill_after(start_build(project.path, out), out, wait_for_staging, delay)
        assert verify(out) == [], (wait_for_staging, delay)
        current = read_manifest(out)
        assert current in (old, new), (wait_for_staging, delay)
    assert in_flight >= 3, "most kills must land while a build is writing"

    finished = start_build(project.path, out)
    _, err = finished.communicate()
    assert finished.returncode == 0, err.decode()
    assert read_manifest(out) == new and verify(out) == []
    assert leftovers(out) == [], "the next build cleans what killed builds left"


def test_two_builds_at_once_one_writes_and_the_other_says_why_it_stopped(tmp_path: Path) -> None:
    project = Project(tmp_path / "proyek").write(tiny_files()).write(simulated_news("satu"))
    out = tmp_path / "site"
    lock = tmp_path / ".site.kunci"
    first = start_build(project.path, out)
    while first.poll() is None and not (lock.exists() and lock.read_text() == f"{first.pid}\n"):
        time.sleep(0.005)  # the first build holds the lock from its start
    second = start_build(project.path, out)
    _, second_err = second.communicate()
    _, first_err = first.communicate()
    assert first.returncode == 0, first_err.decode()
    assert second.returncode == 1
    assert second_err.decode().splitlines() == [
        f"{lock}: build lain (proses {first.pid}) sedang menulis ke folder site/; tunggu sampai build itu selesai lalu jalankan lagi",
        "Build gagal: 1 kesalahan. Folder hasil tidak diubah; perbaiki kesalahan di atas lalu jalankan lagi.",
    ]
    assert verify(out) == [] and leftovers(out) == []


def test_ctrl_c_stops_the_build_without_a_traceback(tmp_path: Path) -> None:
    project = Project(tmp_path / "proyek").write(tiny_files())
    out = tmp_path / "site"
    assert main(["--proyek", str(project.path), "--out", str(out), "-q"]) == 0
    old = read_manifest(out)
    project.write(simulated_news("baru"))
    build = start_build(project.path, out)
    lock = tmp_path / ".site.kunci"
    while build.poll() is None and not (lock.exists() and lock.read_text() == f"{build.pid}\n"):
        time.sleep(0.005)
    running = build.poll() is None
    build.send_signal(signal.SIGINT)
    _, err = build.communicate()
    assert running, "the build ended before it held the lock: this test needs a slower build"
    assert build.returncode == 130, err.decode()
    assert err.decode().splitlines() == [
        "Build dihentikan. Folder " + str(out) + "/ tetap berisi situs yang utuh (yang lama, atau yang baru jika build sudah selesai menukarnya)."]
    assert read_manifest(out) == old and verify(out) == [] and leftovers(out) == []


def test_ctrl_c_that_python_loses_on_the_way_still_keeps_the_old_site(tmp_path: Path, monkeypatch, capsys, ctrl_c_interrupts) -> None:
    """CPython can drop the KeyboardInterrupt (inside a C extension's import, or a __del__); the request is remembered."""
    import signal as signals

    from terang.build import pipeline

    project = Project(tmp_path / "proyek").write(tiny_files())
    out = tmp_path / "site"
    assert main(["--proyek", str(project.path), "--out", str(out), "-q"]) == 0
    old = read_manifest(out)
    project.write(simulated_news("baru"))
    real_load = pipeline.load

    def load_that_loses_ctrl_c(*args, **kwargs):
        try:
            signals.raise_signal(signals.SIGINT)
        except KeyboardInterrupt:
            pass  # what xml.etree's fallback import does with it
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load", load_that_loses_ctrl_c)
    capsys.readouterr()
    assert main(["--proyek", str(project.path), "--out", str(out), "-q"]) == 130
    assert capsys.readouterr().err.splitlines() == [
        "Build dihentikan. Folder " + str(out) + "/ tetap berisi situs yang utuh (yang lama, atau yang baru jika build sudah selesai menukarnya)."]
    assert read_manifest(out) == old and verify(out) == [] and leftovers(out) == []
    monkeypatch.undo()
    assert main(["--proyek", str(project.path), "--out", str(out), "-q"]) == 0, "the next build is not stopped by the old Ctrl+C"
