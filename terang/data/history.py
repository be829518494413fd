"""Riwayat angka: the change log data/riwayat.yml, kept by the editor when a published figure changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from terang import fmt
from terang.data import formula
from terang.data.datasets import CHANGES_FILE
from terang.errors import Problem
from terang.inputs.fields import F
from terang.inputs.schema import check, suggest
from terang.inputs.yamlsafe import read_list
from terang.model import Change, Figure

CHANGE = (
    F("angka", "slug", True, "peserta"),
    F("tanggal", "tanggal", True, "2026-01-15"),
    F("nilai_lama", "bilangan", True, "1500"),
    F("nilai_baru", "bilangan", True, "1520"),
    F("alasan", required=True, example="Koreksi dari Dinas Tenaga Kerja"),
)


def read_changes(root: Path, figures: list[Figure]) -> tuple[list[Change], list[Problem]]:
    """Every change, checked: the figure exists, and its last change ends at today's value."""
    name = f"data/{CHANGES_FILE}"
    located, problems = read_list(root, name, "angka")
    if located is None:
        return [], problems
    by_id = {f.id: f for f in figures}
    changes: list[Change] = []
    for index in range(len(located.value)):
        values, found = check(located, CHANGE, name, prefix=f"[{index}]")
        problems += found
        if found:
            continue
        line = located.line(f"[{index}].angka")
        if values["angka"] not in by_id:
            problems.append(Problem(name, line, f"angka '{values['angka']}' tidak ada di data/angka_kunci.yml" + suggest(values["angka"], list(by_id), "angka yang ada")))
            continue
        if by_id[values["angka"]].formula:
            problems.append(Problem(name, line, f"angka '{values['angka']}' dihitung dengan rumus; riwayatnya mengikuti angka di rumus itu. "
                                    "Hapus perubahan ini dan catat perubahan angka masukannya saja"))
            continue
        changes.append(Change(values["angka"], values["tanggal"], values["nilai_lama"], values["nilai_baru"], values["alasan"], line))
    problems += [p for f in figures if (p := last_change_problem(name, f, changes))]
    if problems:
        return changes, problems
    derived, found = derived_changes(figures, changes)
    return changes + derived, found


def derived_changes(figures: list[Figure], changes: list[Change]) -> tuple[list[Change], list[Problem]]:
    """The versions of every figure computed by a formula: one whenever an input's value changes it."""
    by_id = {f.id: f for f in figures}
    known = list(changes)
    made: list[Change] = []
    problems: list[Problem] = []
    done: set[str] = set()

    def follow(figure: Figure) -> None:
        if figure.id in done:
            return
        done.add(figure.id)
        tree = formula.parse(figure.formula)
        used = [by_id[i] for i in formula.inputs(tree)]
        ids = {u.id for u in used}
        for other in used:
            if other.formula:
                follow(other)
        for day in sorted({c.date for c in known if c.figure_id in ids}):
            try:
                old = formula.evaluate(tree, {u.id: value_on(u, day, known, before=True) for u in used})
                new = formula.evaluate(tree, {u.id: value_on(u, day, known) for u in used})
            except formula.FormulaError as error:
                problems.append(Problem(f"data/{CHANGES_FILE}", 0, f"angka '{figure.id}' pada {fmt.date(day)}: {error}"))
                continue
            if old != new:
                moved = sorted({c.figure_id for c in known if c.date == day and c.figure_id in ids})
                change = Change(figure.id, day, old, new, f"Dihitung ulang dengan rumusnya karena angka {', '.join(by_id[m].label for m in moved)} berubah.")
                known.append(change)
                made.append(change)

    for figure in figures:
        if figure.formula:
            follow(figure)
    return made, problems


def value_on(figure: Figure, day: dt.date, changes: list[Change] | tuple[Change, ...], before: bool = False) -> int:
    """The figure's value as it stood on `day` (with `before`, just before it): a change counts from its own
    date; before the first change, the figure had that change's nilai_lama."""
    return next((c.old for c in history(figure.id, changes) if c.date > day or (before and c.date == day)), figure.value)


def anchor(change: Change, changes: list[Change] | tuple[Change, ...]) -> str:
    """The stable id of a version on the Riwayat angka page: '<figure-id>-<YYYY-MM-DD>', then -2, -3 for more changes that day."""
    same_day = [c for c in history(change.figure_id, changes) if c.date == change.date]
    number = same_day.index(change) + 1 if change in same_day else 1
    return f"{change.figure_id}-{change.date.isoformat()}" + (f"-{number}" if number > 1 else "")


def last_change_problem(name: str, figure: Figure, changes: list[Change]) -> Problem | None:
    """The newest change of a figure must end at the value data/angka_kunci.yml publishes now."""
    own = history(figure.id, changes)
    if not own or own[-1].new == figure.value:
        return None
    last = own[-1]
    return Problem(name, last.line, f"perubahan terakhir angka '{figure.id}' berakhir di {fmt.number(last.new)}, tetapi data/angka_kunci.yml menyebut {fmt.number(figure.value)}; samakan nilai_baru dengan nilai sekarang")


def history(figure_id: str, changes: list[Change] | tuple[Change, ...]) -> tuple[Change, ...]:
    """A figure's changes, oldest first."""
    return tuple(sorted((c for c in changes if c.figure_id == figure_id), key=lambda c: (c.date, c.line)))
