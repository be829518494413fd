"""The data guide documents every key an editor can write in data/ (Datasette's test_docs idea)."""

from __future__ import annotations

from conftest import ROOT

from terang.data.participants import COUNTED
from terang.data.history import CHANGE
from terang.inputs.fields import ANGKA, DATASET, KOLOM

GUIDE = (ROOT / "docs/panduan-data.md").read_text(encoding="utf-8")


def test_every_data_key_is_in_the_editors_guide() -> None:
    for spec in (*ANGKA, *DATASET, *KOLOM, *CHANGE):
        assert f"{spec.name}:" in GUIDE or f"`{spec.name}`" in GUIDE, spec.name
    for kind in KOLOM[2].choices:
        assert f"| `{kind}` |" in GUIDE, kind
    for column in COUNTED:
        assert f"| `{column}` | ya |" in GUIDE, column


def test_the_readme_has_a_data_formats_section() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Data formats" in readme and "docs/panduan-data.md" in readme
