"""Small cells are hidden as '<5', and enough other cells as '×' that none can be worked out from totals."""

from __future__ import annotations

import itertools
import random

from helpers import shown

from terang.data.disclosure import weak
from terang.model import Suppressed
from terang.data.suppression import disclosed, suppress, with_totals


def test_totals_are_added_as_the_last_column_and_row() -> None:
    assert with_totals([[1, 2], [3, 4]]) == [[1, 2, 3], [3, 4, 7], [4, 6, 10]]


def test_a_table_without_small_cells_is_published_whole() -> None:
    assert shown(suppress([[10, 20], [30, 40]], 5)) == [["10", "20", "30"], ["30", "40", "70"], ["40", "60", "100"]]


def test_a_small_cell_is_shown_as_less_than_five_and_protected_in_its_row_and_column() -> None:
    published = suppress([[10, 2, 30], [20, 40, 50], [7, 8, 9]], 5)
    assert shown(published) == [
        ["×", "<5", "30", "42"],
        ["20", "40", "50", "110"],
        ["×", "×", "9", "24"],
        ["37", "50", "89", "176"],
    ]
    assert disclosed(published) == []


def test_the_row_total_is_hidden_when_nothing_else_in_the_row_can_protect_the_cell() -> None:
    published = suppress([[3, 0], [10, 20]], 5)
    # the small row total is '×', not '<5': a hidden total never bounds the small cells inside it
    assert shown(published) == [["<5", "0", "×"], ["×", "20", "×"], ["13", "20", "33"]]
    assert disclosed(published) == []


def test_zeros_are_shown_and_never_used_to_protect_a_cell() -> None:
    published = suppress([[0, 4, 9], [0, 12, 7]], 5)
    assert [row[0] for row in published] == [0, 0, 0]
    assert disclosed(published) == []


def test_the_threshold_is_configurable() -> None:
    published = suppress([[8, 30], [40, 50]], 10)
    assert str(published[0][0]) == "<10"
    assert published[0][0] == Suppressed(True, 10)


def test_no_hidden_cell_can_be_worked_out_in_many_random_tables() -> None:
    rng = random.Random(2025)
    for _ in range(150):
        height, width = rng.randint(1, 6), rng.randint(1, 6)
        table = [[rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(width)] for _ in range(height)]
        published = suppress(table, 5)
        assert disclosed(published) == [] and weak(published, with_totals(table)) == [], table
        for i, j in itertools.product(range(height + 1), range(width + 1)):
            value = with_totals(table)[i][j]
            if 0 < value < 5:
                assert isinstance(published[i][j], Suppressed), (table, i, j)
            elif not isinstance(published[i][j], Suppressed):
                assert published[i][j] == value
