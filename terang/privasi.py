"""The privacy firewall: no NIK, participant name or unlisted phone number reaches site/.

Sources (Markdown, data/) are scanned while the build reads them, and every file of the
finished site (HTML, CSV, JSON, feeds, the search index) is scanned before it replaces the
old site. A hit fails the build and says where it is, showing only the start of the value.
"""

from __future__ import annotations

import bisect
import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable, Iterator

from .errors import Problem
from .scanmemo import NO_MEMO, ScanMemo
from .textmemo import TextMemo, computed
from .peserta import normal, participant_names, raw_files, read_chunks

# 16 digits, not part of a longer number. The "not after a digit" check comes after the first digit
# ((?<!\d\d) there means the same as (?<!\d) before it) so that the regex starts with a digit, which
# re finds quickly; tests/test_privasi.py checks both forms against each other.
NIK_RE = re.compile(r"(\d(?<!\d\d)\d{3}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4})(?![\d])")
# A local number's leading 0 is written right before the next digit ("0812…", "(021) …"); "0 20.000.000" is two numbers.
# Not after a letter, digit, '+' or '.': checked after the first character, like NIK_RE, for speed.
PHONE_RE = re.compile(r"((?:(?:\+(?<![\w+.]\+)62|6(?<![\w+.]6)2)[ .()-]{0,2}|0(?<![\w+.]0))\d(?:[ .()-]{0,2}\d){7,12})(?![\w])")
# Both kinds of number hold a run of 8 digits with at most two separators between digits:
# a text without one cannot hold either (about half the pages of a site).
CANDIDATE_RE = re.compile(r"\d(?:[ .()-]{0,2}\d){7}")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
GZIP_MAGIC = b"\x1f\x8b"
# Pictures, fonts and pagefind's WebAssembly hold no text a person could read; everything else is scanned.
BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".wasm", ".pagefind"}
PAGEFIND_PREFIX = b"pagefind_dcd"
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
    """NIK-shaped numbers and phone numbers that are not official contacts."""
    if not CANDIDATE_RE.search(text):
        return []
    numbers = list(NIK_RE.finditer(text))
    niks = [m for m in numbers if is_nik(m.group(1))]
    hits = [Hit("nik", line_at(text, m.start()), digits(m.group(1))[:4] + "…", digits(m.group(1))) for m in niks]
    taken = [range(m.start(), m.end()) for m in numbers]  # a phone is never part of a 16-digit number
    for m in PHONE_RE.finditer(text):
        if any(m.start() in span for span in taken):
            continue
        key = phone_key(m.group(1))
        if key and key not in official:
            hits.append(Hit("telepon", line_at(text, m.start()), digits(m.group(1))[:4] + "…", key))
    return hits


def phrases(text: str) -> Iterator[tuple[str, int]]:
    """Every run of 2 to 6 words of a text, normalised, with its line: where a full name could hide."""
    words = [(m.group(0), m.start()) for m in WORD_RE.finditer(text)]
    for i in range(len(words)):
        for n in range(2, LONGEST_NAME + 1):
            if i + n <= len(words):
                yield normal(" ".join(w for w, _ in words[i:i + n])), words[i][1]


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


def source_texts(root: Path) -> dict[str, str]:
    """Every text file under content/ and every yml/csv in data/ (not data/mentah/)."""
    texts: dict[str, str] = {}
    paths = [p for p in (root / "content").rglob("*") if p.suffix.lower() in TEXT_SUFFIXES]
    paths += [p for pattern in ("*.yml", "*.csv") for p in (root / "data").glob(pattern)]
    for path in sorted(p for p in paths if p.is_file()):
        texts[path.relative_to(root).as_posix()] = path.read_bytes().decode("utf-8-sig", errors="replace")
    return texts


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


def scan_sources(root: Path, official_phones: Iterable[str], memo: TextMemo | None = None) -> list[Problem]:
    """Personal data typed into content/ or data/: reported with the source line, before anything is written.

    A text found clean under the same official numbers is clean again (`memo` keeps only clean results).
    """
    official = official_keys(official_phones)
    texts = source_texts(root)
    question = "privasi:" + ",".join(sorted(official))
    problems = [Problem(path, hit.line, describe(hit, "")) for path, text in texts.items()
                for hit in computed(question, text, lambda: scan_text(text, official), memo, keep=lambda hits: not hits)]
    problems += [Problem(key, hit.line, describe(hit, f" (nama ini ada di {origin})")) for key, hit, origin in name_hits(root, texts)]
    return limited(problems)


def output_text(path: Path) -> str:
    """A site file as text: pagefind's gzip fragments are opened, HTML entities decoded."""
    data = path.read_bytes()
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            pass
    data = data.removeprefix(PAGEFIND_PREFIX)
    text = data.decode("utf-8", errors="replace")
    return html.unescape(text) if path.suffix in (".html", ".xml", ".htm") else text


@dataclass(frozen=True)
class OutputScan:
    """Site files read and scanned for numbers; participant names and origins are looked up in report()."""

    files: dict[str, Path]  # shown name -> file, only those not known clean from an earlier build
    texts: dict[str, str]
    hits: tuple[tuple[str, Hit], ...]


def site_files(folder: Path, paths: Iterable[Path], shown_as: str = "site") -> dict[str, Path]:
    """The files a privacy scan reads, by the name they will have in site/ (pictures and fonts skipped)."""
    return {f"{shown_as}/{p.relative_to(folder).as_posix()}": p for p in sorted(paths)
            if p.is_file() and p.suffix.lower() not in BINARY_SUFFIXES}


def scan_output(files: dict[str, Path], official: frozenset[str], memo: ScanMemo = NO_MEMO, keep_texts: bool = True) -> OutputScan:
    """Read and scan site files for NIK and phone numbers; a file that scanned clean before is not read again.

    The texts are kept for the search of participant names (report()); without participant
    files there are no names to look for, and `keep_texts=False` reads one file at a time.
    """
    files = {key: path for key, path in files.items() if memo.get("privasi", key, path) is None}
    texts: dict[str, str] = {}
    hits: list[tuple[str, Hit]] = []
    for key, path in files.items():
        text = output_text(path)
        hits += [(key, hit) for hit in scan_text(text, official)]
        if keep_texts:
            texts[key] = text
    return OutputScan(files, texts, tuple(hits))


def report(root: Path, scans: Iterable[OutputScan], memo: ScanMemo = NO_MEMO) -> list[Problem]:
    """The problems of site files scanned in parts, as if scanned together: numbers with their origins, then names."""
    parts = list(scans)
    files = dict(sorted(((k, v) for scan in parts for k, v in scan.files.items()), key=lambda item: item[1]))
    texts = {key: text for scan in parts for key, text in scan.texts.items()}
    texts = {key: texts[key] for key in files if key in texts}
    by_file: dict[str, list[Hit]] = {}
    for scan in parts:
        for key, hit in scan.hits:
            by_file.setdefault(key, []).append(hit)
    hits = [(key, hit) for key in files for hit in by_file.get(key, [])]
    sources = source_texts(root) if hits else {}
    where = origins({hit.value for _, hit in hits}, sources, root)
    problems = [Problem(key, hit.line, describe(hit, where.get(hit.value, ""))) for key, hit in hits]
    named = name_hits(root, texts)
    problems += [Problem(key, hit.line, describe(hit, f" (nama ini ada di {origin})")) for key, hit, origin in named]
    dirty = {key for key, _ in hits} | {key for key, _, _ in named}
    for key in files.keys() - dirty:
        memo.put("privasi", key, files[key], True)
    return limited(problems)


def scan_site(root: Path, folder: Path, official_phones: Iterable[str], shown_as: str = "site", memo: ScanMemo = NO_MEMO) -> list[Problem]:
    """Every file of the finished site folder scanned; messages name the file as it will be in site/.

    A file that scanned clean in an earlier build and was hard-linked unchanged is not read again.
    """
    scanned = scan_output(site_files(folder, folder.rglob("*"), shown_as), official_keys(official_phones), memo)
    return report(root, [scanned], memo)


def rules(root: Path, official_phones: Iterable[str]) -> tuple[object, ...]:
    """What decides a scan's result besides the file: official phones and the participant files."""
    raw = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in raw_files(root, "*")]
    return ("privasi", sorted(official_phones), raw)
