"""What the stages may reuse from earlier builds, as two small protocols.

The build state (terang.build.store) is opened and saved by the build stage alone. Content,
data, privacy, site and publish code never see it: they take one of these, and work the same
(only slower) with none.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Protocol, TypeVar

T = TypeVar("T")


class Answers(Protocol):
    """Answers of pure functions of a text (front matter, reading time, a clean privacy scan), kept by the text's digest."""

    def get(self, kind: str, text: str, make: Callable[[], T], keep: Callable[[T], bool] = ...) -> T:
        """make()'s answer for this text, from an earlier build when there is one; `keep` says what may be kept."""
        ...


def computed(kind: str, text: str, make: Callable[[], Any], answers: Answers | None, keep: Callable[[Any], bool] = lambda _: True) -> Any:
    """make(), through `answers` when there are any."""
    return answers.get(kind, text, make, keep) if answers is not None else make()


class ScanResults(Protocol):
    """Clean results of a scan of an output file, kept by the file's identity (never what a scan found)."""

    def get(self, kind: str, name: str, file: Path | os.stat_result) -> Any:
        """The clean result recorded for this very file, or None."""
        ...

    def put(self, kind: str, name: str, file: Path | os.stat_result, value: Any) -> None:
        """Record a clean result: True, or a list of texts."""
        ...


class _NoResults:
    """Nothing kept: every file is scanned."""

    def get(self, kind: str, name: str, file: Path | os.stat_result) -> Any:
        return None

    def put(self, kind: str, name: str, file: Path | os.stat_result, value: Any) -> None:
        return None


NO_RESULTS: ScanResults = _NoResults()
