"""Build errors people can act on: a file, a line and an Indonesian message."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters and line breaks from file names or keys would split a report line or
# steer the terminal (ANSI escapes): show them as \uXXXX instead.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, reported as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.message}")


def printable(text: str) -> str:
    """One line of text, safe to print to a terminal."""
    return UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class BuildFailed(Exception):
    """Raised at a stage boundary when a stage collected one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def raise_if(problems: list[Problem]) -> None:
    """End the build with every collected problem, if there are any."""
    if problems:
        raise BuildFailed(problems)
