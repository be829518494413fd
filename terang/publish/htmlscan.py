"""Scan built HTML for what a strict CSP would block or a hostile input could inject.

Content is sanitised long before this; the scan is the last line of defence, and it keeps
templates honest: no event handlers, no `javascript:` links, no inline styles, and inline
scripts only where they can be hashed into the Content-Security-Policy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Script types a browser runs; any other type (application/ld+json) is an inert data block.
RUNNABLE = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "cite", "background",
                  "to", "from", "values"}  # the last three: SVG <set>/<animate> can turn a link into javascript:
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")  # browsers drop tabs and newlines inside a scheme

# A page with none of the following cannot give the parser anything to report, and is not parsed.
# Each check is looser than the parser's own: html.parser lowers tag and attribute names (so
# lower() shows them), an attribute name follows a quote, a space or '/', and a URL attribute is
# decoded from entities only; with no entity but &amp; &lt; &gt; &quot; &#34; &#39; a bad scheme
# is plain text, at most with control characters inside. The four characters besides A-Z that
# re.IGNORECASE (BAD_SCHEME) or lower() equate with a Latin letter send a page to the parser.
_SCHEME_ANYWHERE = "|".join("[\x00-\x20]*".join(word) + "[\x00-\x20]*:" for word in ("javascript", "vbscript", "data"))
MAYBE_UNSAFE = re.compile("|".join((
    r"<script|<style",  # the elements
    r"on(?<![a-z0-9]on)",  # an attribute name starting with 'on'
    r"style(?<![a-z0-9]style)(?![a-z])",  # the style attribute
    _SCHEME_ANYWHERE,
)))
OTHER_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|#34|#39);)")
FOLDS_TO_LATIN = "\u0130\u0131\u017f\u212a"  # İ ı ſ K


@dataclass(frozen=True)
class Script:
    """An inline script element: its type and its exact text."""

    kind: str
    text: str


class _Collector(HTMLParser):
    """Collects inline scripts and the findings of one page (mutable only while parsing)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[Script] = []
        self.findings: list[str] = []
        self.lines: list[int] = []  # the line each inline script starts on
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag}> memakai atribut peristiwa '{name}' (JavaScript sebaris)")
            elif name == "style":
                self.findings.append(f"<{tag}> memakai atribut style; pindahkan gayanya ke aset/gaya.css")
            elif name in URL_ATTRIBUTES and value and BAD_SCHEME.match(IGNORED_IN_URLS.sub("", value)):
                self.findings.append(f"<{tag} {name}> memakai alamat '{value[:40]}'")
        if tag == "script":
            named = dict(attrs)
            if "src" not in named:
                self._open = ((named.get("type") or "").strip().lower(), [])
                self.lines.append(self.getpos()[0])
        elif tag == "style":
            self.findings.append("elemen <style> sebaris; pindahkan gayanya ke aset/gaya.css")

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            kind, parts = self._open
            self.scripts.append(Script(kind, "".join(parts)))
            self._open = None


def plainly_safe(html: str) -> bool:
    """True when no text of the page could be a script, a style, an event handler or a bad link."""
    if OTHER_ENTITY.search(html) or any(c in html for c in FOLDS_TO_LATIN):
        return False
    return not MAYBE_UNSAFE.search(html.lower())


def scan(html: str) -> tuple[list[Script], list[str]]:
    """Inline scripts and findings (Indonesian) of one HTML page."""
    if plainly_safe(html):
        return [], []
    return parse(html)


def parse(html: str) -> tuple[list[Script], list[str]]:
    """scan() by parsing the page, always."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    findings = list(collector.findings)
    for script in collector.scripts:
        if script.kind in ("application/ld+json", "application/json"):
            try:
                json.loads(script.text)
            except ValueError:
                findings.append(f"data {script.kind} bukan JSON utuh (ada '</script>' yang tidak di-escape?)")
    return collector.scripts, findings


def runnable(scripts: list[Script]) -> list[Script]:
    """The inline scripts a browser would run, which the CSP must allow by hash."""
    return [s for s in scripts if s.kind in RUNNABLE]


JINJA = re.compile(r"\{[{%#]")


@dataclass(frozen=True)
class TemplateScript:
    """An inline script as a template source writes it.

    `static`: no Jinja syntax can change its text; `runnable`: a browser may run it (a type that
    Jinja fills in counts as runnable).
    """

    script: Script
    line: int
    static: bool
    runnable: bool


def template_scripts(source: str) -> list[TemplateScript]:
    """The inline scripts of a Jinja template's source, with their lines.

    Jinja joins a template's lines with '\\n' whatever the file used, and changes no text outside
    its tags: a script without '{{', '{%' or '{#' reaches every page exactly as written here.
    """
    collector = _Collector()
    collector.feed(source.replace("\r\n", "\n").replace("\r", "\n"))
    collector.close()
    return [TemplateScript(script, line, not JINJA.search(script.text), script.kind in RUNNABLE or bool(JINJA.search(script.kind)))
            for script, line in zip(collector.scripts, collector.lines)]
