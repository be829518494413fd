"""The privacy firewall: no NIK, participant name or unlisted phone number reaches site/.

Sources (Markdown, data/) are scanned while the build reads them; every file of the finished
site is scanned by terang.privacy.output with the same rules. A hit fails the build and says where it
is, showing only the start of the value.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from terang.data.participants import normal, participant_names, raw_files, read_chunks
from terang.errors import Problem
from terang.readable import TITLES, readable
from terang.reuse import Answers, computed
from terang.walk import tree

# Texts are scanned in their readable form (terang.readable.readable): full-width digits, no-break spaces
# and dashes are plain ASCII by then. Between digit groups people write spaces, dashes, dots and
# slashes, alone or with spaces around them ("0812 - 4334 - 3251", "3604.0515.0590.0001").
# 16 digits, in four groups of 4 when separated, not part of a longer number. The "not after a digit" check
# comes after the first digit ((?<!\d\d) there means the same as (?<!\d) before it) so that the regex starts
# with a digit, which re finds quickly; tests/test_privasi.py checks both forms against each other.
NIK_RE = re.compile(r"(\d(?<!\d\d)\d{3}[ ./-]{0,3}\d{4}[ ./-]{0,3}\d{4}[ ./-]{0,3}\d{4})(?![\d])")
# A local number's leading 0 is written right before the next digit ("0812…", "(021) …"); "0 20.000.000" is two numbers.
# Not after a letter, digit, '+' or '.': checked after the first character, like NIK_RE, for speed.
PHONE_RE = re.compile(r"((?:(?:\+(?<![\w+.]\+)62|6(?<![\w+.]6)2)[ .()/-]{0,3}|0(?<![\w+.]0))\d(?:[ .()/-]{0,3}\d){7,12})(?![\w])")
# Both kinds of number hold a run of 8 digits with at most three separators between digits:
# a text without one cannot hold either (about half the pages of a site).
CANDIDATE_RE = re.compile(r"\d(?:[ .()/-]{0,3}\d){7}")
# Amounts written with Indonesian thousands separators ('62.949', '4.280.515'): a '62…' run made only of
# amounts, one at least with a separator ('62.949 54.276', two table cells; '624 - 6.213.123'), is
# figures side by side, not a +62 phone number.
AMOUNT_RE = re.compile(r"\d{1,3}(?:\.\d{3})*")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)*")
# A date ('26/03/2023', '09.12.2025'): a run holding one ('26/03/2023-29/04/2023') is dates, not a phone number.
DATE_RE = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d(?!\d)")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
LONG_DIGITS_RE = re.compile(r"\d(?:[ .()/_-]{0,2}\d){7,}")  # as long as a phone number or longer
LONGEST_NAME = 6  # words
MOST_PER_FILE = 10  # hits listed per file; the rest are counted


@dataclass(frozen=True)
class Hit:
    """Personal data found in a text: what kind, where (line), and a masked view of it."""

    kind: str  # "nik", "telepon" or "nama"
    line: int
    shown: str
    value: str


def digits(text: str) -> str:
    """Only the digits of a text: '3604 0545…' -> '36040545…'."""
    return re.sub(r"\D", "", text)


def is_nik(text: str) -> bool:
    """16 digits with a known province code, non-zero regency and district, and a real birth date."""
    from lokal.nik import parse_nik

    return parse_nik(digits(text)).valid


def phone_key(text: str) -> str:
    """A phone number in E.164 form ('+6281234567890'), or '' when it is not an Indonesian number."""
    from lokal.phone import parse_phone

    info = parse_phone(text)
    return info.e164 or "" if info.valid else ""


def line_at(text: str, index: int) -> int:
    """The 1-based line of a position in a text."""
    return text.count("\n", 0, index) + 1


def scan_text(text: str, official: frozenset[str]) -> list[Hit]:
    """NIK-shaped numbers and phone numbers that are not official contacts, in the text's readable form."""
    text = readable(text)
    if not CANDIDATE_RE.search(text):
        return []
    numbers = list(NIK_RE.finditer(text))
    niks = [m for m in numbers if is_nik(m.group(1))]
    hits = [Hit("nik", line_at(text, m.start()), digits(m.group(1))[:4] + "…", digits(m.group(1))) for m in niks]
    taken = [range(m.start(), m.end()) for m in numbers]  # a phone is never part of a 16-digit number
    for m in PHONE_RE.finditer(text):
        if any(m.start() in span for span in taken) or amounts(m.group(1)) or DATE_RE.search(m.group(1)):
            continue
        key = phone_key(m.group(1).replace("/", " "))  # lokal-id reads spaces, dots and dashes, not slashes
        if key and key not in official:
            hits.append(Hit("telepon", line_at(text, m.start()), digits(m.group(1))[:4] + "…", key))
    return hits


def amounts(number: str) -> bool:
    """True for a '62…' run made only of amounts with thousands separators ('62.949. 54.276')."""
    parts = NUMBER_RE.findall(number)
    return number[0] == "6" and any("." in n for n in parts) and all(AMOUNT_RE.fullmatch(n) for n in parts)


def phrases(text: str) -> Iterator[tuple[str, int]]:
    """Every run of 2 to 6 words of a readable text (terang.readable.readable), as names are compared, with its
    position: where a full name could hide. A title and the word after it ('Bapak Sutrisno') count as a
    one-word name. In a page, tag names are words too ('Siti</td><td>Aminah'): no run spans two cells."""
    words = [(m.group(0).casefold(), m.start()) for m in WORD_RE.finditer(text)]
    for i, (word, index) in enumerate(words):
        for n in range(2, min(LONGEST_NAME, len(words) - i) + 1):
            yield " ".join(w for w, _ in words[i:i + n]), index
        if i + 1 < len(words) and word.replace(".", "") in TITLES:
            yield words[i + 1][0], index


def official_keys(phones: Iterable[str]) -> frozenset[str]:
    """The official contact numbers from situs.yml, in E.164 form."""
    return frozenset(k for k in (phone_key(p) for p in phones) if k)


def describe(hit: Hit, origin: str) -> str:
    """The Indonesian message for a hit; the value itself is never printed in full."""
    what = {
        "nik": f"nomor yang mirip NIK ({hit.shown}, 16 digit)",
        "telepon": f"nomor telepon ({hit.shown}) yang tidak terdaftar di kontak_resmi situs.yml",
        "nama": f"nama peserta ({hit.shown})",
    }[hit.kind]
    fix = {"nik": "hapus nomor itu; data pribadi tidak boleh terbit (UU 27/2022)",
           "telepon": "hapus nomor itu, atau tambahkan ke kontak_resmi di situs.yml jika nomor itu kontak resmi",
           "nama": "hapus nama itu; situs hanya menerbitkan angka gabungan"}[hit.kind]
    return f"{what} ditemukan{origin}; {fix}"


def mask_name(name: str) -> str:
    """'Siti Aminah' -> 'S… A…'."""
    return " ".join(w[0].upper() + "…" for w in name.split())


def name_hits(root: Path, texts: dict[str, str]) -> list[tuple[str, Hit, str]]:
    """Participant names in any of the texts: (text key, hit, 'file baris N'), once per text and name."""
    if not raw_files(root, "*"):
        return []
    where: dict[str, dict[str, int]] = {}
    for key, text in texts.items():
        text = readable(text)
        breaks = [m.start() for m in re.finditer("\n", text)]
        for phrase, index in phrases(text):
            places = where.setdefault(phrase, {})
            if key not in places:
                places[key] = bisect.bisect_left(breaks, index) + 1
        for cell, line in cells(key, text):
            where.setdefault(cell, {}).setdefault(key, line)
    found = participant_names(root, ["*"], set(where))
    return [(key, Hit("nama", line, mask_name(name), name), f"{path} baris {row}")
            for name, (path, row) in found.items() for key, line in where[name].items()]


def cells(key: str, text: str) -> list[tuple[str, int]]:
    """Whole cells of a CSV or string values of a JSON file, with lines: a one-word name leaking as a cell."""
    if key.endswith(".csv"):
        sep = ";" if text[:200].count(";") > text[:200].count(",") else ","
        return [(normal(c), n) for n, line in enumerate(text.splitlines(), start=1) for c in line.split(sep) if c.strip()]
    if key.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            return []
        return [(normal(s), 0) for s in _strings(data)]
    return []


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


TEXT_SUFFIXES = {".md", ".csv", ".txt", ".json", ".html", ".xml", ".yml", ".yaml", ".svg"}


def source_files(root: Path) -> list[tuple[str, str, os.stat_result]]:
    """(name from the project, path, stat) of every text file under content/ and every yml/csv in data/
    (not data/mentah/), in the order their Paths sort."""
    found = []
    content = root / "content"
    if content.is_dir():
        found = [(f"content/{name}", entry.path) for name, entry in tree(str(content))
                 if os.path.splitext(name)[1].lower() in TEXT_SUFFIXES and entry.is_file()]
    data = root / "data"
    if data.is_dir():
        with os.scandir(data) as entries:
            found += sorted((f"data/{entry.name}", entry.path) for entry in entries
                            if os.path.splitext(entry.name)[1] in (".yml", ".csv") and entry.is_file())
    files = []
    for name, path in found:
        try:
            files.append((name, path, os.stat(path)))
        except OSError:  # gone since the walk
            continue
    return files


def source_texts(root: Path) -> dict[str, str]:
    """Every text file under content/ and every yml/csv in data/ (not data/mentah/)."""
    return {name: source_text(path) for name, path, _ in source_files(root)}


def source_text(path: Path | str) -> str:
    """A source file as the privacy scan reads it: front matter too, undecodable bytes replaced."""
    with open(path, "rb") as stream:
        return stream.read().decode("utf-8-sig", errors="replace")


def origins(values: set[str], sources: dict[str, str], root: Path) -> dict[str, str]:
    """Where each leaked value comes from: ' (asalnya content/x.md:3)' or ' (sama dengan NIK di data/mentah/a.csv baris 5)'.

    One pass over the sources and one over the participant files, however many values leaked.
    """
    found: dict[str, str] = {}
    for path, text in sources.items():
        for hit in scan_text(text, frozenset()):
            if hit.value in values:
                found.setdefault(hit.value, f" (asalnya {path}:{hit.line})")
    wanted = {v for v in values if v.isdigit() and v not in found}
    for raw in raw_files(root, "*") if wanted else []:
        for chunk in read_chunks(raw, ("nik",)):
            for offset, value in enumerate(chunk.frame.get("nik", [])):
                if digits(value) in wanted:
                    found.setdefault(digits(value), f" (sama dengan NIK di {raw.relative_to(root).as_posix()} baris {chunk.first_row + offset})")
    return found


def masked(name: str) -> str:
    """A path with every long run of digits cut after its first four: the path of a problem must not show a NIK."""
    return LONG_DIGITS_RE.sub(lambda m: m.group(0)[:4] + "…", name)


def name_problems(names: list[str], official: frozenset[str]) -> list[Problem]:
    """File and folder names that hold a NIK or an unlisted phone number (each part of the path scanned on its own)."""
    problems = []
    for name in names:
        seen: set[str] = set()
        for part in name.split("/"):
            for hit in scan_text(part, official):
                if hit.value not in seen:
                    seen.add(hit.value)
                    problems.append(Problem(masked(name), 0, describe(hit, " di nama berkas atau folder") + "; ganti nama berkasnya"))
    return limited(problems)


def limited(problems: list[Problem], most: int = MOST_PER_FILE) -> list[Problem]:
    """At most `most` problems per file, then one line that counts the rest: a leaked column is not a thousand lines."""
    kept: list[Problem] = []
    per_file: dict[str, int] = {}
    for problem in problems:
        per_file[problem.path] = per_file.get(problem.path, 0) + 1
        if per_file[problem.path] <= most:
            kept.append(problem)
    kept += [Problem(path, 0, f"dan {count - most} temuan lain di berkas ini") for path, count in per_file.items() if count > most]
    return kept


def scan_sources(root: Path, official_phones: Iterable[str], memo: Answers | None = None) -> list[Problem]:
    """Personal data typed into content/ or data/: reported with the source line, before anything is written.

    A file found clean before, and not changed since (same inode, size and times), is not read
    again. With participant files in data/mentah/, every text is read: their names are looked
    for in all texts at once.
    """
    official = official_keys(official_phones)
    if memo is None or raw_files(root, "*"):
        return text_problems(root, source_texts(root), official, memo)
    problems = []
    for name, path, info in source_files(root):
        identity = f"{name}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}"
        hits = memo.get(_question(official) + ":berkas", identity, lambda path=path: _hits(source_text(path), official, memo), keep=_clean)
        problems += [Problem(name, hit.line, describe(hit, "")) for hit in hits]
    return limited(problems)


def text_problems(root: Path, texts: dict[str, str], official: frozenset[str], memo: Answers | None = None) -> list[Problem]:
    """NIK, unlisted phone numbers and participant names in these texts (name -> text).

    A text found clean under the same official numbers is clean again (`memo` keeps only clean results).
    """
    problems = [Problem(path, hit.line, describe(hit, "")) for path, text in texts.items() for hit in _hits(text, official, memo)]
    problems += [Problem(key, hit.line, describe(hit, f" (nama ini ada di {origin})")) for key, hit, origin in name_hits(root, texts)]
    return limited(problems)


def _question(official: frozenset[str]) -> str:
    """What a scan's memo entry is filed under besides the text: the official numbers change its answer."""
    return "privasi:" + ",".join(sorted(official))


def _hits(text: str, official: frozenset[str], memo: Answers | None) -> list[Hit]:
    """scan_text(), through `memo`, which keeps only clean answers (nothing a scan found is stored)."""
    return computed(_question(official), text, lambda: scan_text(text, official), memo, keep=_clean)


def _clean(hits: list[Hit]) -> bool:
    return not hits
