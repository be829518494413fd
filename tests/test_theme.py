"""The theme ships in the package; a project's templates/ overrides it file by file (as Hugo and MkDocs themes do)."""

from __future__ import annotations


import pytest

from conftest import ROOT, Project
from helpers import assert_same_as_clean_build, build_errors

from terang.site.theme import THEME


def test_the_repository_keeps_only_a_guide_in_templates_and_the_theme_in_the_package() -> None:
    assert sorted(p.name for p in (ROOT / "templates").iterdir()) == ["README.md"]
    assert (THEME / "base.html").is_file() and (THEME / "aset" / "gaya.css").is_file()
    assert THEME == ROOT / "terang" / "theme"


def test_a_project_without_templates_uses_the_theme(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert not (project.path / "templates").exists()
    assert project.build(capsys=capsys)[0] == 0
    assert (project.path / "site/aset/gaya.css").read_bytes() == (THEME / "aset/gaya.css").read_bytes()
    assert '<details class="menu-ponsel">' in project.page("index.html")


def test_one_overridden_template_replaces_only_itself(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    own = project.template("halaman.html").replace("<article>", '<article class="milik-proyek">', 1)
    project.write({"templates/halaman.html": own})
    assert project.build(capsys=capsys)[0] == 0
    assert '<article class="milik-proyek">' in project.page("tentang/index.html")
    news = project.page("berita/kabar-baik/index.html")  # berita.html and base.html still come from the package
    assert "milik-proyek" not in news and '<details class="menu-ponsel">' in news


def test_a_projects_asset_replaces_the_themes_and_adds_its_own(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"templates/aset/gaya.css": "body { color: #000; }\n", "templates/aset/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'})
    assert project.build(capsys=capsys)[0] == 0
    site = project.path / "site/aset"
    assert (site / "gaya.css").read_text(encoding="utf-8") == "body { color: #000; }\n"
    assert (site / "logo.svg").is_file()
    assert (site / "salin.js").read_bytes() == (THEME / "aset/salin.js").read_bytes()


def test_an_error_in_an_overriding_template_names_the_projects_file(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write({"templates/halaman.html": project.template("halaman.html").replace("{% endblock %}", "{% endblok %}", 1)})
    errors = build_errors(project, capsys)
    assert len(errors) == 1 and errors[0].startswith("templates/halaman.html:"), errors


def test_adding_and_removing_an_override_equals_a_clean_build(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert_same_as_clean_build(project, capsys)
    project.write({"templates/_makro.html": project.template("_makro.html").replace("Kontak resmi", "Kontak resmi kabupaten")})
    assert_same_as_clean_build(project, capsys)
    assert "Kontak resmi kabupaten" in project.page("index.html")
    project.remove("templates/_makro.html")
    assert_same_as_clean_build(project, capsys)
    assert "Kontak resmi kabupaten" not in project.page("index.html")


def test_the_installed_package_carries_the_theme() -> None:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["terang"]
    shipped = {p.relative_to(THEME.parent).as_posix() for pattern in patterns if pattern.startswith("theme/") for p in THEME.parent.glob(pattern)}
    assert shipped == {p.relative_to(THEME.parent).as_posix() for p in THEME.rglob("*") if p.is_file()}
