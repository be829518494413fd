"""Riwayat angka: the change log data/riwayat.yml, kept by the editor when a published figure changes."""

from __future__ import annotations

from pathlib import Path

from terang import fmt
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
        changes.append(Change(values["angka"], values["tanggal"], values["nilai_lama"], values["nilai_baru"], values["alasan"], line))
    return changes, problems + [p for f in figures if (p := last_change_problem(name, f, changes))]


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
