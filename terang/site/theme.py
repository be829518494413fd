"""The theme: Terang's own templates and assets, in the package, overridden file by file by a project.

As Hugo and MkDocs themes do: a project's `templates/base.html` replaces the package's `base.html`,
`templates/aset/gaya.css` replaces its stylesheet, and everything the project does not have comes
from `terang/theme/`. A new site needs no templates at all; a site that changes one template keeps
only that one, and gets every other improvement when Terang is upgraded.
"""

from __future__ import annotations

from pathlib import Path

from terang.walk import is_junk

THEME = Path(__file__).resolve().parent.parent / "theme"  # terang/theme/: the templates, and aset/ (CSS, JS, icon)
ASSETS = "aset"


def folders(project_templates: Path) -> list[Path]:
    """Where templates are looked up, first match wins: the project's templates/, then the theme."""
    return [project_templates, THEME]


def resolve(project_templates: Path, name: str) -> Path | None:
    """The file a template name loads: the project's when it has one, else the theme's; None when neither has it."""
    for folder in folders(project_templates):
        path = folder / name
        if path.is_file():
            return path
    return None


def shown_name(project_templates: Path, filename: str | None) -> str | None:
    """How an error names a template file: 'templates/x.html' in the project, 'tema bawaan terang/theme/x.html'
    in the package; None for a file in neither."""
    if not filename:
        return None
    path = Path(filename).resolve()
    for folder, prefix in ((project_templates, "templates/"), (THEME, "terang/theme/")):
        try:
            return prefix + path.relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
    return None


def asset_files(project_templates: Path) -> dict[str, Path]:
    """Every asset the site publishes under aset/, by its path there: the theme's, replaced or added to by the project's."""
    found: dict[str, Path] = {}
    for folder in reversed(folders(project_templates)):  # the project's last: its files win
        base = folder / ASSETS
        if base.is_dir():
            found.update({f"{ASSETS}/{p.relative_to(base).as_posix()}": p for p in sorted(base.rglob("*"))
                          if p.is_file() and not is_junk(p.name)})
    return dict(sorted(found.items()))


def html_files(project_templates: Path) -> dict[str, Path]:
    """Every template by name, the project's in place of the theme's of the same name."""
    found: dict[str, Path] = {}
    for folder in reversed(folders(project_templates)):
        if folder.is_dir():
            found.update({p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.html"))})
    return dict(sorted(found.items()))
