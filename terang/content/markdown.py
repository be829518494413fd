"""Markdown to safe HTML: placeholders for figures, internal links checked and made relative.

Authors link to pages with site paths (`/regulasi/perbup-59-2025/`) or with the Markdown file
(`../halaman/manfaat.md`); both become relative links. `[[angka:ID]]`, `[[jumlah:ID]]`,
`[[selisih:ID]]` and `[[tabel:ID]]` insert figures from data/ so no number is typed twice.
"""

from __future__ import annotations

import json
import posixpath
import re
import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html import escape
from typing import Mapping

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from terang.content.limits import complexity_problems
from terang.errors import Problem
from terang.inputs.schema import suggest
from terang.model import Body
from terang.urls import relative

PLACEHOLDER = re.compile(r"\[\[(angka|jumlah|selisih|tabel):([^\]\s]*)\]\]")
ALIGN = re.compile(r"text-align:\s*(left|right|center)")
ALIGN_CLASS = {"left": "rata-kiri", "right": "rata-kanan", "center": "rata-tengah"}
TAGS = set(nh3.ALLOWED_TAGS) - {"center", "strike", "tt", "acronym", "map", "area"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
    "abbr": {"title"},
    "blockquote": {"cite"},
}
SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str


@dataclass(frozen=True)
class Rendered:
    html: str
    # [[level, id, title], ...] as one JSON text: thousands of bodies load from the cache far faster than as objects
    headings: str = "[]"

    @property
    def toc(self) -> tuple[Heading, ...]:
        """The body's headings, for a table of contents in templates (`body.toc`)."""
        return tuple(Heading(*heading) for heading in json.loads(self.headings))


@dataclass(frozen=True)
class Targets:
    """What a body may link to or insert, known once everything is read."""

    pages: frozenset[str]  # site URLs: "", "berita/", "regulasi/x/"
    files: frozenset[str]  # files in the built site: "berkas/x.pdf"
    sources: Mapping[str, str]  # "content/halaman/x.md" -> "x/"
    snippets: Mapping[str, str] = field(default_factory=dict)  # "angka:id" -> Markdown text
    # placeholder kinds ("angka:") whose every id counts as known, with a stand-in text: their file failed to read
    unread: tuple[str, ...] = ()
    # per body path, placeholders that read otherwise there: a dated text shows a figure as it stood on its date
    dated: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def snippet(self, path: str, key: str) -> str | None:
        """The Markdown a placeholder inserts in the body at `path`, or None when it is unknown."""
        own = self.dated.get(path)
        if own is not None and key in own:
            return own[key]
        return self.snippets.get(key)


class _AlignToClass(Treeprocessor):
    """Table alignment as classes: inline styles would break under a strict CSP."""

    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            style = cell.attrib.pop("style", None)
            match = ALIGN.search(style or "")
            if match:
                cell.set("class", ALIGN_CLASS[match.group(1)])


class _Terang(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_AlignToClass(md), "terang-align", 1)


def new_markdown() -> markdown.Markdown:
    """One Markdown instance; reuse it with reset() between documents."""
    return markdown.Markdown(
        extensions=["tables", "toc", "footnotes", "attr_list", "sane_lists", _Terang()],
        extension_configs={"toc": {"toc_depth": "2-3"}, "footnotes": {"BACKLINK_TITLE": "Kembali ke teks %d"}},
        output_format="html",
    )


_LOCAL = threading.local()  # Markdown instances per thread: serve renders a page while a build runs

# Python-Markdown tries every inline pattern on every piece of text, and that is most of its
# time. A pattern cannot match a text that lacks the characters it starts with, so a body is
# converted by an instance without those patterns: the same HTML, sooner (most news use only links).
TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",),
    "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_"),
}


def markdown_for(text: str) -> markdown.Markdown:
    """This thread's instance for texts like `text`: without the inline patterns that cannot match it."""
    absent = frozenset(name for name, needles in TRIGGERS.items() if not any(n in text for n in needles))
    instances: dict[frozenset[str], markdown.Markdown] = _LOCAL.__dict__.setdefault("instances", {})
    md = instances.get(absent)
    if md is None:
        md = instances[absent] = new_markdown()
        for name in absent:
            md.inlinePatterns.deregister(name, strict=False)
    return md


def render_markdown(body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
    """Render one body to sanitised HTML; report bad placeholders and links with their line."""
    problems: list[Problem] = complexity_problems(body)
    if problems:
        return Rendered(""), problems
    text = PLACEHOLDER.sub(lambda m: _snippet(m, body, targets, problems), body.text)
    md = markdown_for(text)
    md.reset()
    try:
        html = md.convert(text)
    except RecursionError:
        _LOCAL.instances = {}  # their state is unknown after the crash: start fresh instances next time
        return Rendered(""), [Problem(body.path, body.line, "Markdown ini bersarang terlalu dalam untuk diproses; kurangi tingkat daftar atau kutipan")]
    headings = json.dumps(_headings(getattr(md, "toc_tokens", [])), ensure_ascii=False)

    def rewrite(tag: str, attr: str, value: str) -> str | None:
        if (tag, attr) not in (("a", "href"), ("img", "src")):
            return value
        link, message = resolve_link(value, body.path, page_url, targets, tag == "img")
        if message:
            problems.append(Problem(body.path, line_of(body, value), message))
        return link

    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, attribute_filter=rewrite, link_rel=None)
    return Rendered(clean, headings), problems


def literal(text: str) -> str:
    """Text from data files that Markdown must show as it is, never as links or HTML."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", escape(text, quote=False))


def line_of(body: Body, needle: str) -> int:
    """The file line where `needle` first appears in the body (the body's first line if not found)."""
    index = body.text.find(needle)
    return body.line + (body.text.count("\n", 0, index) if index >= 0 else 0)


def _snippet(match: re.Match[str], body: Body, targets: Targets, problems: list[Problem]) -> str:
    key = f"{match.group(1)}:{match.group(2)}"
    text = targets.snippet(body.path, key)
    if text is not None:
        return text
    if key.startswith(targets.unread):
        return "0"
    known = sorted(k.split(":", 1)[1] for k in targets.snippets if k.startswith(match.group(1) + ":"))
    problems.append(Problem(body.path, line_of(body, match.group(0)), f"'{match.group(0)}' tidak dikenal" + suggest(match.group(2), known, "id yang ada")))
    return match.group(0)


def _headings(tokens: list[dict]) -> list[tuple[int, str, str]]:
    """(level, id, title) of every heading, depth first."""
    result = []
    for token in tokens:
        result.append((token["level"], token["id"], re.sub(r"<[^>]+>", "", token["name"])))
        result.extend(_headings(token.get("children", [])))
    return result


def resolve_link(value: str, source: str, page_url: str, targets: Targets, is_image: bool) -> tuple[str | None, str]:
    """Internal links become relative; broken ones and images from other hosts are problems."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", value):
        if is_image:
            return None, f"gambar '{value}' diambil dari situs lain; simpan gambarnya di content/ dan tautkan dengan /nama-berkas"
        return value, ""
    path, _, fragment = value.partition("#")
    path = path.split("?", 1)[0]
    suffix = f"#{fragment}" if fragment else ""
    if path.endswith(".md"):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        url = targets.sources.get(target)
        if url is None:
            return value, f"tautan '{value}' menunjuk ke berkas Markdown yang tidak ada ({target})"
        return relative(page_url, url + suffix), ""
    if not path.startswith("/"):
        return value, ""  # relative links and #anchors are the author's own
    site_path = path.lstrip("/")
    if site_path in targets.files:
        return relative(page_url, site_path + suffix), ""
    for candidate in (site_path, site_path + "/", site_path.removesuffix("index.html")):
        if candidate in targets.pages:
            return relative(page_url, candidate + suffix), ""
    known = ["/" + p for p in sorted(targets.pages | targets.files)]
    what = "gambar" if is_image else "halaman atau berkas"
    return value, f"tautan '{value}' tidak menemukan {what} di situs" + suggest(path, known, "contoh alamat yang ada")
