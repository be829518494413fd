"""Characters as a reader sees them: one form for digits, dashes, apostrophes and names.

Text reaches the site in many encodings of the same thing: full-width digits, no-break spaces,
decomposed accents, curly apostrophes, soft hyphens. The privacy rules compare what a person
reads, so every text is brought to one form first. Line breaks are never added or removed,
so a line found in the readable text is the line of the original.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters, BOM
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u0060\u2032"
READABLE = str.maketrans({**{c: None for c in INVISIBLE}, **{c: "-" for c in DASHES}, **{c: "'" for c in APOSTROPHES}})

# Titles written before a name and degrees after it, without their dots ('S.Pd.' -> 'spd').
TITLES = frozenset(
    "hj h hajjah haji dr drs dra ir prof bpk bapak pak ibu bu sdr sdri saudara saudari tn ny nn kh ust ustadz "
    "ustaz ustadzah ustazah kyai kiai alm almh almarhum almarhumah".split())
DEGREES = frozenset(
    "spd spdi se sh st ssos sag sip skom skm skep sked sfarm ssi sp spsi sakt spt sth shi mpd mpdi msi mm mh "
    "mkes mkom mt mag ma mse msc amd amdkeb amdkep ns phd mba bsc ba".split())
EDGE = ".,;:()\"'"  # punctuation stripped from the ends of a name's words
# Runs of non-ASCII characters: only they change. U+FFFD, which undecodable bytes of binary files
# become by the thousand, stays as it is. Combining marks after an ASCII letter (a decomposed accent,
# 'e' and U+0301) are composed with it afterwards.
NON_ASCII_RE = re.compile(r"[^\x00-\x7f\ufffd]+")
COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
TRANSLATED_RE = re.compile(f"[{INVISIBLE}{DASHES}{APOSTROPHES}]")
ASCII_BYTES = bytes(range(128))


def readable(text: str) -> str:
    """NFKC (full-width digits, no-break spaces, composed accents), dashes as '-', apostrophes as "'",
    invisible characters removed. Never adds or removes a line break."""
    if "`" in text:
        text = text.replace("`", "'")
    if text.isascii() or _unchanged(text):
        return text
    # Only the non-ASCII runs change: normalising them alone is several times faster on a page.
    text = NON_ASCII_RE.sub(_readable_run, text)
    return _composed(text) if COMBINING_RE.search(text) else text


def _composed(text: str) -> str:
    """Combining marks composed with the character before them ('e' U+0301 -> 'é')."""
    pieces: list[str] = []
    last = 0
    for match in COMBINING_RE.finditer(text):
        start = max(match.start() - 1, last)
        pieces += [text[last:start], unicodedata.normalize("NFKC", text[start:match.end()])]
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _unchanged(text: str) -> bool:
    """True when no character of a text changes: its non-ASCII characters alone (bytes.translate drops
    the ASCII ones at C speed, a hundred times faster than a regex over a page) are checked."""
    rare = text.encode("utf-8", "surrogatepass").translate(None, ASCII_BYTES).decode("utf-8", "surrogatepass")
    return unicodedata.is_normalized("NFKC", rare) and not TRANSLATED_RE.search(rare) and not COMBINING_RE.search(rare)


def _readable_run(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group()).translate(READABLE)


def name_key(text: str) -> str:
    """A name or phrase as names are compared: readable, case-folded, without titles, degrees or extra spaces.

    'Hj. Siti Aminah, S.Pd.' and 'siti  aminah' give the same key; a title alone stays a word.
    """
    words = [w.strip(EDGE) for w in re.split(r"[\s,]+", readable(text).casefold())]
    words = [w for w in words if w]
    while len(words) > 1 and words[0].replace(".", "") in TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1].replace(".", "") in DEGREES:
        words.pop()
    return " ".join(words)
