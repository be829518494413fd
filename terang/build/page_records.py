"""The page records of the build state: one line per page, `path TAB identity TAB record TAB values`.

Read back from disk, they are data, never code: each part is parsed and checked for its exact shape
when its page is planned (terang.build.incremental.PageTracker.reuse); anything else renders the page again.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Collection, Iterable, NamedTuple

from terang.build.store import loads
from terang.build.value_digests import anchor

HEX64 = re.compile(r"[0-9a-f]{64}")


class Stored(NamedTuple):
    """A page's line in the records file, `path TAB identity TAB record TAB values`, and where its parts start.

    The line is kept as read and cut only where needed: most builds never look at the values,
    the bulk of the file, and a reused page's line is written back as it is (a named tuple: thousands a build).
    """

    line: bytes
    identity: int
    record: int
    values: int

    @staticmethod
    def read(line: bytes) -> "tuple[str, Stored] | None":
        """The page path and its stored line; None when the line does not have four parts."""
        first = line.find(b"\t")
        second = line.find(b"\t", first + 1)
        third = line.find(b"\t", second + 1)
        if first <= 0 or second < 0 or third < 0 or not line[:first].isascii():  # site paths are made of slugs
            return None
        return line[:first].decode(), Stored(line, first + 1, second + 1, third + 1)

    @staticmethod
    def made(path: str, record: bytes, values: bytes) -> "Stored":
        name = path.encode()
        line = b"%s\t\t%s\t%s" % (name, record, values)
        start = len(name) + 2
        return Stored(line, start - 1, start, start + len(record) + 1)

    def parts(self, identity: bytes) -> list[bytes | memoryview]:
        """The line to write, with the file identity of now (the record and values are not copied)."""
        return [self.line[:self.identity], identity, b"\t", memoryview(self.line)[self.record:], b"\n"]


class Record(NamedTuple):
    """What a page read in the build that rendered it: `[context, [[template, digest]], anchors, wholes, sha256]` in JSON.

    A named tuple, not a frozen dataclass: one is made per page of every build, and it is five times quicker.
    """

    context: str
    templates: list[Any]  # [[template name, digest], ...], each pair checked when it is compared
    anchors: list[str]
    wholes: list[str]
    sha256: str

    @staticmethod
    def parse(text: bytes) -> "Record | None":
        """The record in `text`, or None when it is not JSON of exactly that shape (the page is then rendered again)."""
        value = loads(text)
        if type(value) is not list or len(value) != 5:
            return None
        context, templates, anchors, wholes, sha256 = value
        if (type(context) is not str or type(sha256) is not str or not HEX64.fullmatch(sha256)
                or type(anchors) is not list or type(wholes) is not list or len(anchors) != len(wholes)
                or not _texts(anchors) or not _texts(wholes) or not _readable(anchors)
                or not all(anchor(name) == name for name in anchors)):  # as anchor() makes them: '@related[2]', never '@x[y]'
            return None
        if type(templates) is not list:  # its pairs are checked as they are compared (PageTracker.reuse)
            return None
        return Record(context, templates, anchors, wholes, sha256)


def parse_values(text: bytes) -> dict[str, str] | None:
    """The recorded values of a page, {path: digest} in JSON; None when damaged."""
    values = loads(text)
    if type(values) is not dict or not _texts(values.values()) or not _readable(values):
        return None
    return values


def parse_identity(text: bytes) -> tuple[int, ...] | None:
    """b'inode,size,mtime,ctime' as file_identity() gives it; None when absent or damaged (then the file's bytes are compared)."""
    try:
        identity = tuple(map(int, text.split(b",")))
    except ValueError:  # not numbers, or numbers of thousands of digits
        return None
    return identity if len(identity) == 4 else None


def _readable(paths: Collection[str]) -> bool:
    """Recorded paths the build may read again: never through Python's own attributes ('__class__', '__globals__'),
    and short (an index of thousands of digits is no number Python reads)."""
    return "__" not in "\0".join(paths) and max(map(len, paths), default=0) < 1000  # in C: a list page records thousands


def page_template(name: Any) -> bool:
    """A template name as Jinja loads it from templates/: relative, without '..'; never a file elsewhere."""
    return type(name) is str and _template_name(name)


@functools.lru_cache(maxsize=256)  # the same few names on every page
def _template_name(name: str) -> bool:
    return bool(name) and not name.startswith("/") and "\\" not in name and "\0" not in name and ".." not in name.split("/")


def _texts(values: Iterable[Any]) -> bool:
    """Whether every one of `values` is a text (one pass in C)."""
    return set(map(type, values)) <= {str}
