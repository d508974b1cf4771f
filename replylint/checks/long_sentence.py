from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..draft import Draft
from ..findings import Severity
from ..rule import Hit, Rule

# a whole run of non-spaces (as _CHUNK finds it) with a letter or digit in it
_WORD_CHUNK = re.compile(r"(?<!\S)\S*?[^\W_]\S*")
_UNCOUNTED = ("mention", "signature", "emoji")


def _runs(text: str) -> int:
    """How many runs of non-spaces ``text`` has (``str.split`` and the regex ``\\s`` agree on what
    a space is): at least as many as its words, each being one of them."""
    return len(text.split())


@dataclass(frozen=True)
class LongSentenceOptions:
    max_words: Optional[int] = None

    __option_docs__ = {
        "max_words": "longest sentence in words; default: the channel's sentence_words",
    }


class LongSentence(Rule):
    """A sentence longer than the channel's ``sentence_words`` (chat 25, e-mail 35, SMS and social 20).

    Norm: short, clear sentences. Messaging and social replies are read on a phone, where the
    agent "deberá dar respuestas precisas pero breves" (seed on multichannel agents, section 5);
    in chat "los textos son más cortos que un correo" and a message that needs a later
    clarification "puede crear frustración para el cliente" (seed on the profile of the
    digital-channel agent, "Con buena redacción"). The word limit per channel is data
    (``sentence_words`` in rules/channels.yaml).

    Words are counted as the reader sees them: a URL, an e-mail address, an amount or a date
    is one word; contractions ("don't") are one word; punctuation, emoji, @mentions at the
    head of a social reply and the agent's signature are not counted. A line break ends a
    sentence, so list items are measured one by one.

    No automatic fix: split the sentence at a natural joint ("y", "pero", "ya que", "which").
    """

    id = "long-sentence"
    summary = "Sentence longer than the channel's comfortable length (sentence_words)"
    severity = Severity.INFO
    Options = LongSentenceOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        limit = self.options.max_words or draft.channel.sentence_words
        if not limit:
            return
        text = draft.text
        uncounted = None
        for sent in draft.sentence_bounds:
            start, end = sent.start_char, sent.end_char
            # cannot have more words than half its characters, nor than its runs of non-spaces
            if (end - start) // 2 <= limit:
                continue
            sentence = text[start:end]
            if _runs(sentence) <= limit:
                continue
            if uncounted is None:
                uncounted = [span for span in draft.spans if span.kind in _UNCOUNTED]
            # every run of non-spaces with a letter or digit is a word, unless it lies inside an
            # uncounted span (the last span over it, as draft.nonprose_at finds it)
            count = len(_WORD_CHUNK.findall(sentence))
            if count > limit:
                count -= self._uncounted_words(draft, sentence, start, end, uncounted)
            if count > limit:
                yield self._hit(draft, start, end, count, limit)

    @staticmethod
    def _uncounted_words(draft: Draft, sentence: str, start: int, end: int, uncounted: list) -> int:
        skipped: set[int] = set()
        for span in uncounted:
            if not (span.start < end and start < span.end):
                continue
            lo, hi = max(span.start, start) - start, min(span.end, end) - start
            for m in _WORD_CHUNK.finditer(sentence, lo, hi):
                if m.end() < len(sentence) and not sentence[m.end()].isspace():
                    break  # the run goes on past the span
                a, b = m.start() + start, m.end() + start
                if a in skipped:
                    continue
                last = draft.nonprose_at(a, b)
                if last is not None and last.kind in _UNCOUNTED and last.start <= a and b <= last.end:
                    skipped.add(a)
        return len(skipped)

    def _hit(self, draft: Draft, start: int, end: int, count: int, limit: int) -> Hit:
        if draft.lang == "es":
            message = (f"Frase de {count} palabras; en este canal, hasta {limit}. "
                       "Divídela: una idea por frase")
        else:
            message = f"Sentence of {count} words; on this channel keep it to {limit}. Split it: one idea per sentence"
        return self.hit(start, end, message)
