"""The editors' guide stays true: every command and option is documented in docs/panduan.md."""

from __future__ import annotations

import argparse
import re

import pytest

from conftest import ROOT
from terang.cli import check
from terang.cli import main as cli
from terang.preview import guide
from terang.cli import new as scaffold
from terang.cli import init, serve, verify

GUIDE = (ROOT / "docs" / "panduan.md").read_text(encoding="utf-8")
PARSERS = {"python build.py": cli.parser(), "serve": serve.parser(), "new": scaffold.parser(), "check": check.parser(),
           "verify": verify.parser(), "init": init.parser()}


@pytest.mark.parametrize("command", list(PARSERS))
def test_every_option_is_in_the_guide(command: str) -> None:
    missing = []
    for action in PARSERS[command]._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction) or not action.option_strings:
            continue
        if not any(f"`{name}" in GUIDE or f" {name} " in GUIDE for name in action.option_strings):
            missing.append(action.option_strings[-1])
    assert missing == []


def test_every_command_is_in_the_guide() -> None:
    for name in cli.COMMANDS:
        assert f"python build.py {name}" in GUIDE, name


def test_the_guide_links_the_data_guide_and_explains_errors() -> None:
    assert "[Panduan data](panduan-data.md)" in GUIDE
    assert "## Arti pesan kesalahan" in GUIDE
    for topic in ("## Menambah berita", "## Menambah regulasi", "## Menambah halaman", "## Memperbarui angka dari Excel",
                  "## Pratinjau saat menulis", "### Menyalin ke server (FTP atau rsync)", "### GitHub Pages", "### Netlify", "### nginx atau Apache"):
        assert topic in GUIDE, topic


def test_the_guide_page_links_to_the_data_guide_inside_the_preview() -> None:
    html = guide.page(ROOT / "docs", "panduan")
    assert html is not None
    assert '<a href="/_panduan/panduan-data/">Panduan data</a>' in html
    assert '<h2 id="arti-pesan-kesalahan">Arti pesan kesalahan</h2>' in html
    assert "<script" not in html


def test_guide_urls_accept_only_plain_names() -> None:
    assert guide.guide_name("/_panduan/") == "panduan"
    assert guide.guide_name("/_panduan/panduan-data/") == "panduan-data"
    assert guide.guide_name("/_panduan/../situs") is None
    assert guide.guide_name("/berita/") is None


@pytest.mark.parametrize("command", ["serve", "new", "check", "verify", "init"])
def test_each_command_has_indonesian_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Pemakaian: python build.py {command} ")
    assert re.search(r"\npilihan:\n  -h, --help +tampilkan bantuan ini lalu keluar\n", out)


def test_the_data_guide_is_shown_in_the_preview_too() -> None:
    html = guide.page(ROOT / "docs", "panduan-data")
    assert html is not None and "<script" not in html
    assert guide.page(ROOT / "docs", "tidak-ada") is None


def test_ci_and_the_readme_install_the_pinned_versions() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/python -m pip install -c constraints.txt -e '.[test]' && .venv/bin/python -m pytest"
    assert f"    {command}\n" in readme
    assert command.replace("pip install", "pip install -q") in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_constraints_pin_every_declared_dependency() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {re.split(r"[<>=\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in declared}
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned exactly: {line}"
            pinned[name.lower().replace("_", "-")] = version
    assert sorted(names - pinned.keys()) == []
