"""Faster stand-ins for spaCy's lexical attribute functions, with the same results.

spaCy works out about twenty attributes (shape, like_num, is_punct, ...) for every new word
type it meets, in Python; on text it has not seen before that is a large part of tokenizing.
Most new types are words of letters alone, for which most answers are known without looking
at each character. Each stand-in gives spaCy's own answer for every string (checked on every
character of Unicode, on the lexicons' words and on random strings in
``tests/test_pipeline.py``), so user patterns on ``SHAPE``, ``LIKE_NUM``, ``IS_PUNCT``... keep
working.
"""

from __future__ import annotations

import importlib
from typing import Callable

from spacy.attrs import (IS_ASCII, IS_BRACKET, IS_CURRENCY, IS_LEFT_PUNCT, IS_PUNCT, IS_QUOTE, IS_RIGHT_PUNCT,
                         LIKE_EMAIL, LIKE_NUM, LIKE_URL, SHAPE)
from spacy.vocab import Vocab

_QUOTES = frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯", "''", "``"))
_LEFT_PUNCT = frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``"))
_RIGHT_PUNCT = frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''"))
_BRACKETS = frozenset(("(", ")", "[", "]", "{", "}", "<", ">"))


def _word_shape(original: Callable[[str], str]) -> Callable[[str], str]:
    """spaCy's ``word_shape`` (letters as X/x, digits as d, runs cut to four) for the common
    words without a loop: lower case, capitalised, ASCII capitals."""
    def word_shape(text: str) -> str:
        n = len(text)
        if n < 100 and text.isalpha():
            if text.islower():      # lower-case and caseless letters are all "x"
                return "xxxx"[:n]
            if text[0].isupper() and (n == 1 or text[1:].islower()):
                return "X" + "xxxx"[:n - 1]
            if text.isascii() and text.isupper():
                return "XXXX"[:n]
        return original(text)

    return word_shape


def _unless_letters(original: Callable[[str], bool]) -> Callable[[str], bool]:
    """``original`` for strings that are not letters alone; False for those that are."""
    def attribute(text: str) -> bool:
        return False if text.isalpha() else original(text)

    return attribute


def _unless_alnum(original: Callable[[str], bool]) -> Callable[[str], bool]:
    """``original`` unless every character is a letter or a digit (then False: no letter or
    digit is punctuation or a currency sign)."""
    def attribute(text: str) -> bool:
        return False if text.isalnum() else original(text)

    return attribute


def _like_email(original: Callable[[str], bool]) -> Callable[[str], bool]:
    def attribute(text: str) -> bool:
        return "@" in text and original(text)

    return attribute


def _like_num(lang: str, original: Callable[[str], bool]) -> Callable[[str], bool]:
    """For letters alone, spaCy's ``like_num`` is a lookup in the language's number words."""
    module = importlib.import_module(f"spacy.lang.{lang}.lex_attrs")
    words = frozenset(getattr(module, "_num_words", ())) | frozenset(getattr(module, "_ordinal_words", ()))

    def attribute(text: str) -> bool:
        if text.isalpha():
            return text.lower() in words
        return original(text)

    return attribute


def _set(text: str, members: frozenset[str]) -> Callable[[str], bool]:
    def attribute(value: str) -> bool:
        return value in members

    attribute.__name__ = text
    return attribute


# The spaCy functions each stand-in replaces (by module and name): one that is not found (a
# spaCy release that changed it, a language that overrides it) is left alone.
_STAND_INS: dict[int, tuple[str, Callable]] = {
    SHAPE: ("spacy.lang.lex_attrs.word_shape", lambda lang, f: _word_shape(f)),
    IS_ASCII: ("spacy.lang.lex_attrs.is_ascii", lambda lang, f: str.isascii),
    IS_QUOTE: ("spacy.lang.lex_attrs.is_quote", lambda lang, f: _set("is_quote", _QUOTES)),
    IS_LEFT_PUNCT: ("spacy.lang.lex_attrs.is_left_punct", lambda lang, f: _set("is_left_punct", _LEFT_PUNCT)),
    IS_RIGHT_PUNCT: ("spacy.lang.lex_attrs.is_right_punct", lambda lang, f: _set("is_right_punct", _RIGHT_PUNCT)),
    IS_BRACKET: ("spacy.lang.lex_attrs.is_bracket", lambda lang, f: _set("is_bracket", _BRACKETS)),
    IS_PUNCT: ("spacy.lang.lex_attrs.is_punct", lambda lang, f: _unless_alnum(f)),
    IS_CURRENCY: ("spacy.lang.lex_attrs.is_currency", lambda lang, f: _unless_alnum(f)),
    LIKE_URL: ("spacy.lang.lex_attrs.like_url", lambda lang, f: _unless_letters(f)),
    LIKE_EMAIL: ("spacy.lang.lex_attrs.like_email", lambda lang, f: _like_email(f)),
    LIKE_NUM: ("spacy.lang.{lang}.lex_attrs.like_num", _like_num),
}


def speed_up(vocab: Vocab, lang: str) -> None:
    """Put the stand-ins in ``vocab``'s attribute getters, where spaCy's own functions are."""
    getters = vocab.lex_attr_getters
    for attr, (qualified, make) in _STAND_INS.items():
        original = getters.get(attr)
        name = f"{getattr(original, '__module__', '')}.{getattr(original, '__name__', '')}"
        if name != qualified.format(lang=lang):
            continue
        getters[attr] = make(lang, original)
