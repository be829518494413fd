"""Answers of pure functions of a text, kept in the build state under the text's digest (terang.reuse.Answers).

Parsing front matter, counting words and scanning a source for personal data depend only on
the text (and Terang's code, which keys the whole file): an unchanged article need not be
parsed or scanned again. Nothing a privacy scan found is ever stored.

The memo is data, never code: JSON lines (`key TAB answer`), each answer checked against the
shape its question gives (CODECS) every time it is used, and decoded into new objects, so two
callers never share a mutable value. An answer of another shape is asked again; a question
without a codec is never stored.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Callable, TypeVar

from terang.build.store import ANSWERS, Store, dumps, loads
from terang.inputs.yamlsafe import Located

T = TypeVar("T")


SHA256_RE = re.compile(r"([0-9a-f]{64})?")  # a file digest, or '' when none was taken
NESTING = 60  # lists and maps in one answer, at most: deeper than the YAML loader allows (terang.inputs.yamlsafe.MAX_DEPTH)


def _plain(value: Any, depth: int = 0) -> bool:
    """YAML data that JSON gives back equal: text, numbers, true/false, null, lists and maps with text keys."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return True
    if depth > NESTING:
        return False
    if kind is list:
        return all(_plain(item, depth + 1) for item in value)
    if kind is dict:
        return all(type(key) is str and _plain(item, depth + 1) for key, item in value.items())
    return False


def _encode_located(value: Any) -> Any:
    if type(value) is Located and _plain(value.value) and type(value.lines) is dict and all(
            type(key) is str and type(line) is int for key, line in value.lines.items()):
        return [value.value, value.lines]
    return None


def _decode_located(raw: bytes) -> Located | None:
    # Any JSON value is plain data; only its depth needs a bound, and counting brackets (in C) bounds it.
    if raw.count(b"[") + raw.count(b"{") > NESTING:
        return None
    data = loads(raw)
    if type(data) is not list or len(data) != 2 or type(data[1]) is not dict or not set(map(type, data[1].values())) <= {int}:
        return None
    return Located(data[0], data[1])


def _encode_count(value: Any) -> Any:
    return value if type(value) is int and value >= 0 else None


def _decode_count(raw: bytes) -> int | None:
    data = loads(raw)
    return data if type(data) is int and data >= 0 else None


def _encode_clean(value: Any) -> Any:
    return [] if type(value) is list and not value else None


def _decode_clean(raw: bytes) -> list[Any] | None:
    return [] if raw.strip() == b"[]" else None


def _encode_asset(value: Any) -> Any:
    """A clean content file's answer (terang.content.assets): {'teks': [[where, text], ...], 'temuan': 0, 'sha256': hex or ''}."""
    return _asset(value)


def _decode_asset(raw: bytes) -> dict[str, Any] | None:
    return _asset(loads(raw))


def _asset(data: Any) -> dict[str, Any] | None:
    if type(data) is not dict or set(data) != {"teks", "temuan", "sha256"} or data["temuan"] != 0:
        return None
    texts, digest = data["teks"], data["sha256"]
    if type(texts) is not list or not all(type(t) is list and len(t) == 2 and all(type(s) is str for s in t) for t in texts):
        return None
    if type(digest) is not str or not SHA256_RE.fullmatch(digest):
        return None
    return {"teks": [list(t) for t in texts], "temuan": 0, "sha256": digest}


def _encode_digest(value: Any) -> Any:
    """A share image's SHA-256 (terang.site.share_images): the bytes an unchanged card gives."""
    return value if type(value) is str and len(value) == 64 and SHA256_RE.fullmatch(value) else None


def _decode_digest(raw: bytes) -> str | None:
    return _encode_digest(loads(raw))


# The first part of a question ('privasi:<official numbers>' -> 'privasi'): how an answer becomes
# JSON data (None: not stored), and how stored JSON becomes an answer again (None: not trusted).
CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[bytes], Any]]] = {
    "yaml": (_encode_located, _decode_located),  # front matter (terang.content.read)
    "menit": (_encode_count, _decode_count),  # reading minutes (terang.site.plan)
    "privasi": (_encode_clean, _decode_clean),  # clean scans only (terang.privacy.rules)
    "aset": (_encode_asset, _decode_asset),  # clean content files (terang.content.assets)
    "bagikan": (_encode_digest, _decode_digest),  # share images (terang.site.share_images)
}


class KeptAnswers:
    """Per-text answers of earlier builds; keeps only those this build asked for."""

    def __init__(self, old: dict[str, bytes], keep: bool = True) -> None:
        self.old = old  # key -> the answer as JSON (ASCII bytes)
        self.new: dict[str, bytes] = {}
        self.keep = keep  # False: nothing is kept (a build that is not saved)

    @classmethod
    def open(cls, store: Store) -> "KeptAnswers":
        """The answers of earlier builds of this project; none with --clean or after a code change."""
        _, lines = store.lines(ANSWERS, shared=True)
        old: dict[str, bytes] = {}
        for line in lines:
            key, tab, answer = line.partition(b"\t")
            if tab and key.isascii():  # a question and a hex digest
                old[key.decode()] = answer
        return cls(old)

    @staticmethod
    def key(kind: str, text: str) -> str:
        """What an answer is filed under: the question and the text's digest."""
        return kind + ":" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, kind: str, text: str, make: Callable[[], T], keep: Callable[[T], bool] = lambda _: True) -> T:
        """make()'s answer for this text, from an earlier build when there is one; `keep` says what may be stored."""
        key = self.key(kind, text)
        encode, decode = CODECS.get(kind.partition(":")[0], (None, None))
        stored = self.new.get(key) or self.old.get(key)
        if stored is not None and decode is not None:
            value = decode(stored)
            if value is not None:
                self.new[key] = stored
                return value
        value = make()
        if self.keep and encode is not None and key.isascii() and "\t" not in key and "\n" not in key and keep(value):
            data = encode(value)
            if data is not None:
                self.new[key] = dumps(data).encode()
        return value

    def save(self, store: Store) -> None:
        """Keep the answers this build used; the others are stale."""
        if self.keep and (self.new != self.old or store.clean):
            store.write(ANSWERS, [b"%s\t%s\n" % (key.encode(), answer) for key, answer in self.new.items()], shared=True)
