"""Read a built site the way a browser would: what each page links to, loads, and names with an id."""

from __future__ import annotations

import html.parser
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes whose URL the browser fetches while showing the page (counted in its weight).
LOADED = {("img", "src"), ("script", "src"), ("source", "src"), ("video", "poster"), ("input", "src"),
          ("iframe", "src"), ("embed", "src"), ("object", "data"), ("audio", "src"), ("video", "src"), ("track", "src")}
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass(frozen=True)
class Ref:
    """One URL in a page or stylesheet, where it was found, and whether the browser loads it."""

    source: str
    line: int
    url: str
    loaded: bool


@dataclass(frozen=True)
class Parsed:
    """What one HTML page refers to, and the fragment names it defines."""

    refs: tuple[Ref, ...]
    ids: frozenset[str]


class _Collector(html.parser.HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.refs: list[Ref] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        line = self.getpos()[0]
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag in ("a", "area") and "href" in values:
            self.refs.append(Ref(self.source, line, values["href"], False))
        if tag == "link" and "href" in values:
            loaded = bool(LOADING_RELS & set(values.get("rel", "").lower().split()))
            self.refs.append(Ref(self.source, line, values["href"], loaded))
        if tag == "form" and values.get("action"):
            self.refs.append(Ref(self.source, line, values["action"], False))
        for attr, value in values.items():
            if (tag, attr) in LOADED and value:
                self.refs.append(Ref(self.source, line, value, True))
            if attr in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append(Ref(self.source, line, candidate.split()[0], True))
            if attr == "style":
                self.refs += css_refs(self.source, value, line)


def parse_page(site: Path, page: str) -> Parsed:
    """The links, loaded assets and ids of one site-relative HTML page."""
    collector = _Collector(page)
    collector.feed((site / page).read_text(encoding="utf-8"))
    collector.close()
    return Parsed(tuple(collector.refs), frozenset(collector.ids))


def css_refs(source: str, css: str, first_line: int = 1) -> list[Ref]:
    """The url() and @import targets of a stylesheet; all of them are loaded when used."""
    refs = []
    for match in CSS_URL.finditer(css):
        url = match.group(1) or match.group(2)
        if not url.startswith("data:"):
            refs.append(Ref(source, first_line + css.count("\n", 0, match.start()), url.strip(), True))
    return refs


def is_external(url: str) -> bool:
    """A URL on another host (or protocol-relative): never loaded, only linked to."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith("//")


def resolve(source: str, url: str) -> tuple[str, str]:
    """The site-relative file a local URL points to, and its fragment ('' when none)."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        target = source
    elif path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/") or ".")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if path.endswith("/") or target == ".":
        target = posixpath.join("" if target == "." else target, "index.html")
    return target, unquote(parts.fragment)


SKIPPED = {"head", "script", "style", "template", "noscript", "title", "desc"}  # svg title and desc are names, not shown text
# Shown only by choice of the reader or the device: the phone menu until it is opened, the full menu and title on
# wide screens, the page's address on paper (templates/base.html, templates/aset/gaya.css).
NOT_ON_A_PHONE_SCREEN = {"menu-ponsel", "menu-lebar", "nama-penuh", "alamat-cetak", "pengumuman-situs"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: str = ""
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.skipping:
            self.depth += tag == self.skipping
        elif tag in SKIPPED or any(k == "hidden" or (k == "class" and NOT_ON_A_PHONE_SCREEN & set((v or "").split())) for k, v in attrs):
            self.skipping, self.depth = tag, 1

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping:
            self.depth -= 1
            if self.depth == 0:
                self.skipping = ""

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    """The text a reader on a phone sees: everything but <head>, scripts, templates, `hidden` elements and
    what is shown only on wide screens, on paper or once the menu is opened (NOT_ON_A_PHONE_SCREEN)."""
    parser = _Text()
    parser.feed(page_html)
    parser.close()
    return " ".join(parser.parts)
