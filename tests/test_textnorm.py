"""Text folding: ``fold`` for phrase keys, ``fold_same_length`` for matching inside a draft."""

from __future__ import annotations

import random

from hypothesis import example, given, settings
from hypothesis import strategies as st

from replylint.textnorm import _FOLD_TABLE, fold, fold_same_length


def _per_character(text: str) -> str:
    return text.translate(_FOLD_TABLE)   # each character folded on its own: the definition


def test_same_length_fold_of_every_character_and_of_mixed_text():
    chars = [chr(c) for c in range(0x30000) if not 0xD800 <= c <= 0xDFFF]
    for ch in chars:
        assert fold_same_length(ch) == _per_character(ch), hex(ord(ch))
    rnd = random.Random(2)
    pool = "aÁéÍoÚñÑüÜçÇ ΣσςİIıßẞǅǄﬁ.,¡!¿?@#1😀\n" + "".join(rnd.sample(chars, 300))
    for _ in range(3000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30)))
        assert fold_same_length(text) == _per_character(text), repr(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
@example("ΟΔΟΣ Σ")      # capital sigma: str.lower() depends on the neighbours
@example("İstanbul")    # lowers to two code points
def test_same_length_fold_keeps_every_offset(text):
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert folded == _per_character(text)


def test_fold_examples():
    assert fold("Más PRONTO") == "mas pronto"
    assert fold_same_length("Canción, ÑANDÚ y pingüino") == "cancion, nandu y pinguino"
