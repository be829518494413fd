"""A body is converted without the inline patterns it cannot match: the HTML is the same as with all of them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terang.content.markdown import TRIGGERS, markdown_for, new_markdown

PIECES = ["kata", " ", "  \n", "\n", "\n\n", "[", "]", "(", ")", "![", "[^1]", "[^1]: catatan", "`", "``", "\\", "*", "**", "_", "__",
          "<", ">", "<b>", "</b>", "<https://contoh.go.id>", "<a@b.id>", "&", "&amp;", "&#169;", "# ", "## Judul {#id}",
          "- ", "1. ", "> ", "| a | b |\n|---|--:|\n| 1 | 2 |", "[tautan](/berita/)", "[ref]", "[ref]: /x/", "{: .kelas }", "!"]
FULL = new_markdown()


def convert_all(text: str) -> str:
    FULL.reset()
    return FULL.convert(text)


def convert_reduced(text: str) -> str:
    md = markdown_for(text)
    md.reset()
    return md.convert(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_reduced_instance_gives_the_same_html(text: str) -> None:
    assert convert_reduced(text) == convert_all(text)


def test_a_plain_text_drops_every_pattern_and_a_link_keeps_the_link_patterns() -> None:
    assert set(markdown_for("Kata biasa saja.").inlinePatterns._data) == set(new_markdown().inlinePatterns._data) - set(TRIGGERS)
    kept = set(markdown_for("Lihat [tautan](/x/).").inlinePatterns._data) & set(TRIGGERS)
    assert kept == {"reference", "link", "short_reference"}


def test_every_trigger_names_a_pattern_of_this_markdown_version() -> None:
    assert set(TRIGGERS) <= set(new_markdown().inlinePatterns._data)
