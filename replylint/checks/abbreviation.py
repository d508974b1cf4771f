from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..draft import Draft
from ..errors import RulePackError
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ..textnorm import match_case
from ._phrases import raw_file

_SKIP_KINDS = ("url", "email", "mention", "hashtag", "placeholder", "signature")
_LIST_LETTER = re.compile(r"^\s*[,;/]\s*\w\b|^\s*\)")
_LETTER_BEFORE = re.compile(r"(?:^|\W)\w\s*[,;/]\s*$")


@dataclass(frozen=True)
class Abbr:
    abbr: str
    full: tuple[str, ...]
    fix: bool
    lower: bool


@lru_cache(maxsize=4)
def entries(lang: str) -> tuple[dict[str, Abbr], re.Pattern[str] | None]:
    src = raw_file("abbreviations")
    items = (src.data or {}).get(lang) or []
    table: dict[str, Abbr] = {}
    for index, item in enumerate(items):
        where = (lang, index)
        if not isinstance(item, dict) or not isinstance(item.get("abbr"), str) or not isinstance(item.get("full"), list):
            raise src.error(where, "an abbreviation is {abbr: text, full: [text, ...], fix: bool}", RulePackError)
        extra = set(item) - {"abbr", "full", "fix", "lower"}
        if extra:
            raise src.error(where, f"unknown key {sorted(extra)[0]!r}", RulePackError)
        abbr = item["abbr"].strip().lower()
        table[abbr] = Abbr(abbr, tuple(item["full"]), bool(item.get("fix", False)),
                           bool(item.get("lower", False)) or len(abbr) == 1)
    if not table:
        return table, None
    return table, re.compile(_pattern_source(table), re.IGNORECASE)


def _pattern_source(table: dict[str, Abbr]) -> str:
    alternatives = sorted(table, key=lambda a: (-len(a), a))
    # grouped by first character, in the same order within a group (at one position only one
    # group can match): the engine tries one group per position instead of every alternative
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        words = a.split()
        groups.setdefault(words[0][0], []).append(
            r"\s+".join(re.escape(p) for p in (words[0][1:], *words[1:])))
    body = "|".join(re.escape(first) + r"(?:" + "|".join(rests) + ")" for first, rests in groups.items())
    return r"(?<![\w'’@#/.\-^*~])(?:" + body + r")(?![\w'’/\-])(?!\.\w)"


@lru_cache(maxsize=4)
def _lower_case_pattern(lang: str) -> re.Pattern[str] | None:
    """The pattern of :func:`entries` for a lower-cased text: the same matches where lower
    casing keeps every character at its offset, without the cost of case-insensitive matching
    (the only characters it would match besides are "ſ" and "ı", in words no entry has)."""
    table, pattern = entries(lang)
    return None if pattern is None else re.compile(_pattern_source(table))


@dataclass(frozen=True)
class AbbreviationOptions:
    allow: tuple[str, ...] = ()
    __option_docs__ = {"allow": "abbreviations never reported (as written in rules/phrases/abbreviations.yaml)"}


class Abbreviation(Rule):
    """Texting abbreviations ("q", "xq", "tb", "salu2", "pls", "thx", "u") instead of full words.

    Norm: "los usuarios móviles [...] aceptan más fácilmente las abreviaturas" (seed on
    multichannel agents, section 5): a channel may tolerate them, the others expect a reply
    written out in full ("Sigue siendo profesional", section 2). A channel profile with
    ``abbreviations: true`` (in ``rules/channels.yaml`` or the config's ``channels:``) turns the
    rule off there.

    Lists per language in ``rules/phrases/abbreviations.yaml``; Spanish and English lists are
    separate, so the Spanish conjunction "u" ("siete u ocho") is never an English "you". Words in
    capitals ("TB", "BC") and single letters in a list ("a, b, q") or labels ("q)") are not
    reported; one-letter abbreviations count in lower case, or capitalised at the start of a
    sentence.

    Fix: the full form, when it is the only reading ("tb" -> "también", "pls" -> "please",
    "u" -> "you"); ambiguous ones ("xq": "porque" or "por qué"; "ur": "your" or "you're") get
    suggestions only.
    """

    id = "abbreviation"
    summary = "Texting abbreviations (“xq”, “tb”, “salu2”, “pls”, “u”) instead of full words"
    severity = Severity.WARNING
    languages = frozenset({"es", "en"})
    sees_nonprose = True
    Options = AbbreviationOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        if draft.channel.abbreviations:
            return
        table, pattern = entries(draft.lang)
        if pattern is None:
            return
        text = draft.text
        lowered = text.lower()
        if len(lowered) == len(text):
            pattern, searched = _lower_case_pattern(draft.lang), lowered
        else:
            searched = text
        allowed = None
        starts = None
        for m in pattern.finditer(searched):
            found = text[m.start():m.end()]
            key = " ".join(found.lower().split())
            entry = table.get(key)
            if entry is None:
                continue
            if allowed is None:
                allowed = {a.lower() for a in self.options.allow}
            if key in allowed:
                continue
            letters = [c for c in found if c.isalpha()]
            if len(letters) > 1 and all(c.isupper() for c in letters):
                continue
            if entry.lower and not found.islower():
                if len(found) != 1:
                    continue
                if starts is None:
                    starts = [s.start_char for s in draft.sentence_bounds]
                if not self._starts_sentence(text, starts, m.start()):
                    continue
            span = draft.nonprose_at(m.start(), m.end())
            if span is not None and span.kind in _SKIP_KINDS:
                continue
            if len(entry.abbr) == 1 and self._in_letter_list(text, m.start(), m.end()):
                continue
            full = tuple(match_case(found, f) if found[:1].isupper() else f for f in entry.full)
            words_es = " o ".join(f"“{f}”" for f in full)
            words_en = " or ".join(f"“{f}”" for f in full)
            message = self.say(draft, f"Abreviatura de chat “{found}”: escribe {words_es}",
                               f"Texting abbreviation “{found}”: write {words_en}")
            fix = (Edit(m.start(), m.end(), full[0]),) if entry.fix else None
            yield self.hit(m.start(), m.end(), message, full, fix)

    @staticmethod
    def _starts_sentence(text: str, starts: list[int], position: int) -> bool:
        before = [s for s in starts if s <= position]
        return bool(before) and not any(c.isalnum() for c in text[before[-1]:position])

    @staticmethod
    def _in_letter_list(text: str, start: int, end: int) -> bool:
        if _LIST_LETTER.match(text[end:end + 4]):
            return True
        before = text[max(0, start - 4):start]
        return bool(_LETTER_BEFORE.search(before)) or text[end:end + 1] in (")", ":", "=")
