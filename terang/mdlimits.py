"""Limits that keep one Markdown body from stalling the build.

Python-Markdown matches brackets in quadratic time and recurses once per nesting level, so a
body of 20.000 '[' takes minutes and a list nested a thousand deep crashes. Real pages stay far
below these limits; a body above them gets a clear error instead of a stalled build.
"""

from __future__ import annotations

import re

from .errors import Problem
from .model import Body

MAX_BYTES = 1_000_000
MAX_BRACKETS_PER_BLOCK = 300
MAX_BRACKETS = 5_000
MAX_PREFIX = 200  # spaces, tabs and '>' at the start of a line
BLOCK = re.compile(r"\n[ \t]*\n")
PREFIX = re.compile(r"^[ \t>]*", re.MULTILINE)


def complexity_problems(body: Body) -> list[Problem]:
    """Why this body is too large or too tangled to render, with the line to look at."""
    text = body.text
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return [Problem(body.path, body.line, f"isi Markdown lebih dari {MAX_BYTES // 1_000_000} MB; pecah menjadi beberapa halaman")]
    if text.count("[") > MAX_BRACKETS:
        return [Problem(body.path, body.line, f"isi Markdown memuat lebih dari {MAX_BRACKETS} tanda '['; pecah menjadi beberapa halaman")]
    start = 0
    for match in [*BLOCK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text.count("[", start, end) > MAX_BRACKETS_PER_BLOCK:
            line = body.line + text.count("\n", 0, start)
            return [Problem(body.path, line, f"paragraf ini memuat lebih dari {MAX_BRACKETS_PER_BLOCK} tanda '['; pecah menjadi beberapa paragraf")]
        start = match.end() if match else end
    for prefix in PREFIX.finditer(text):
        if prefix.end() - prefix.start() > MAX_PREFIX:
            line = body.line + text.count("\n", 0, prefix.start())
            return [Problem(body.path, line, f"baris ini bersarang terlalu dalam (lebih dari {MAX_PREFIX} spasi atau tanda '>' di awal baris)")]
    return []
