"""Answers of pure functions of a text, kept between builds under the text's digest.

Parsing front matter, counting words and scanning a source for personal data depend only on
the text (and Terang's code, which keys the whole file): an unchanged article need not be
parsed or scanned again. Each answer is stored pickled and unpickled on every use, so two
callers never share a mutable value. Nothing a privacy scan found is ever stored.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any, Callable, TypeVar

from .cache import CACHE_DIR, code_key, read_pickle, write_pickle

T = TypeVar("T")


class TextMemo:
    """Per-text answers of earlier builds; keeps only those this build asked for."""

    def __init__(self, path: Path | None, old: dict[str, bytes]) -> None:
        self.path = path
        self.old = old
        self.new: dict[str, bytes] = {}

    @classmethod
    def open(cls, root: Path, clean: bool) -> "TextMemo":
        """The memo of earlier builds of this project; empty with `clean` or after a code change."""
        path = root / CACHE_DIR / "teksmemo.pickle"
        header, old = ({}, None) if clean else read_pickle(path)
        return cls(path, old if header.get("kode") == code_key() and isinstance(old, dict) else {})

    @staticmethod
    def key(kind: str, text: str) -> str:
        """What an answer is filed under: the question and the text's digest."""
        return kind + ":" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, kind: str, text: str, make: Callable[[], T], keep: Callable[[T], bool] = lambda _: True) -> T:
        """make()'s answer for this text, from an earlier build when there is one; `keep` says what may be stored."""
        key = self.key(kind, text)
        stored = self.new.get(key) or self.old.get(key)
        if stored is not None:
            self.new[key] = stored
            return pickle.loads(stored)
        value = make()
        if self.path is not None and keep(value):
            self.new[key] = pickle.dumps(value, protocol=5)
        return value

    def save(self) -> None:
        """Keep the answers this build used; the others are stale."""
        if self.path is not None and self.new != self.old:
            write_pickle(self.path, {"kode": code_key()}, self.new)


def computed(kind: str, text: str, make: Callable[[], Any], memo: TextMemo | None, keep: Callable[[Any], bool] = lambda _: True) -> Any:
    """make(), through `memo` when there is one."""
    return memo.get(kind, text, make, keep) if memo is not None else make()
