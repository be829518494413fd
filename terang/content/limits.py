"""Limits that keep one Markdown body from stalling the build.

Python-Markdown is quadratic in several places, all measured (docs/keamanan.md):
- it matches brackets in quadratic time and recurses once per nesting level;
- it keeps the blocks of a body (parts between blank lines) in a list it pops from the front;
- a heading or rule line inside a block splits the block and scans the rest again (80 KB of
  `a\\n=\\n` took 73 s);
- inside one block, every inline match (code span, tag, entity, escape, emphasis, line break)
  rebuilds the whole text of the block;
- every further reference to one footnote is compared with all the earlier ones;
- an HTML start tag `<a` that is never closed with `>` makes its HTML scanner read to the end
  of the body, once per such tag (`<http://` repeated).
Each limit below bounds one of these, so the time to render stays linear in the size of the
body. Real pages stay far below them; a body above them gets a clear error instead of a
stalled build. Nothing is rewritten: a body is rendered as written or refused.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Iterator

from terang.errors import Problem
from terang.model import Body

MAX_BYTES = 1_000_000
MAX_BRACKETS_PER_BLOCK = 300
MAX_BRACKETS = 5_000
MAX_PREFIX = 200  # spaces, tabs, '>' and list markers at the start of a line
MAX_BLOCKS = 5_000  # parts between blank lines
MAX_RULES_PER_BLOCK = 20  # heading, setext underline or rule lines in one part
MAX_RULES = 1_000
MAX_MARKS_PER_BLOCK = 2_000  # characters that start inline markup, in one part
MAX_ELEMENTS = 50_000  # inline marks, table cell bars and list items: each becomes an element to build
MAX_UNCLOSED = 10  # '<' + letter without a '>' before the next '<'
MAX_FOOTNOTE_REFS = 100  # references to one footnote (each is matched against all the earlier ones)
BLOCK = re.compile(r"\n[ \t]*\n")
PREFIX = re.compile(r"^(?:[ \t>]|[*+-][ \t]|[0-9]{1,9}[.)][ \t])*", re.MULTILINE)
# a line Python-Markdown may cut a block at: an ATX heading, or only '-', '=', '*', '_' (rules, setext underlines)
RULE = re.compile(r"^ {0,3}(?:#|[-=*_][-=*_ \t]*$)", re.MULTILINE)
MARKS = ("`", "<", "&", "\\", "*", "_", "  \n")
ITEM = re.compile(r"^[ \t>]*(?:[*+-]|[0-9]{1,9}[.)])[ \t]", re.MULTILINE)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
ANGLE = re.compile(r"<[A-Za-z]|[<>]")  # a tag start (two characters), or any other angle bracket


def complexity_problems(body: Body) -> list[Problem]:
    """Why this body is too large or too tangled to render, with the line to look at."""
    text = body.text
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return [Problem(body.path, body.line, f"isi Markdown lebih dari {MAX_BYTES // 1_000_000} MB; pecah menjadi beberapa halaman")]
    if text.count("[") > MAX_BRACKETS:
        return [Problem(body.path, body.line, f"isi Markdown memuat lebih dari {MAX_BRACKETS} tanda '['; pecah menjadi beberapa halaman")]
    for check in (_blocks, _prefix, _unclosed_tags, _footnote_refs):
        problem = check(body)
        if problem:
            return [problem]
    return []


def _line(body: Body, index: int) -> int:
    """The file line of a position in the body."""
    return body.line + body.text.count("\n", 0, index)


def _blocks(body: Body) -> Problem | None:
    """Per part between blank lines: brackets, rule lines and inline marks; and the totals over the body."""
    text = body.text
    start, blocks, rules, elements = 0, 0, 0, 0
    for match in [*BLOCK.finditer(text), None]:
        end = match.start() if match else len(text)
        blocks += 1
        if blocks > MAX_BLOCKS:
            return Problem(body.path, _line(body, start), f"isi Markdown memuat lebih dari {MAX_BLOCKS} paragraf (bagian yang dipisah baris kosong); pecah menjadi beberapa halaman")
        if text.count("[", start, end) > MAX_BRACKETS_PER_BLOCK:
            return Problem(body.path, _line(body, start), f"paragraf ini memuat lebih dari {MAX_BRACKETS_PER_BLOCK} tanda '['; pecah menjadi beberapa paragraf")
        block = text[start:end]
        lines = [m.start() for m in RULE.finditer(block)]
        if len(lines) > MAX_RULES_PER_BLOCK:
            return Problem(body.path, _line(body, start), f"paragraf ini memuat lebih dari {MAX_RULES_PER_BLOCK} baris judul atau garis (#, === atau ---) tanpa baris kosong di antaranya; beri baris kosong sebelum dan sesudah setiap judul")
        if rules + len(lines) > MAX_RULES:
            at = start + lines[MAX_RULES - rules]
            return Problem(body.path, _line(body, at), f"isi Markdown memuat lebih dari {MAX_RULES} baris judul atau garis (#, === atau ---); pecah menjadi beberapa halaman")
        rules += len(lines)
        marks = sum(block.count(mark) for mark in MARKS)
        if marks > MAX_MARKS_PER_BLOCK:
            return Problem(body.path, _line(body, start), f"paragraf ini memuat lebih dari {MAX_MARKS_PER_BLOCK} tanda format (` * _ < & \\ atau pindah baris dengan dua spasi); pecah menjadi beberapa paragraf dengan baris kosong")
        elements += marks + block.count("|") + len(ITEM.findall(block))
        if elements > MAX_ELEMENTS:
            return Problem(body.path, _line(body, start), f"isi Markdown memuat lebih dari {MAX_ELEMENTS} unsur format (tanda format, garis tabel '|' dan butir daftar) sampai paragraf ini; pecah menjadi beberapa halaman")
        start = match.end() if match else end
    return None


def _prefix(body: Body) -> Problem | None:
    """A line nested too deep: indentation, quote marks and list markers at its start."""
    for prefix in PREFIX.finditer(body.text):
        if prefix.end() - prefix.start() > MAX_PREFIX:
            return Problem(body.path, _line(body, prefix.start()), f"baris ini bersarang terlalu dalam (lebih dari {MAX_PREFIX} spasi, tanda '>' atau penanda daftar di awal baris)")
    return None


def _unclosed_tags(body: Body) -> Problem | None:
    """Too many '<' + letter that no '>' closes: each makes the HTML scanner read to the end of the body."""
    starts = list(islice(_unclosed_starts(body.text), MAX_UNCLOSED + 1))
    if len(starts) <= MAX_UNCLOSED:
        return None
    return Problem(body.path, _line(body, starts[0]), f"lebih dari {MAX_UNCLOSED} tanda '<' membuka tag HTML yang tidak ditutup dengan '>' (yang pertama di baris ini); tutup tagnya, atau tulis '&lt;' untuk tanda kurang dari")


def _unclosed_starts(text: str) -> Iterator[int]:
    """Positions of '<' + letter with no '>' before the next '<' or the end, in one pass."""
    pending = -1
    for match in ANGLE.finditer(text):
        if pending >= 0 and match.group() != ">":
            yield pending
        pending = match.start() if len(match.group()) == 2 else -1
    if pending >= 0:
        yield pending


def _footnote_refs(body: Body) -> Problem | None:
    """One footnote referred to too many times."""
    seen: dict[str, list[int]] = {}
    for match in FOOTNOTE_REF.finditer(body.text):
        places = seen.setdefault(match.group(1), [])
        places.append(match.start())
        if len(places) > MAX_FOOTNOTE_REFS:
            return Problem(body.path, _line(body, places[0]), f"catatan kaki yang dirujuk di baris ini dirujuk lebih dari {MAX_FOOTNOTE_REFS} kali; buat catatan kaki terpisah atau tulis rujukannya sekali saja")
    return None
