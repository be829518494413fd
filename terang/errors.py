"""Build errors people can act on: a file, a line and an Indonesian message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, reported as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class BuildFailed(Exception):
    """Raised at a stage boundary when a stage collected one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def raise_if(problems: list[Problem]) -> None:
    """End the build with every collected problem, if there are any."""
    if problems:
        raise BuildFailed(problems)
