"""Recording what a template reads: a stand-in for the models that notes the path of every value.

terang.build.incremental keeps these paths per page and compares their values in the next build.
"""

from __future__ import annotations

import inspect
import re
import types
from functools import lru_cache
from typing import Any

from terang.build.value_digests import is_model


class Recorder:
    """Stands in for a model in templates and records the path of every value read through it.

    Paths look like 'config.title', 'news[3].title', 'news#len' (how many) or '@item.title' (the
    page's own context). Tuples and lists of models are handed out element by element, so a
    list page depends on the titles it shows, not on the bodies of the articles it lists.
    """

    __slots__ = ("_target", "_reads", "_path")

    def __init__(self, target: Any, reads: set[str], path: str) -> None:
        self._target, self._reads, self._path = target, reads, path

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance() in filters and helpers sees the model's own class
        return type(self._target)

    def __getattr__(self, name: str) -> Any:
        declared = method(type(self._target), name)
        if declared is not None:  # a method runs on the recorder, so its reads count
            return types.MethodType(declared, self)
        return record(getattr(self._target, name), self._reads, f"{self._path}.{name}" if self._path else name)

    def _whole(self) -> Any:
        """The model itself, for uses that depend on all of it (printing, comparing, hashing)."""
        self._reads.add(self._path)
        return self._target

    def __eq__(self, other: object) -> bool:
        return self._whole() == (other._whole() if isinstance(other, Recorder) else other)

    def __hash__(self) -> int:
        return hash(self._whole())

    def __lt__(self, other: Any) -> bool:
        return self._whole() < (other._whole() if isinstance(other, Recorder) else other)

    def __bool__(self) -> bool:  # a model is true unless it says otherwise, so truth reads nothing
        kind = type(self._target)
        return bool(self._whole()) if hasattr(kind, "__bool__") or hasattr(kind, "__len__") else True

    def __len__(self) -> int:
        return len(self._whole())

    def __iter__(self) -> Any:
        return iter(self._whole())

    def __str__(self) -> str:
        return str(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())


@lru_cache(maxsize=None)
def method(kind: type, name: str) -> types.FunctionType | None:
    """The plain function a model's class declares under `name`, if any (classes do not change during a build)."""
    declared = inspect.getattr_static(kind, name, None)
    return declared if isinstance(declared, types.FunctionType) else None


def record(value: Any, reads: set[str], path: str) -> Any:
    """Wrap a model in a Recorder, a sequence of models element by element; record anything else."""
    if is_model(type(value)):
        return Recorder(value, reads, path)
    if isinstance(value, (tuple, list)) and value and all(is_model(type(v)) for v in value):
        reads.add(f"{path}#len")
        items = [record(v, reads, f"{path}[{i}]") for i, v in enumerate(value)]
        return items if isinstance(value, list) else tuple(items)
    reads.add(path)
    return value


STEP = re.compile(r"\.?([^.\[#]+)|\[(\d+)\]|(#len)")


@lru_cache(maxsize=16384)  # bounded: a site of thousands of news has tens of thousands of distinct paths
def steps(path: str) -> tuple[tuple[str, int | None, bool], ...]:
    """A recorded path as steps (attribute name, index, length); the same paths recur on every page."""
    return tuple((name, int(index) if index else None, bool(length)) for name, index, length in STEP.findall(path))


def read_value(root: Any, path: str) -> Any:
    """The value at a recorded path, from the site or (for '@' paths) from the page's context."""
    value = root
    for name, index, length in steps(path):
        if length:
            value = len(value)
        elif index is not None:
            value = value[index]
        else:
            value = getattr(value, name)
    return value
