"""The editors' guide (docs/*.md) as HTML pages, for the preview server only.

The guide is for Diskominfo staff, not for citizens, so it is never written into site/:
`python build.py serve` shows it at /_panduan/ and links to it from the error overlay. A project's
own docs/ wins over the guide that ships with Terang.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nh3

from terang.content.markdown import ATTRIBUTES, SCHEMES, TAGS, new_markdown

PREFIX = "/_panduan/"
BUNDLED = Path(__file__).resolve().parents[2] / "docs"  # the guide of the Terang repository
MD_LINK = re.compile(r'href="([a-z0-9-]+)\.md(#[^"]*)?"')


def guide_url(name: str) -> str:
    """docs/panduan.md -> /_panduan/; docs/panduan-data.md -> /_panduan/panduan-data/."""
    return PREFIX if name == "panduan" else f"{PREFIX}{name}/"


def guide_name(path: str) -> str | None:
    """The docs/ file name (without .md) that a /_panduan/ URL shows, or None."""
    rest = path[len(PREFIX):].strip("/") if path.startswith(PREFIX) else None
    if rest is None:
        return None
    rest = rest or "panduan"
    return rest if re.fullmatch(r"[a-z0-9-]+", rest) else None


def page(docs: Path, name: str) -> str | None:
    """One guide file as a complete, JavaScript-free HTML page; None when it does not exist."""
    text = _read(docs, name)
    if text is None:
        return None
    body = nh3.clean(new_markdown().convert(text), tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None)
    body = MD_LINK.sub(lambda m: f'href="{guide_url(m.group(1))}{m.group(2) or ""}"', body)
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), name)
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} · Pratinjau</title>\n"
        '<link rel="stylesheet" href="/aset/gaya.css">\n</head>\n<body>\n'
        '<main id="isi" class="lebar">\n'
        '<p class="meta">Panduan untuk editor, hanya tampil di pratinjau (tidak ikut terbit). <a href="/">Kembali ke situs</a></p>\n'
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def _read(docs: Path, name: str) -> str | None:
    """docs/<name>.md when it is a readable UTF-8 file inside docs/ itself; None otherwise.

    A symlink that leads out of docs/ (to situs.yml, data/mentah/ or /etc) and a dot-file are
    never shown, whatever the URL: the preview must not become a way to read other files.
    """
    if name.startswith(".") or not re.fullmatch(r"[a-z0-9-]+", name):
        return None
    try:
        folder = docs.resolve(strict=True)
        source = (docs / f"{name}.md").resolve(strict=True)
        if source.parent != folder or source.name.startswith(".") or not source.is_file():
            return None
        return source.read_text(encoding="utf-8")
    except (OSError, RuntimeError, UnicodeDecodeError):  # missing, unreadable, a symlink loop, not text
        return None
