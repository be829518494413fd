"""What a build tells the person waiting: a page counter on a terminal, stage times with --verbose."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator, TextIO


def seconds(value: float) -> str:
    """0.1234 -> '0,12' (Indonesian decimal comma)."""
    return f"{value:.2f}".replace(".", ",")


@dataclass
class Progress:
    """Progress lines go to a terminal only; stage times are printed when asked for."""

    terminal: TextIO | None = None  # a TTY for the live counter, or None
    verbose: TextIO | None = None  # where stage times go with --verbose, or None
    timings: list[tuple[str, float]] = field(default_factory=list)

    @classmethod
    def for_cli(cls, quiet: bool, verbose: bool) -> "Progress":
        """Quiet with -q or when stderr is not a terminal (a log file, CI, a pipe)."""
        terminal = sys.stderr if not quiet and sys.stderr.isatty() else None
        return cls(terminal, sys.stdout if verbose and not quiet else None)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage of the build."""
        start = time.perf_counter()
        try:
            yield
        finally:
            spent = time.perf_counter() - start
            self.timings.append((name, spent))
            if self.verbose:
                print(f"  {name}: {seconds(spent)} detik", file=self.verbose, flush=True)

    def counter(self, total: int, label: str) -> Callable[[], None]:
        """A function to call once per item; it redraws 'label n/total' on the terminal."""
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if self.terminal and total:
                end = "\n" if done == total else ""
                print(f"\r{label} {done}/{total}", end=end, file=self.terminal, flush=True)

        return tick
