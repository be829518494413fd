"""Files copied from content/ as they are: none may carry script into a visitor's browser."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem
from .outscan import scan

# A browser runs these when they are opened from the site: refuse them outright.
ACTIVE = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".swf", ".xsl", ".xslt", ".svgz", ".php", ".wasm"}
SCANNED = {".svg"}  # images that may hold script: allowed only when they hold none


def asset_problems(content: Path, assets: tuple[str, ...]) -> list[Problem]:
    """Problems of the files under content/ that would be published as they are."""
    problems = []
    for asset in assets:
        name, suffix = f"content/{asset}", Path(asset).suffix.lower()
        if suffix in ACTIVE:
            problems.append(Problem(name, 0, f"berkas {suffix} tidak boleh diterbitkan dari content/ karena dapat menjalankan skrip; "
                                             "tulis halamannya sebagai Markdown di content/halaman/"))
        elif suffix in SCANNED:
            problems += _svg_problems(name, content / asset)
    return problems


def _svg_problems(name: str, path: Path) -> list[Problem]:
    text = path.read_bytes().decode("utf-8", "replace")
    scripts, findings = scan(text)
    found = [f for f in findings if "atribut style" not in f and "<style>" not in f]  # styles are harmless in an image
    if scripts or "<foreignobject" in text.lower():
        found.insert(0, "memuat <script> atau <foreignObject>")
    return [Problem(name, 0, f"gambar SVG ini {found[0]}; simpan ulang tanpa skrip (misalnya ekspor sebagai SVG biasa atau PNG)")] if found else []
