"""Small text helpers shared by the pipeline and the rules."""

from __future__ import annotations

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
