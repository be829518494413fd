"""Progress on a terminal, quiet elsewhere; --verbose prints the time of each stage."""

from __future__ import annotations

import io
import re

import pytest

from conftest import Project
from terang.build.progress import Progress


def test_the_counter_redraws_one_line_on_a_terminal() -> None:
    terminal = io.StringIO()
    tick = Progress(terminal=terminal).counter(3, "Merender halaman")
    for _ in range(3):
        tick()
    assert terminal.getvalue() == "\rMerender halaman 1/3\rMerender halaman 2/3\rMerender halaman 3/3\n"


def test_no_progress_when_quiet_or_not_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert Progress.for_cli(quiet=True, verbose=False).terminal is None
    assert Progress.for_cli(quiet=False, verbose=False).terminal is None  # pytest's stderr is not a TTY


def test_verbose_prints_the_time_of_each_stage(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = project.build("--verbose", capsys=capsys)
    assert (code, err) == (0, "")
    stages = [re.sub(r"\d+,\d\d", "N", line) for line in out.splitlines() if line.startswith("  ")]
    assert stages == ["  membaca dan memeriksa: N detik", "  merender: N detik", "  menulis: N detik"]


def test_a_plain_build_prints_no_stage_times(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = project.build(capsys=capsys)
    assert not [line for line in out.splitlines() if line.startswith("  ")]
    assert re.match(r"Selesai: 18 halaman \(\d+ berkas\) ditulis ke ", out)
