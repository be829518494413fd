"""Whole-value digests: one per model object or context value, computed once per build.

A page records, besides the digest of every value it read, the digest of each whole value its
reads start from (its anchors: '@item', '@body', 'config', 'news[3]'). When every anchor is unchanged, no
value under it can have changed and the page's paths need not be read one by one; when an
anchor changed, its paths are compared one by one, so a list page is not rendered again for an
article body it does not show.

The digests use pickle, which writes the whole state of a dataclass: equal bytes mean equal
values. Two equal values may pickle differently (a set's order, shared objects); that only
costs the path-by-path check, never a wrong reuse. Only pickle.dumps() is used, in memory, to
hash: nothing is ever unpickled, and no pickle is written to disk (the build state is JSON: terang.build.store).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import dataclasses
import re
from functools import lru_cache
from typing import Any

from terang.digest import field_names

ANCHOR = re.compile(r"@?[^.\[#]*(?:\[\d+\])?")  # a list's members are anchors of their own
MISSING = object()
SCALARS = {int, str, bool, float, type(None)}  # their repr() tells equal values from unequal ones (a digest is never '')
LONG = 8  # a model holding a longer list of models is digested field by field, its members by their own digests


@lru_cache(maxsize=None)
def is_model(kind: type) -> bool:
    """Whether values of this type are models (dataclass instances)."""
    return dataclasses.is_dataclass(kind)


@lru_cache(maxsize=None)
def anchor(path: str) -> str:
    """The context value or site attribute a recorded path starts from: '@item' for '@item.title'."""
    match = ANCHOR.match(path)
    return match.group(0) if match else ""


class Wholes:
    """Digests of whole values, remembered by identity for the build (the values are frozen)."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}  # id -> (value kept alive, digest)

    def seed(self, value: Any, digest: str) -> None:
        """Give a value the digest of what made it (a rendered body: its Markdown cache key), so it is not pickled."""
        self._memo[id(value)] = (value, digest)

    def digest(self, value: Any) -> str:
        """A digest of the whole value; '' stands for a value that is not there."""
        if value is MISSING:
            return ""
        kind = type(value)
        if kind in SCALARS:  # a count or a short text read on every page: no pickle needed to tell values apart
            text = repr(value)
            return f"{kind.__name__}:{text}" if len(text) <= 64 else pickled(value)
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if models(value):
            # a list of models by its members' digests: the same article sits in many lists
            parts = "".join(self.digest(v) for v in value)
            result = hashlib.sha256(f"{type(value).__name__}[{len(value)}]{parts}".encode()).hexdigest()
        elif (names := field_names(type(value))) and any(models(getattr(value, n)) and len(getattr(value, n)) > LONG for n in names):
            # a topic with all its articles: pickling it would hash every body again
            parts = "".join(f"{n}={self.digest(getattr(value, n)) if models(getattr(value, n)) else pickled(getattr(value, n))};" for n in names)
            result = hashlib.sha256(f"{type(value).__qualname__}({parts})".encode()).hexdigest()
        else:
            result = pickled(value)
        if is_model(type(value)) or isinstance(value, tuple):  # frozen: the digest holds for the whole build
            self._memo[id(value)] = (value, result)
        return result


def models(value: Any) -> bool:
    """Whether a value is a non-empty tuple or list of models."""
    return isinstance(value, (tuple, list)) and bool(value) and all(is_model(type(v)) for v in value)


def pickled(value: Any) -> str:
    """The SHA-256 of a value's pickle; a value that cannot be pickled never equals an earlier one."""
    try:
        data = pickle.dumps(value, protocol=5)
    except Exception:
        return "tidak-tetap:" + os.urandom(16).hex()
    return hashlib.sha256(type(value).__qualname__.encode() + b"\0" + data).hexdigest()
