"""Indonesian numbers and dates, through Babel: "1.500", "Selasa, 9 Desember 2025"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from terang.model import Figure

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


def period(value: str) -> str:
    """'2025-12' -> 'Desember 2025'; other text is returned as it is."""
    if len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit():
        return format_date(dt.date(int(value[:4]), int(value[5:]), 1), "MMMM y", locale=LOCALE)
    return value


def percent(ratio: float) -> str:
    """0.509 -> '50,9%'."""
    return format_decimal(round(ratio * 100, 1), locale=LOCALE) + "%"


def decimal(value: int | float | Decimal) -> str:
    """1234.5 -> '1.234,5', every digit kept (number() rounds to three)."""
    return format_decimal(value, locale=LOCALE, decimal_quantization=False)


def rupiah(value: int | float) -> str:
    """16800 -> 'Rp16.800'; 16800.5 -> 'Rp16.800,50'."""
    return "Rp" + (number(value) if value == int(value) else format_decimal(value, "#,##0.00", locale=LOCALE))


def cell(value: object, kind: str) -> str:
    """A table cell as shown on a page: numbers with dots and commas (45,5%, Rp16.800), dates and periods
    with month names, hidden cells as '<5' or '×'."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return str(value)
    if kind == "bilangan" and isinstance(value, int):
        return number(value)
    if kind in ("desimal", "persen") and isinstance(value, (int, float)):
        return decimal(value) + ("%" if kind == "persen" else "")
    if kind == "rupiah" and isinstance(value, (int, float)):
        return rupiah(value)
    if kind == "tanggal" and isinstance(value, str) and len(value) == 10:
        return date(dt.date.fromisoformat(value))
    if kind == "periode" and isinstance(value, str):
        return period(value)
    return str(value)


def dial(phone: str) -> str:
    """A phone number as written ("(0254) 123-456") for a tel: link ("0254123456"); a leading + stays."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return ("+" if phone.strip().startswith("+") else "") + digits
