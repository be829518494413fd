"""Ctrl+C, remembered: an interrupt that Python loses still stops the build before the swap.

CPython's SIGINT handler raises KeyboardInterrupt wherever the main thread is. Raised while
a C extension initialises during an import, it can come back as an ImportError that the
importing module catches (xml.etree.ElementTree falls back to Python that way), and raised
inside a __del__ method it is printed and dropped. The build then ran to the end and exited
0 although the editor pressed Ctrl+C. The handler below also records the request, and the
build checks it before it replaces site/ (and the CLI once more when the build returns).
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

_requested = False


def _handler(signum: int, frame: FrameType | None) -> None:
    global _requested
    _requested = True
    raise KeyboardInterrupt


def install() -> None:
    """Record Ctrl+C from now on; a process that ignores SIGINT (started in the background) keeps ignoring it."""
    global _requested
    _requested = False
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) in (signal.default_int_handler, _handler):
        signal.signal(signal.SIGINT, _handler)


def requested() -> bool:
    """Whether Ctrl+C came since install(), even if its KeyboardInterrupt was lost."""
    return _requested


def check() -> None:
    """Raise the KeyboardInterrupt again if Ctrl+C came and was lost on the way."""
    if _requested:
        raise KeyboardInterrupt
