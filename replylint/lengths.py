"""How each platform counts a message's length.

- ``characters``: Unicode code points.
- ``twitter``: X's weighted length (twitter-text 3): text is NFC-normalised; code points in
  U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and U+2032-U+2037 weigh 1, every other code
  point 2; an emoji sequence (skin tones and ZWJ sequences included) weighs 2; every URL weighs
  23; the leading run of @mentions of a reply is not counted. Limit 280.
- ``sms``: GSM 03.38. A text made only of GSM-7 characters is sent in 7-bit: 160 characters in
  a single message, 153 per part when split (characters of the extension table, ``^ { } \\ [ ~ ]
  | €``, take two). Any other character (``á í ó ú``, curly quotes, emoji) switches the whole
  message to UCS-2: 70 UTF-16 code units single, 67 per part.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from . import nonprose

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

TWITTER_URL_WEIGHT = 23
_TWITTER_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_LEADING_MENTIONS = re.compile(r"^(?:\s*@\w{1,15})+\s*")


@dataclass(frozen=True, slots=True)
class Measure:
    """A counted length. ``unit`` is ``characters`` or ``parts`` (SMS)."""

    length: int
    counter: str
    encoding: str | None = None  # SMS: "GSM-7" or "UCS-2"
    parts: int | None = None  # SMS: number of messages
    units: int | None = None  # SMS: septets (GSM-7) or UTF-16 code units (UCS-2)
    non_gsm: tuple[str, ...] = ()  # SMS: the characters that forced UCS-2


def count_characters(text: str) -> Measure:
    return Measure(len(text), "characters")


_TWITTER_HEAVY = re.compile(
    "[^" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _TWITTER_LIGHT_RANGES) + "]"
)


def twitter_weight(text: str) -> int:
    return len(text) + len(_TWITTER_HEAVY.findall(text))


def twitter_length(text: str, spans: Iterable[nonprose.Span]) -> int:
    """X's weighted length of ``text`` (in NFC) given its non-prose ``spans`` (sorted): the
    @mentions that open a reply are free, a URL counts 23, an emoji sequence 2, any other
    character 1 or 2 (:func:`twitter_weight`)."""
    leading = _LEADING_MENTIONS.match(text)
    skip = leading.end() if leading else 0
    total = 0
    position = skip
    for span in spans:
        if span.kind not in (nonprose.URL, nonprose.EMOJI) or span.start < skip:
            continue
        total += twitter_weight(text[position:span.start])
        total += TWITTER_URL_WEIGHT if span.kind == nonprose.URL else 2
        position = span.end
    return total + twitter_weight(text[position:])


def count_twitter(text: str, spans: Iterable[nonprose.Span] | None = None) -> Measure:
    """X's weighted length; ``spans`` are ``text``'s non-prose spans when already known."""
    normalized = unicodedata.normalize("NFC", text)
    if normalized != text:
        text, spans = normalized, None
    if spans is None:
        spans = nonprose.scan(text)
    return Measure(twitter_length(text, spans), "twitter")


def is_gsm7(ch: str) -> bool:
    return ch in GSM7_BASIC or ch in GSM7_EXTENSION


def count_sms(text: str) -> Measure:
    non_gsm = tuple(dict.fromkeys(ch for ch in text if not is_gsm7(ch)))
    if non_gsm:
        sizes = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
        encoding, single, per_part = "UCS-2", 70, 67
    else:
        sizes = [2 if ch in GSM7_EXTENSION else 1 for ch in text]
        encoding, single, per_part = "GSM-7", 160, 153
    units = sum(sizes)
    if units <= single:
        parts = 1 if units else 0
    else:
        # A character (an escape pair or a surrogate pair) is never split across parts.
        parts, used = 1, 0
        for size in sizes:
            if used + size > per_part:
                parts, used = parts + 1, 0
            used += size
    return Measure(len(text), "sms", encoding, parts, units, non_gsm)


COUNTERS = {"characters": count_characters, "twitter": count_twitter, "sms": count_sms}


def measure(text: str, counter: str, spans: Iterable[nonprose.Span] | None = None) -> Measure:
    """Length of ``text`` as ``counter`` counts it (``spans``: its non-prose spans, if known)."""
    if counter == "twitter":
        return count_twitter(text, spans)
    return COUNTERS[counter](text)
