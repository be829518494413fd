"""Derived key figures: `rumus` computes a figure from other figures, integer constants and + - * /.

The formula is read by a tiny tokenizer and parser (never eval): ids are figure slugs, so a
minus between two ids needs spaces ("a - b"; "a-b" is one id). Division must come out whole.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Mapping, Union

from terang import fmt
from terang.errors import Problem
from terang.inputs.schema import suggest
from terang.model import Figure

TOKEN = re.compile(r"\s*(?:(\d+)(?![a-z0-9-]*[a-z])|([a-z0-9]+(?:-[a-z0-9]+)*)|([-+*/()]))")
SHOWN = {"*": "×", "+": "+", "-": "−", "/": ":"}
HOW = "tulis id angka, bilangan bulat, + - * / dan tanda kurung, dengan spasi di sekitar tanda minus (contoh: peserta-dijamin * iuran-minimum-bpu * 12)"

# A parsed formula: an int constant, a figure id (str), ("()", inner) or (operator, left, right)
Node = Union[int, str, tuple]


class FormulaError(ValueError):
    """A formula that cannot be read or computed; the message is for the editor."""


def parse(text: str) -> Node:
    """The formula as a tree; FormulaError when it is not one."""
    tokens: list[str | int] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise FormulaError(f"rumus '{text}' tidak bisa dibaca mulai '{text[position:].strip()}'; {HOW}")
        number, name, operator = match.groups()
        tokens.append(int(number) if number is not None else name or operator)
        position = match.end()
        if position < len(text) and not text[position:].strip():
            break
    if not tokens:
        raise FormulaError(f"rumus kosong; {HOW}")
    tree, rest = _sum(tokens, 0, text)
    if rest != len(tokens):
        raise FormulaError(f"rumus '{text}' tidak bisa dibaca mulai '{tokens[rest]}'; {HOW}")
    return tree


def _sum(tokens: list, at: int, text: str) -> tuple[Node, int]:
    return _chain(tokens, at, text, ("+", "-"), _product)


def _product(tokens: list, at: int, text: str) -> tuple[Node, int]:
    return _chain(tokens, at, text, ("*", "/"), _operand)


def _chain(tokens: list, at: int, text: str, operators: tuple[str, ...],
           operand: Callable[[list, int, str], tuple[Node, int]]) -> tuple[Node, int]:
    """`operand`s joined by `operators`, grouped from the left (a - b - c is (a - b) - c)."""
    left, at = operand(tokens, at, text)
    while at < len(tokens) and tokens[at] in operators:
        right, after = operand(tokens, at + 1, text)
        left, at = (tokens[at], left, right), after
    return left, at


def _operand(tokens: list, at: int, text: str) -> tuple[Node, int]:
    if at >= len(tokens):
        raise FormulaError(f"rumus '{text}' berhenti di tengah; {HOW}")
    token = tokens[at]
    if token == "(":
        inner, at = _sum(tokens, at + 1, text)
        if at >= len(tokens) or tokens[at] != ")":
            raise FormulaError(f"rumus '{text}': tanda kurung '(' tidak ditutup; {HOW}")
        return ("()", inner), at + 1
    if isinstance(token, int) or token not in "+-*/()":
        return token, at + 1
    raise FormulaError(f"rumus '{text}' tidak bisa dibaca mulai '{token}'; {HOW}")


def inputs(tree: Node) -> list[str]:
    """The figure ids a formula uses, in order of appearance, once each."""
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, int):
        return []
    return list(dict.fromkeys(name for part in tree[1:] for name in inputs(part)))


def evaluate(tree: Node, values: Mapping[str, int]) -> int:
    """The formula's whole-number value; FormulaError when a division leaves a remainder."""
    if isinstance(tree, int):
        return tree
    if isinstance(tree, str):
        return values[tree]
    if tree[0] == "()":
        return evaluate(tree[1], values)
    left, right = evaluate(tree[1], values), evaluate(tree[2], values)
    if tree[0] == "/":
        if right == 0 or left % right:
            raise FormulaError(f"{fmt.number(left)} : {fmt.number(right)} tidak menghasilkan bilangan bulat; "
                               "pakai pembagian yang habis, atau tulis angkanya sendiri dengan 'nilai' tanpa 'rumus'")
        return left // right
    return left * right if tree[0] == "*" else left + right if tree[0] == "+" else left - right


def describe(tree: Node, shown: Callable[[str], str]) -> str:
    """The formula with its inputs' values written out ("30 × Rp1.000 × 12")."""
    if isinstance(tree, int):
        return fmt.number(tree)
    if isinstance(tree, str):
        return shown(tree)
    if tree[0] == "()":
        return f"({describe(tree[1], shown)})"
    return f"{describe(tree[1], shown)} {SHOWN[tree[0]]} {describe(tree[2], shown)}"


def resolve(figures: list[Figure], name: str, given: Mapping[str, int | None], lines: Mapping[str, int]) -> tuple[list[Figure], list[Problem]]:
    """Compute every figure with a formula; `given` is each figure's 'nilai' (None when left out), `lines` the line of each 'rumus'.

    A formula that names an unknown figure, depends on itself, or divides unevenly is refused at its
    line; a 'nilai' beside a formula must equal its result. A figure that failed is left out.
    """
    by_id = {f.id: f for f in figures}
    problems: list[Problem] = []
    trees: dict[str, Node] = {}
    for figure in figures:
        if not figure.formula:
            continue
        try:
            trees[figure.id] = parse(figure.formula)
        except FormulaError as error:
            problems.append(Problem(name, lines[figure.id], f"angka '{figure.id}': {error}"))
            continue
        for used in inputs(trees[figure.id]):
            if used not in by_id:
                problems.append(Problem(name, lines[figure.id], f"angka '{figure.id}': rumus memakai '{used}', yang tidak ada di {name}"
                                        + suggest(used, sorted(by_id), "angka yang ada")))
                del trees[figure.id]
                break
    values = {f.id: f.value for f in figures if not f.formula}
    failed: set[str] = {f.id for f in figures if f.formula and f.id not in trees}
    for figure_id in trees:
        _compute(figure_id, trees, values, failed, [], name, lines, problems)
    result = []
    for figure in figures:
        if figure.id in failed:
            continue
        if figure.formula:
            value = values[figure.id]
            stated = given.get(figure.id)
            if stated is not None and stated != value:
                problems.append(Problem(name, lines[figure.id], f"angka '{figure.id}': nilai {fmt.number(stated)} tidak sama dengan hasil rumusnya "
                                        f"{fmt.number(value)}; hapus 'nilai' (rumus menghitungnya) atau perbaiki rumusnya"))
                continue
            figure = replace(figure, value=value)
        result.append(figure)
    return result, problems


def _compute(figure_id: str, trees: Mapping[str, Node], values: dict[str, int], failed: set[str], path: list[str],
             name: str, lines: Mapping[str, int], problems: list[Problem]) -> None:
    """values[figure_id], computing its inputs first; a cycle or an uneven division marks it failed."""
    if figure_id in values or figure_id in failed:
        return
    if figure_id in path:
        cycle = path[path.index(figure_id):] + [figure_id]
        problems.append(Problem(name, lines[figure_id], f"angka '{figure_id}': rumus berputar ({' → '.join(cycle)}); "
                                "sebuah angka tidak boleh dihitung dari dirinya sendiri"))
        failed.update(cycle)
        return
    for used in inputs(trees[figure_id]):
        if used in trees:
            _compute(used, trees, values, failed, path + [figure_id], name, lines, problems)
        if used in failed:
            failed.add(figure_id)
            return
    try:
        values[figure_id] = evaluate(trees[figure_id], values)
    except FormulaError as error:
        problems.append(Problem(name, lines[figure_id], f"angka '{figure_id}': {error}"))
        failed.add(figure_id)
