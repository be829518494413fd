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


def scan(html: str) -> tuple[list[Script], list[str]]:
    """Inline scripts and findings (Indonesian) of one HTML page."""
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
