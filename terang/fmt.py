"""Indonesian numbers and dates, through Babel: "1.500", "Selasa, 9 Desember 2025"."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from .model import Figure

LOCALE = "id"


@lru_cache(maxsize=4096)
def number(value: int | float) -> str:
    """1500 -> '1.500'; 50.9 -> '50,9'."""
    return format_decimal(value, locale=LOCALE)


@lru_cache(maxsize=4096)
def date(value: dt.date) -> str:
    """'9 Desember 2025'."""
    return format_date(value, "d MMMM y", locale=LOCALE)


@lru_cache(maxsize=4096)
def long_date(value: dt.date) -> str:
    """'Selasa, 9 Desember 2025'."""
    return format_date(value, "EEEE, d MMMM y", locale=LOCALE)


def value_with_unit(value: int, unit: str) -> str:
    """'1.500 orang'; rupiah units read 'Rp16.800 per orang per bulan'."""
    if unit.startswith("rupiah"):
        rest = unit.removeprefix("rupiah").strip()
        return f"Rp{number(value)}" + (f" {rest}" if rest else "")
    return f"{number(value)} {unit}".strip()


def figure_value(figure: Figure) -> str:
    text = value_with_unit(figure.value, figure.unit)
    return f"{text} (perkiraan)" if figure.estimate else text
