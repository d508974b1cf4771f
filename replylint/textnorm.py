"""Small text helpers shared by the pipeline and the rules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and strip diacritics: ``"Más PRONTO"`` -> ``"mas pronto"``.

    Used for case- and accent-insensitive matching of phrase lists.
    """
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_case(template: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``template``.

    ``("Tambien", "también") -> "También"``; ``("PRONTO", "antes") -> "ANTES"``.
    """
    if not template or not replacement:
        return replacement
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if template[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if template[0].islower() and replacement[0].isupper() and not replacement[1:2].isupper():
        return replacement[0].lower() + replacement[1:]
    return replacement


def sentence_case(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _fold_char(ch: str) -> str:
    lowered = ch.lower()
    if len(lowered) != 1:
        return ch
    if lowered.isascii():
        return lowered
    base = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))
    return base if len(base) == 1 else lowered


class _FoldTable(dict):
    """``str.translate`` table that folds each character once and remembers it."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


class _StripTable(dict):
    """``str.translate`` table from a lower-case character to its fold (``_fold_char`` of the
    character it is the lower case of, when that lowers to one character)."""

    def __missing__(self, code: int) -> str:
        lowered = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))
        folded = self[code] = base if len(base) == 1 else lowered
        return folded


_STRIP_TABLE = _StripTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_run(match: re.Match[str]) -> str:
    return match.group().translate(_STRIP_TABLE)


def fold_same_length(text: str) -> str:
    """Lower case without diacritics, one character for one: offsets stay valid."""
    lowered = text.lower()
    if text.isascii():
        return lowered
    # str.lower() per character, unless a character lowers to several or the final-sigma rule
    # applies: then fold character by character
    if len(lowered) != len(text) or "\u03a3" in text:
        return text.translate(_FOLD_TABLE)
    # ASCII characters are folded by lower(); only the runs of other characters lose accents
    return _NON_ASCII.sub(_strip_run, lowered)
