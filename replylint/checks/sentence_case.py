from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..draft import Draft
from ..findings import Edit, Severity
from ..rule import Hit, Rule

_LIST_MARKER = re.compile(r"^\s*(?:[-*•·▪–—>]|\d{1,2}[.)]|[a-z][)])\s")
_OPENERS = frozenset("¿¡\"'“«‘([")
_CONTINUES = frozenset({",", ";", ":", "-", "—", "–", ")"})
_TERMINAL = re.compile(r"[.!?…]['\"”»)\]]*$")
# Function words that open the continuation of a thread ("@ana del interior: 800…").
_CONTINUATION_WORDS = frozenset({
    "y", "e", "o", "u", "ni", "pero", "con", "de", "del", "al", "a", "en", "para", "por", "los", "las", "el",
    "la", "que", "sin", "desde", "hasta", "entre", "sobre", "como", "and", "or", "but", "nor", "with", "of",
    "to", "for", "the", "in", "on", "from", "by", "at", "which", "that",
})


def _settled(word: str, kind: str | None, after_mentions: bool) -> bool:
    """Whether a sentence whose first token is ``word`` (of non-prose ``kind``) is surely not
    reported, without looking further: a prose word that does not start in lower case, or
    non-prose text (a mention only counts with ``after_mentions``); not emoji or an opening mark,
    which the first word comes after."""
    if word in _OPENERS or word.isspace():
        return False
    if kind is None:
        return not (word[:1].isalpha() and word[:1].islower())
    return kind != "emoji" and (kind != "mention" or not after_mentions)


@dataclass(frozen=True)
class SentenceCaseOptions:
    after_mentions: bool = False

    __option_docs__ = {
        "after_mentions": "also check the first word after the @mentions that open a social reply "
                          "(off by default: a reply split over several posts continues in lower case)",
    }


class SentenceCase(Rule):
    """A sentence that starts with a lower-case letter.

    Norm: a sentence begins with a capital letter (RAE, *Ortografía de la lengua española* 2010,
    4.2.4.1.1: mayúscula "a principio de un escrito" and "después de punto"; the same rule holds
    in English). The seeds ask for replies without spelling mistakes ("que no haya ningún error
    de ortografía", seed on multichannel agents, section 5), and a missing capital after a full
    stop is one of the most frequent slips in real support replies.

    The first word of the reply and of every sentence after ``.``, ``?``, ``!`` or a line break
    is checked; the first word after the @mentions that open a social reply only with
    ``after_mentions: true`` (a reply split over several posts goes on in lower case: "@ana
    y los domingos de 9 a 14 h"). Not reported: sentences that start with a URL, mention, hashtag,
    number or other non-prose text; words written on purpose with a lower-case first letter
    and capitals inside ("iPhone", "eBay", "iOS") or declared in ``vocabulary`` with that
    spelling; a sentence that continues after an ellipsis ("…", "..."), a colon or a comma
    (Spanish "¿Qué necesitas?, ¿cómo te ayudo?") or after what looks like an abbreviation
    ("Cd. De Méx. y zona metropolitana", "21:00 h. y sábados"); a conjunction right after the
    opening @mentions (the next part of a thread); a line that continues a line without final
    punctuation; and list items.

    Fix: capitalise the first letter.
    """

    id = "sentence-case"
    summary = "Sentence starting with a lower-case letter"
    severity = Severity.WARNING
    Options = SentenceCaseOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        text = draft.text
        texts, kinds = draft.texts, draft.kinds
        previous_end = None
        after_mentions = self.options.after_mentions
        for sent in draft.sentence_bounds:
            if _settled(texts[sent.start], kinds[sent.start], after_mentions):
                previous_end = sent.end - 1
                continue
            first = None
            leading_mentions = False
            for i in range(sent.start, sent.end):
                word = texts[i]
                if word.isspace():
                    continue
                kind = kinds[i]
                if kind == "mention" and i == self._first_token(draft):
                    leading_mentions = True
                if kind in ("mention", "emoji") and leading_mentions:
                    continue
                if kind == "emoji" or (word in _OPENERS):
                    continue
                first = i
                break
            prev_end, previous_end = previous_end, sent.end - 1
            if first is None or kinds[first] is not None:
                continue
            word = texts[first]
            if not word[:1].isalpha() or not word[:1].islower():
                continue
            if leading_mentions and not after_mentions:
                continue
            if any(c.isupper() for c in word[1:]) or word in draft.settings.vocabulary:
                continue
            if prev_end is not None and self._continues(draft, prev_end, sent.start_char):
                continue
            if leading_mentions and word.lower() in _CONTINUATION_WORDS:
                continue  # "@ana y domingos de 9 a 14 h": the next part of a thread
            if prev_end is not None and not _TERMINAL.search(texts[prev_end]) and kinds[prev_end] is None:
                continue  # a line wrapped without punctuation: the sentence goes on
            if self._after_abbreviation(draft, sent):
                continue
            line_start = text.rfind("\n", 0, sent.start_char) + 1
            if _LIST_MARKER.match(text[line_start:sent.start_char + 1]):
                continue
            fixed = word[0].upper() + word[1:]
            if draft.lang == "es":
                message = f"La frase empieza en minúscula: “{word}” → “{fixed}”"
            else:
                message = f"Sentence starts in lower case: “{word}” → “{fixed}”"
            start = draft.starts[first]
            yield self.hit(start, start + len(word), message, (fixed,), (Edit(start, start + 1, fixed[0]),))

    @staticmethod
    def _after_abbreviation(draft: Draft, sent) -> bool:
        """The previous "sentence" ended in what looks like an abbreviation: "Cd. De Méx. y", "21 h. y"."""
        i = sent.start - 1
        texts, starts, space = draft.texts, draft.starts, draft.is_space
        while i >= 0 and space[i]:
            i -= 1
        if i < 0:
            return False
        last = texts[i]
        if last == "." and i > 0 and starts[i - 1] + len(texts[i - 1]) == starts[i]:
            word = texts[i - 1]
        elif last.endswith(".") and len(last) > 1:
            word = last[:-1]
        else:
            return False
        if (word + ".").lower() in draft.langdata.abbreviations:
            return True
        return word.isalpha() and len(word) <= 4 and (word[:1].isupper() or len(word) == 1)

    @staticmethod
    def _first_token(draft: Draft) -> int:
        for i, text in enumerate(draft.texts):
            if not text.isspace():
                return i
        return -1

    @staticmethod
    def _continues(draft: Draft, prev_last: int, start: int) -> bool:
        """The previous sentence, whose last token is ``prev_last``, ends in a way that lets
        this one (from character ``start``) continue in lower case."""
        mark = draft.texts[prev_last]
        if "\n" in draft.text[draft.starts[prev_last] + len(mark):start]:
            return False
        if mark.endswith("…") or mark.endswith("..") or mark in _CONTINUES:
            return True
        kind = draft.kinds[prev_last]
        return kind is not None and kind != "emoji"  # "visita www.banco.mx. luego…": the URL ended it
