"""Helpers shared by the Python rules that read phrase lists from ``rules/phrases/*.yaml``.

The lists are data: each file has one mapping per language (``es``, ``en``) of list names to
lists of phrases. Matching runs on a folded copy of the draft (lower case, no diacritics) that
keeps every character at its offset, so a match's offsets are offsets into ``draft.text``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Mapping

from ..errors import RulePackError
from ..resources import data_file
from ..textnorm import fold_same_length
from ..yamlsrc import load_yaml

WORD_START = r"(?<![\w])"
WORD_END = r"(?![\w])"


def fold_phrase(phrase: str) -> str:
    return fold_same_length(unicodedata.normalize("NFC", phrase.strip()))


@lru_cache(maxsize=16)
def phrase_file(name: str) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """``rules/phrases/<name>.yaml`` as ``{lang: {list name: phrases}}``."""
    path = data_file("phrases", f"{name}.yaml")
    src = load_yaml(path.read_text(encoding="utf-8"), str(path), RulePackError)
    data = src.data or {}
    result: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, lists in data.items():
        if lang in ("description",):
            continue
        if not isinstance(lists, Mapping):
            raise src.error((lang,), f"{lang} must be a mapping of list names to lists", RulePackError)
        result[lang] = {}
        for key, value in lists.items():
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise src.error((lang, key), f"{lang}.{key} must be a list of non-empty strings", RulePackError)
            result[lang][key] = tuple(value)
    return result


def phrases(name: str, lang: str, key: str) -> tuple[str, ...]:
    return phrase_file(name).get(lang, {}).get(key, ())


def alternation(items: Iterable[str]) -> str:
    """A regex matching any of the folded phrases, the longest one where several match; spaces
    match any run of spaces.

    The phrases are laid out as a trie (``gracias|gracioso`` -> ``graci(?:as|oso)``): the regex
    engine tries alternatives one by one, so at each character it compares a handful of branches
    instead of every phrase of the list.
    """
    trie: dict = {}
    for phrase in {fold_phrase(p) for p in items if p.strip()}:
        node = trie
        for index, part in enumerate(phrase.split()):
            if index:
                node = node.setdefault(" ", {})
            for char in part:
                node = node.setdefault(char, {})
        node[_END] = {}
    if not trie:
        return r"(?!)"
    return "(?:" + _trie_pattern(trie) + ")"


_END = ""


def _trie_pattern(node: dict) -> str:
    branches = [(r"\s+" if key == " " else re.escape(key)) + _trie_pattern(child)
                for key, child in sorted(node.items()) if key != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a phrase that ends here is tried after its longer continuations (the group is greedy)
    return f"(?:{body})?" if _END in node else body


def word_regex(items: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """Phrases as whole words (for use on folded text)."""
    return re.compile(WORD_START + alternation(items) + WORD_END, flags)


@lru_cache(maxsize=16)
def raw_file(name: str):
    """``rules/phrases/<name>.yaml`` as parsed YAML with line numbers (:class:`Sourced`)."""
    path = data_file("phrases", f"{name}.yaml")
    return load_yaml(path.read_text(encoding="utf-8"), str(path), RulePackError)
