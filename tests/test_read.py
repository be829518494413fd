"""The read stage splits front matter from body by looking only at the front matter's lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from terang.content.read import FENCE, front_matter

LINES = st.sampled_from(["---", "...", "--- ", "---\t", "-- -", "judul: a", "", "isi", " ", ".. .", "\x0c"])


def split_by_lines(text: str) -> tuple[str, int | None, str] | None:
    """The plain way: every line of the file, the body joined again."""
    lines = text.split("\n")
    if not FENCE.match(lines[0]) or lines[0].startswith("."):
        return None
    end = next((i for i in range(1, len(lines)) if FENCE.match(lines[i])), None)
    if end is None:
        return "", None, ""
    return "\n".join(lines[1:end]), end, "\n".join(lines[end + 1:])


@given(st.lists(LINES, max_size=8), st.booleans())
def test_front_matter_is_split_as_splitting_every_line_would(lines: list[str], newline_at_end: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline_at_end else "")
    assert front_matter(text) == split_by_lines(text)


def test_the_body_starts_after_the_closing_line() -> None:
    assert front_matter("---\njudul: A\n---\n## Isi\n\nTeks.\n") == ("judul: A", 2, "## Isi\n\nTeks.\n")
    assert front_matter("---\n---") == ("", 1, "")
    assert front_matter("judul: A\n") is None
    assert front_matter("---\njudul: A\n") == ("", None, "")
