"""Safe YAML loading that keeps the line of every key, for errors people can find."""

from __future__ import annotations

from pathlib import Path

from terang.errors import Problem
from terang.inputs.paths import escapes

import re
from dataclasses import dataclass
from typing import Any, Callable

import yaml

# Refuse documents that would take long to load: deep nesting, huge sizes, alias bombs.
MAX_BYTES = 1_000_000
MAX_DEPTH = 50
YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
EDITOR_BREAKS = re.compile("\r\n|[\n\r]")
MAX_NODES = 100_000  # nodes visited with aliases expanded: stops "billion laughs" documents
# Plain data only: anything else (python objects, binary, sets) is refused with a clear error.
ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "merge")}


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, but dates stay text: the validator checks them and names the line."""


# YAML 1.2 booleans: only true and false. PyYAML follows YAML 1.1, where yes/no/on/off (and their
# capitalised forms) are booleans too: a column labelled `No` or a title `Ya` would silently become
# False or True. Editors (and YAML 1.2 tools) read them as text, so Terang does too.
BOOL_TAG = "tag:yaml.org,2002:bool"
BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", BOOL_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).insert(0, (BOOL_TAG, BOOL_RE))


class _DepthLoader(yaml.SafeLoader):
    """The pure-Python loader, for counting nesting one event at a time."""


class YamlProblem(Exception):
    """A YAML document that cannot be used; `line` is 1-based within the document."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message

    def moved(self, lines: Callable[[int], int]) -> "YamlProblem":
        """The same problem with its line numbers passed through `lines` (e.g. document to file lines)."""
        return YamlProblem(lines(self.line), self.message)

    def shifted(self, offset: int) -> "YamlProblem":
        """The same problem, `offset` lines further down (front matter starts on the file's line 2)."""
        return self.moved(lambda line: line + offset)


class DuplicateKey(YamlProblem):
    """A key written twice in one mapping: YAML would silently keep the last value."""

    def __init__(self, key: str, first: int, line: int) -> None:
        self.key, self.first = key, first
        where = f"di baris {line}" if first == line else f"baris {first} dan baris {line}"
        shown = key if len(key) <= 60 else key[:57] + "..."
        super().__init__(line, f"kunci '{shown}' ditulis dua kali: {where}; hapus salah satu")

    def moved(self, lines: Callable[[int], int]) -> "YamlProblem":
        return DuplicateKey(self.key, lines(self.first), lines(self.line))


@dataclass(frozen=True)
class Located:
    """A loaded YAML value and the 1-based line of each mapping key, by dotted path."""

    value: Any
    lines: dict[str, int]

    def line(self, path: str, default: int = 1) -> int:
        return self.lines.get(path, default)


def load(text: str) -> Located:
    """Load one YAML document with the safe loader, recording key lines."""
    remap = _line_map(text)
    if remap is None:
        return _load(text)
    try:
        located = _load(text)
    except YamlProblem as exc:
        raise exc.moved(remap) from None
    return Located(located.value, {key: remap(line) for key, line in located.lines.items()})


def _line_map(text: str) -> Callable[[int], int] | None:
    """YAML also breaks lines at U+0085, U+2028 and U+2029, editors do not: map its lines to theirs."""
    odd = [m.start() for m in YAML_ONLY_BREAKS.finditer(text)]
    if not odd:
        return None
    starts = sorted([0] + [i + 1 for i in odd] + [m.end() for m in EDITOR_BREAKS.finditer(text)])
    file_line, lines = 1, []
    for start in starts:
        if start > 0 and text[start - 1] not in "\x85\u2028\u2029":
            file_line += 1
        lines.append(file_line)
    return lambda line: lines[min(max(line, 1), len(lines)) - 1] + (max(line - len(lines), 0))


def _load(text: str) -> Located:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlProblem(1, f"dokumen YAML terlalu besar (batas {MAX_BYTES // 1000} KB)")
    try:
        if _may_be_deep(text):
            _check_depth(text)
        loader = _Loader(text)
        node = loader.get_single_node()
    except RecursionError:  # the composer recurses once per level: far deeper than MAX_DEPTH
        raise YamlProblem(1, f"YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)") from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise YamlProblem(line, f"ada karakter yang tidak boleh dipakai ({_codepoint(exc.character)}); hapus karakter itu atau simpan ulang sebagai teks biasa") from None
    except yaml.MarkedYAMLError as exc:
        return _raise_yaml(exc, text)
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML tidak dapat dibaca ({type(exc).__name__}); periksa isinya") from None
    if node is None:
        return Located(None, {})
    lines: dict[str, int] = {}
    _check(node, "", lines, 0, [0])
    try:
        value = loader.construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise YamlProblem(mark.line + 1 if mark else 1, _constructor_message(exc)) from None
    except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError):
        raise YamlProblem(1, "nilai YAML tidak dapat dibaca (angka terlalu panjang atau kunci yang bukan teks?); tulis nilai biasa saja") from None
    finally:
        loader.dispose()
    return Located(value, lines)


def _codepoint(character: int | str) -> str:
    """'U+0000' for the character the YAML reader refused."""
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


# What the parser's complaint means, in words an editor can act on. The parser's own text (English,
# and worded differently from one PyYAML or libyaml version to the next) only picks the entry; it
# never reaches the editor. An unknown complaint gets the general hint.
PARSER_PROBLEMS = (
    ("nesting depth", None),  # a parser's own depth limit: the same message as Terang's
    ("mapping values are not allowed", "ada titik dua di tempat yang tidak terduga; jika nilainya memuat ': ', apit nilai itu dengan tanda kutip, "
                                       "atau periksa indentasi baris ini"),
    ("'\\t'", "ada karakter tab di awal baris; YAML hanya boleh memakai spasi untuk indentasi, ganti tab dengan spasi"),
    ("quoted scalar", "tanda kutip yang dibuka di baris ini tidak ditutup; tutup tanda kutipnya di baris yang sama"),
    ("could not find expected ':'", "ada baris tanpa titik dua; tulis 'kunci: nilai'"),
    ("expected ',' or ']'", "kurung siku '[' yang dibuka di baris ini tidak ditutup; tutup dengan ']'"),
    ("expected ',' or '}'", "kurung kurawal '{' yang dibuka di baris ini tidak ditutup; tutup dengan '}'"),
    ("node content", "ada nilai yang hilang atau kurung yang tidak ditutup"),
    ("block end", "indentasi baris ini tidak sejajar dengan baris sebelumnya"),
    ("alias", "ada alias (*nama) tanpa jangkar (&nama) yang sesuai"),
    ("anchor", "ada jangkar (&nama) yang tidak sah"),
)
GENERAL_HINT = "periksa titik dua, tanda kutip dan indentasi (gunakan spasi, bukan tab)"


def parser_message(problem: str) -> str:
    """The Indonesian message for a parser complaint (its English text chooses, never shows)."""
    for words, meaning in PARSER_PROBLEMS:
        if words in problem:
            return f"YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)" if meaning is None else f"YAML tidak sah: {meaning}"
    return f"YAML tidak sah; {GENERAL_HINT}"


TAB_INSIDE = ("YAML tidak sah: ada karakter tab di tempat yang tidak boleh; ganti tab dengan spasi "
              "(jika tab itu bagian dari nilai, apit nilainya dengan tanda kutip)")
# Complaints whose context mark is where the unfinished thing began: the line an editor must fix.
OPENED_AT = ("quoted scalar", "flow sequence", "flow mapping")


def _raise_yaml(exc: yaml.MarkedYAMLError, text: str) -> Located:
    complaint = f"{exc.context or ''} {exc.problem or ''}"
    opened = exc.context_mark is not None and any(words in (exc.context or "") for words in OPENED_AT)
    mark = exc.context_mark if opened else (exc.problem_mark or exc.context_mark)
    line = mark.line + 1 if mark else 1
    if "flow" in (exc.context or ""):
        bracket = _unclosed_bracket(text)
        if bracket is not None:
            raise YamlProblem(bracket[0], parser_message(f"expected ',' or '{BRACKETS[bracket[1]]}'")) from None
    if not opened:
        lines = text.split("\n")
        row = lines[line - 1 if 0 < line <= len(lines) else -1]
        if "\t" in row[: len(row) - len(row.lstrip(" \t"))]:
            raise YamlProblem(line, parser_message("'\\t'")) from None  # libyaml does not name the character
        column = mark.column if mark else -1
        if "\t" in row[max(column - 1, 0): column + 1] or "'\\t'" in complaint or " tab " in complaint:
            raise YamlProblem(line, TAB_INSIDE) from None
    raise YamlProblem(line, parser_message(complaint)) from None


BRACKETS = {"[": "]", "{": "}"}


def _unclosed_bracket(text: str) -> tuple[int, str] | None:
    """The line and character of the innermost '[' or '{' still open where scanning stops, if any."""
    opened: list[tuple[int, str]] = []
    try:
        for token in yaml.scan(text, Loader=_DepthLoader):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append((token.start_mark.line + 1, text_at(text, token.start_mark.index)))
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
                opened.pop()
    except (yaml.YAMLError, RecursionError):
        pass
    return opened[-1] if opened else None


def text_at(text: str, index: int) -> str:
    """The bracket at `index`, '[' when the mark does not point at one."""
    return text[index] if 0 <= index < len(text) and text[index] in BRACKETS else "["


def _constructor_message(exc: yaml.constructor.ConstructorError) -> str:
    problem = exc.problem or ""
    if "tag" in problem:
        return TAG_MESSAGE
    if "unhashable" in problem:
        return "kunci YAML harus berupa teks biasa, bukan daftar atau pasangan kunci-nilai"
    return "nilai YAML tidak sah; periksa kunci dan nilainya (tulis teks, angka, daftar atau pasangan 'kunci: nilai')"


TAG_MESSAGE = "tag YAML tidak diizinkan (misalnya !!python/... atau !!binary); tulis nilai biasa saja"


def _may_be_deep(text: str) -> bool:
    """A cheap upper bound: more brackets or indentation steps than MAX_DEPTH allows."""
    opened = text.count("[") + text.count("{") + text.count("- ")
    return opened > MAX_DEPTH or max((len(line) - len(line.lstrip(" ")) for line in text.split("\n")), default=0) > MAX_DEPTH


def _check_depth(text: str) -> None:
    """Refuse deep nesting from the event stream, which (unlike composing) does not recurse."""
    depth = 0
    # The pure-Python parser reads one event at a time; libyaml scans far ahead and, from PyYAML 6.0.4
    # on, stops at its own depth limit first, with its own message.
    for event in yaml.parse(text, Loader=_DepthLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(event.start_mark.line + 1, f"YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check(node: yaml.Node, path: str, lines: dict[str, int], depth: int, aliases: list[int]) -> None:
    """Walk the node tree: record key lines, refuse deep trees and alias bombs."""
    if depth > MAX_DEPTH:
        raise YamlProblem(node.start_mark.line + 1, f"YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)")
    if node.tag not in ALLOWED_TAGS:
        raise YamlProblem(node.start_mark.line + 1, TAG_MESSAGE)
    if isinstance(node, yaml.MappingNode):
        written: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                if name in written:
                    raise DuplicateKey(name, written[name], key.start_mark.line + 1)
                written[name] = key.start_mark.line + 1
            sub = f"{path}.{name}" if path else name
            lines.setdefault(sub, key.start_mark.line + 1)
            _visit(value, sub, lines, depth, aliases)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            sub = f"{path}[{index}]"
            lines.setdefault(sub, item.start_mark.line + 1)
            _visit(item, sub, lines, depth, aliases)


def _visit(node: yaml.Node, path: str, lines: dict[str, int], depth: int, aliases: list[int]) -> None:
    aliases[0] += 1
    if aliases[0] > MAX_NODES:
        raise YamlProblem(node.start_mark.line + 1, "YAML terlalu besar atau memakai terlalu banyak alias (&/*)")
    _check(node, path, lines, depth + 1, aliases)


def read_yaml(root: Path, name: str) -> tuple[Located | None, list[Problem]]:
    """Load a YAML file of the project, reporting bad YAML with its line."""
    path = root / name
    if escapes(root, path):
        return None, [Problem(name, 0, "tautan simbolik ini menunjuk ke luar proyek; salin berkasnya ke dalam proyek")]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(name, 0, "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8")]
    try:
        return load(text), []
    except YamlProblem as exc:
        return None, [Problem(name, exc.line, exc.message)]


def read_list(root: Path, name: str, example: str) -> tuple[Located | None, list[Problem]]:
    """An optional YAML file that holds a list; None when it is missing or unusable."""
    if not (root / name).is_file():
        return None, []
    located, problems = read_yaml(root, name)
    if located is not None and not isinstance(located.value, list):
        return None, [Problem(name, 1, f"isinya harus berupa daftar, tiap butir diawali '- {example}: ...'")]
    return located, problems
