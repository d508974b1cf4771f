"""Faster stand-ins for spaCy's lexical attribute functions, with the same results.

spaCy works out about twenty attributes (shape, like_num, is_punct, ...) for every new word
type it meets, in Python; on text it has not seen before that is a large part of tokenizing.
Most new types are words of letters alone, for which most answers are known without looking
at each character. Each stand-in gives spaCy's own answer for every string (checked on every
character of Unicode, on the lexicons' words and on random strings in
``tests/test_pipeline.py``), so user patterns on ``SHAPE``, ``LIKE_NUM``, ``IS_PUNCT``... keep
working.

spaCy adds every string an attribute function returns to its string store, which costs about
as much as the function itself; a function may instead return the string's hash, and spaCy
then skips that. The stand-ins do so for values known in advance (the language name, the first
character, the shapes of plain words), each added to the store once, when the stand-ins are
put in place; the simplest of spaCy's functions are replaced by the built-in they wrap.
"""

from __future__ import annotations

import functools
import importlib
import operator
from typing import Callable, Iterable

from spacy.attrs import (IS_ALPHA, IS_ASCII, IS_BRACKET, IS_CURRENCY, IS_DIGIT, IS_LEFT_PUNCT, IS_LOWER, IS_PUNCT,
                         IS_QUOTE, IS_RIGHT_PUNCT, IS_SPACE, IS_STOP, IS_TITLE, IS_UPPER, LANG, LIKE_EMAIL, LIKE_NUM,
                         LIKE_URL, LOWER, PREFIX, SHAPE, SUFFIX)
from spacy.strings import StringStore
from spacy.vocab import Vocab

_QUOTES = frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯", "''", "``"))
_LEFT_PUNCT = frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``"))
_RIGHT_PUNCT = frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''"))
_BRACKETS = frozenset(("(", ")", "[", "]", "{", "}", "<", ">"))
# First characters answered by their hash: ASCII, Latin letters and general punctuation.
_FIRST_CHARACTERS = [chr(c) for c in range(0x250)] + [chr(c) for c in range(0x2010, 0x2070)]


def _hashes(strings: StringStore, values: Iterable[str]) -> dict[str, int]:
    """Each value's hash, the value being added to ``strings`` for good (not only for the memory
    zone in force, if any): a lexeme may hold the hash at any later time."""
    return {value: strings.add(value, allow_transient=False) for value in values}


def _word_shape(strings: StringStore, original: Callable[[str], str]) -> Callable[[str], str | int]:
    """spaCy's ``word_shape`` (letters as X/x, digits as d, runs cut to four) for the common
    words without a loop: lower case, capitalised, ASCII capitals (answered by their hash)."""
    hashes = _hashes(strings, ["xxxx"[:n] for n in range(1, 5)] + ["XXXX"[:n] for n in range(1, 5)]
                     + ["X" + "xxxx"[:n] for n in range(5)])

    def word_shape(text: str) -> str | int:
        n = len(text)
        if n < 100 and text.isalpha():
            if text.islower():      # lower-case and caseless letters are all "x"
                return hashes["xxxx"[:n]]
            if text[0].isupper() and (n == 1 or text[1:].islower()):
                return hashes["X" + "xxxx"[:n - 1]]
            if text.isascii() and text.isupper():
                return hashes["XXXX"[:n]]
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


def _prefix(strings: StringStore) -> Callable[[str], str | int]:
    """The first character (spaCy's ``prefix``), as its hash for the common ones."""
    hashes = _hashes(strings, _FIRST_CHARACTERS)

    def prefix(text: str) -> str | int:
        first = text[0]
        return hashes.get(first, first)

    return prefix


def _is_stop(original: functools.partial) -> Callable[[str], bool]:
    """spaCy's ``is_stop`` without the partial's call overhead (the same set, should it change)."""
    stops = original.keywords.get("stops")
    if stops is None or original.args:
        return original

    def is_stop(text: str) -> bool:
        return text.lower() in stops

    return is_stop


def _lang(strings: StringStore, original: functools.partial) -> Callable[[str], str | int]:
    """The language's name, as its hash; as the name for ``Vocab.lang``, which asks with "_"."""
    name = original("_")
    hashed = strings.add(name, allow_transient=False)

    def lang(text: str) -> str | int:
        return name if text == "_" else hashed

    return lang


# spaCy's functions in spacy.lang.lex_attrs that do no more than a built-in, which answers the
# same for any string.
_BUILT_INS: dict[int, tuple[str, Callable]] = {
    LOWER: ("lower", str.lower),
    SUFFIX: ("suffix", operator.itemgetter(slice(-3, None))),
    IS_ALPHA: ("is_alpha", str.isalpha),
    IS_DIGIT: ("is_digit", str.isdigit),
    IS_LOWER: ("is_lower", str.islower),
    IS_SPACE: ("is_space", str.isspace),
    IS_TITLE: ("is_title", str.istitle),
    IS_UPPER: ("is_upper", str.isupper),
    IS_ASCII: ("is_ascii", str.isascii),
    IS_QUOTE: ("is_quote", _QUOTES.__contains__),
    IS_LEFT_PUNCT: ("is_left_punct", _LEFT_PUNCT.__contains__),
    IS_RIGHT_PUNCT: ("is_right_punct", _RIGHT_PUNCT.__contains__),
    IS_BRACKET: ("is_bracket", _BRACKETS.__contains__),
}

# The spaCy functions each other stand-in replaces (by module and name; a partial by its
# function), and the stand-in's maker, given the vocabulary's strings, the language and spaCy's
# function.
_STAND_INS: dict[int, tuple[str, Callable]] = {
    PREFIX: ("spacy.lang.lex_attrs.prefix", lambda strings, lang, f: _prefix(strings)),
    IS_STOP: ("spacy.lang.lex_attrs.is_stop", lambda strings, lang, f: _is_stop(f)),
    SHAPE: ("spacy.lang.lex_attrs.word_shape", lambda strings, lang, f: _word_shape(strings, f)),
    IS_PUNCT: ("spacy.lang.lex_attrs.is_punct", lambda strings, lang, f: _unless_alnum(f)),
    IS_CURRENCY: ("spacy.lang.lex_attrs.is_currency", lambda strings, lang, f: _unless_alnum(f)),
    LIKE_URL: ("spacy.lang.lex_attrs.like_url", lambda strings, lang, f: _unless_letters(f)),
    LIKE_EMAIL: ("spacy.lang.lex_attrs.like_email", lambda strings, lang, f: _like_email(f)),
    LIKE_NUM: ("spacy.lang.{lang}.lex_attrs.like_num", lambda strings, lang, f: _like_num(lang, f)),
    LANG: ("spacy.lang.lex_attrs.get_lang", lambda strings, lang, f: _lang(strings, f)),
}


def _qualified_name(function: Callable) -> str:
    function = getattr(function, "func", function)  # a partial: its function
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__name__', '')}"


def speed_up(vocab: Vocab, lang: str) -> None:
    """Put the stand-ins in ``vocab``'s attribute getters, where spaCy's own functions are (one
    that is not found, from a spaCy release that changed it or a language that overrides it, is
    left alone)."""
    getters = vocab.lex_attr_getters

    def spacys(attr: int, qualified: str) -> bool:
        return attr in getters and _qualified_name(getters[attr]) == qualified

    for attr, (name, built_in) in _BUILT_INS.items():
        if spacys(attr, f"spacy.lang.lex_attrs.{name}"):
            getters[attr] = built_in
    for attr, (qualified, make) in _STAND_INS.items():
        if spacys(attr, qualified.format(lang=lang)):
            getters[attr] = make(vocab.strings, lang, getters[attr])
