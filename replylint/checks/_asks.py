"""Find requests for some kind of data in a draft: "compártenos tu número de cuenta".

A request is a request word (``requests`` list) followed, in the same sentence and within a few
words, by a target phrase. It does not count when a negation comes before the request in the same
clause ("nunca te pediremos tu NIP"), when a subordinator sits between them ("dinos si tu tarjeta
llegó") or when the target is a destination ("te enviamos un código a tu celular").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ._phrases import WORD_END, WORD_START, alternation, phrases, word_regex

if TYPE_CHECKING:
    from ..draft import Draft

_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_BREAK = re.compile(r"[,;:()]")


@dataclass(frozen=True)
class Ask:
    request_start: int
    request_end: int
    start: int  # the target phrase (with its possessive)
    end: int
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class AskMatcher:
    request: re.Pattern[str]
    target: re.Pattern[str]
    negation: re.Pattern[str]
    subordinator: re.Pattern[str]
    destination: re.Pattern[str]
    not_target: re.Pattern[str] | None
    window: int = 8
    negation_window: int = 6
    # the request phrases without their word boundaries: a draft where this finds nothing has
    # no request in any sentence
    request_anywhere: re.Pattern[str] | None = None

    @classmethod
    def build(cls, data: str, lang: str, target: str, window: int = 8) -> "AskMatcher":
        not_target = phrases(data, lang, "not_personal")
        return cls(
            request=word_regex(phrases(data, lang, "requests")),
            target=re.compile(WORD_START + "(?:" + target + ")" + WORD_END),
            negation=word_regex(phrases(data, lang, "negations")),
            subordinator=word_regex(phrases(data, lang, "subordinators")),
            destination=re.compile(WORD_START + alternation(phrases(data, lang, "destinations")) + r"\s+(?:"
                                   + alternation(phrases(data, lang, "determiners")) + r"\s+)?$"),
            not_target=word_regex(not_target) if not_target else None,
            window=window,
            request_anywhere=re.compile(alternation(phrases(data, lang, "requests"))),
        )

    def find(self, draft: "Draft", folded: str) -> Iterator[Ask]:
        if self.request_anywhere is not None and not _found_anywhere(self.request_anywhere, folded):
            return
        for sentence in draft.sentence_bounds:
            s0, s1 = sentence.start_char, sentence.end_char
            taken_until = s0
            for req in self.request.finditer(folded, s0, s1):
                if req.start() < taken_until or _in_nonprose(draft, req.start(), req.end()):
                    continue
                if self._negated(folded, s0, req.start()):
                    continue
                target = self._target_after(draft, folded, req, s1)
                if target is None:
                    continue
                taken_until = target.end()
                yield Ask(req.start(), req.end(), target.start(), target.end(), s0, s1)

    def _negated(self, folded: str, sentence_start: int, request_start: int) -> bool:
        before = folded[sentence_start:request_start]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end():] if breaks else before
        words = _WORD.findall(clause)[-self.negation_window:]
        return bool(words) and self.negation.search(" ".join(words)) is not None

    def _target_after(self, draft: "Draft", folded: str, req: re.Match[str], sentence_end: int):
        for target in self.target.finditer(folded, req.end(), sentence_end):
            between = folded[req.end():target.start()]
            if len(_WORD.findall(between)) > self.window:
                return None
            if self.subordinator.search(between):
                return None
            if self.destination.search(between):
                continue
            noun_start = _noun_start(target)
            if self.not_target is not None and self.not_target.match(folded, noun_start):
                continue
            if _in_nonprose(draft, target.start(), target.end()):
                continue
            return target
        return None


# The last draft's answer, shared by the rules that look for the same phrases in it: (pattern,
# folded text, whether the pattern occurs in it). One entry: the rules of one draft run one
# after another.
_last_found: tuple[str, str, bool] = ("", "", False)


def _found_anywhere(pattern: re.Pattern[str], folded: str) -> bool:
    global _last_found
    last = _last_found
    if last[1] is folded and last[0] == pattern.pattern:
        return last[2]
    found = pattern.search(folded) is not None
    _last_found = (pattern.pattern, folded, found)
    return found


def _noun_start(match: re.Match[str]) -> int:
    for group in ("own", "pers"):
        try:
            if match.group(group) is not None:
                return match.start(group)
        except IndexError:
            continue
    return match.start()


def _in_nonprose(draft: "Draft", start: int, end: int) -> bool:
    span = draft.nonprose_at(start, end)
    return span is not None and span.kind not in ("number", "code")
