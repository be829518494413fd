"""Safe YAML loading that keeps the line of every key, for errors people can find."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# Refuse documents that would take long to load: deep nesting, huge sizes, alias bombs.
MAX_BYTES = 1_000_000
MAX_DEPTH = 50
MAX_ALIASES = 100


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, but dates stay text: the validator checks them and names the line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(Exception):
    """A YAML document that cannot be used; `line` is 1-based within the document."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Located:
    """A loaded YAML value and the 1-based line of each mapping key, by dotted path."""

    value: Any
    lines: dict[str, int]

    def line(self, path: str, default: int = 1) -> int:
        return self.lines.get(path, default)


def load(text: str) -> Located:
    """Load one YAML document with the safe loader, recording key lines."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlProblem(1, f"dokumen YAML terlalu besar (batas {MAX_BYTES // 1000} KB)")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return _raise_yaml(exc, line)
    except yaml.YAMLError as exc:  # pragma: no cover - other loader errors
        raise YamlProblem(1, f"YAML tidak dapat dibaca: {exc}") from None
    if node is None:
        return Located(None, {})
    lines: dict[str, int] = {}
    _check(node, "", lines, 0, [0])
    try:
        value = loader.construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise YamlProblem(mark.line + 1 if mark else 1, _constructor_message(exc)) from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise YamlProblem(1, f"YAML tidak dapat dibaca: {exc}") from None
    finally:
        loader.dispose()
    return Located(value, lines)


def _raise_yaml(exc: yaml.MarkedYAMLError, line: int) -> Located:
    problem = (exc.problem or "").strip()
    hint = "periksa titik dua, tanda kutip dan indentasi (gunakan spasi, bukan tab)"
    raise YamlProblem(line, f"YAML tidak sah ({problem}); {hint}") from None


def _constructor_message(exc: yaml.constructor.ConstructorError) -> str:
    problem = exc.problem or ""
    if "tag" in problem:
        return "tag YAML tidak diizinkan (misalnya !!python/...); tulis nilai biasa saja"
    return f"nilai YAML tidak sah ({problem})"


def _check(node: yaml.Node, path: str, lines: dict[str, int], depth: int, aliases: list[int]) -> None:
    """Walk the node tree: record key lines, refuse deep trees and alias bombs."""
    if depth > MAX_DEPTH:
        raise YamlProblem(node.start_mark.line + 1, f"YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)")
    if node.tag.startswith("tag:yaml.org,2002:python/") or (
        node.tag.startswith("!") and not node.tag.startswith("!!")
    ):
        raise YamlProblem(
            node.start_mark.line + 1,
            "tag YAML tidak diizinkan (misalnya !!python/...); tulis nilai biasa saja",
        )
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
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
    if aliases[0] > 100_000:
        raise YamlProblem(node.start_mark.line + 1, "YAML terlalu besar atau memakai terlalu banyak alias (&/*)")
    _check(node, path, lines, depth + 1, aliases)
