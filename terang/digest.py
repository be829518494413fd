"""Digests: of values in memory, of files on disk, and the one identity of a file.

Every "is it unchanged?" question of the build is answered with these: a digest of a value's
whole content, the SHA-256 of a file's bytes, or a file's identity from one stat() call
(terang.walk.identity, beside the walks that take the stats).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle  # only to digest values in memory (_feed); nothing is ever unpickled
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

PACKAGE = Path(__file__).resolve().parent  # Terang's own code: every subpackage counts


def digest(*parts: Any) -> str:
    """A SHA-256 of the whole content of `parts`, the same in every run for the same content."""
    hasher = hashlib.sha256()
    _feed(hasher, parts)
    return hasher.hexdigest()


def _feed(hasher: Any, value: Any) -> None:
    """Walk a value completely: repr() may shorten (pandas) or vary between runs (sets)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes, dt.date, dt.time, Decimal)):
        hasher.update(f"{type(value).__name__}:{value!r};".encode("utf-8", "surrogatepass"))
    elif names := field_names(type(value)):
        hasher.update(f"{type(value).__qualname__}(".encode())
        for name in names:
            hasher.update(name.encode() + b"=")
            _feed(hasher, getattr(value, name))
        hasher.update(b")")
    elif isinstance(value, (tuple, list)):
        hasher.update(f"{type(value).__name__}[{len(value)}](".encode())
        for item in value:
            _feed(hasher, item)
        hasher.update(b")")
    elif isinstance(value, Mapping):
        hasher.update(f"map[{len(value)}](".encode())
        for key in sorted(value, key=digest):
            _feed(hasher, key)
            _feed(hasher, value[key])
        hasher.update(b")")
    elif isinstance(value, (set, frozenset)):
        hasher.update(f"set[{len(value)}](".encode() + "".join(sorted(digest(v) for v in value)).encode() + b")")
    else:  # anything else by its full pickled state; if that fails, never equal to an earlier build
        try:
            hasher.update(type(value).__qualname__.encode() + pickle.dumps(value, protocol=5))
        except Exception:
            hasher.update(f"{id(value)}:{os.urandom(8).hex()}".encode())


@lru_cache(maxsize=None)  # pure: a class's fields do not change
def field_names(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass type, () for any other type (or a dataclass without fields)."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()


def sha256_file(path: Path | str) -> str:
    """The SHA-256 of a file, in hex, read in pieces (raises OSError when it cannot be read)."""
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file's bytes, or '' when it does not exist."""
    try:
        return sha256_file(path)
    except OSError:
        return ""
