from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from ..draft import Bounds, Draft, has_letter
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ._clauses import clause_start

_OPEN_FOR = {"?": "¿", "!": "¡"}
_MARK = re.compile("[¿¡?!]")


class InvertedMarks(Rule):
    """Spanish questions and exclamations open with ``¿`` and ``¡``.

    Norm: Spanish orthography (RAE, *Ortografía* 2010, 3.4.2) writes the opening mark at the
    start of the question or exclamation, which need not be the start of the sentence: "Hola,
    ¿cómo estás?". Missing opening marks are among the most frequent errors in real support
    replies, and the seeds ask for replies without spelling or grammar errors ("hacer todo lo
    posible para que no haya ningún error de ortografía", seed on multichannel agents, section 5).

    A question or exclamation with no opening mark is reported with a fix that inserts it at
    the start of its clause (after the last comma, semicolon or colon; a trailing tag such as
    ", por favor?" belongs to the clause before it). An opening mark that is never closed is
    reported without a fix: where the question ends needs a human.
    """

    id = "inverted-marks"
    summary = "Spanish question or exclamation without its opening ¿ or ¡ (or never closed)"
    severity = Severity.WARNING
    languages = frozenset({"es"})

    def check(self, draft: Draft) -> Iterable[Hit]:
        text = draft.text
        if "?" not in text and "!" not in text and "¿" not in text and "¡" not in text:
            return
        aligned = draft.aligned
        for sent in draft.sentence_bounds:
            if not aligned:
                yield from self._check_sentence(draft, sent, range(sent.start, sent.end))
            elif _MARK.search(text, sent.start_char, sent.end_char) is not None:
                yield from self._check_sentence(draft, sent, self._mark_tokens(draft, sent))

    def _check_sentence(self, draft: Draft, sent: Bounds, indexes: Iterable[int]) -> Iterable[Hit]:
        """``indexes``: the tokens of ``sent`` that may be marks, in order."""
        segment_start = sent.start  # token index where the current question/exclamation may begin
        open_marks: list[tuple[str, int]] = []  # (mark, char offset) not yet closed
        texts, kinds, starts = draft.texts, draft.kinds, draft.starts
        for i in indexes:
            if kinds[i] is not None:
                continue
            text = texts[i]
            if text and set(text) <= set("¿¡"):
                for offset, mark in enumerate(text):
                    open_marks.append((mark, starts[i] + offset))
                continue
            if not text or not set(text) <= set("?!"):
                continue
            closing = "?" if "?" in text else "!"
            pairs = {_OPEN_FOR[c] for c in text}
            opened = [k for k, (mark, _) in enumerate(open_marks) if mark in pairs]
            if opened:
                del open_marks[opened[-1]]
            else:
                insert_at = self._clause_start(draft, segment_start, i)
                if insert_at is not None:
                    mark = _OPEN_FOR[closing]
                    kind = "la pregunta" if closing == "?" else "la exclamación"
                    end = starts[i] + len(text)
                    yield self.hit(insert_at, end, f"Falta el signo de apertura “{mark}” de {kind}",
                                   (mark + draft.text[insert_at:end],), (Edit(insert_at, insert_at, mark),))
            segment_start = i + 1
        for mark, offset in open_marks:
            closing = "?" if mark == "¿" else "!"
            yield self.hit(offset, offset + 1, f"“{mark}” abierto y nunca cerrado con “{closing}”")

    @staticmethod
    def _mark_tokens(draft: Draft, sent: Bounds) -> list[int]:
        """The indexes of the tokens of ``sent`` that begin with a mark (the only ones that can
        be made of marks), in order."""
        starts = draft.starts
        found = []
        for m in _MARK.finditer(draft.text, sent.start_char, sent.end_char):
            i = bisect_left(starts, m.start(), sent.start, sent.end)
            while i < sent.end and starts[i] == m.start():
                found.append(i)
                i += 1
        return found

    @staticmethod
    def _clause_start(draft: Draft, first: int, mark_index: int) -> int | None:
        """Where to insert the opening mark: the first word of the clause, or None if none."""
        texts, kinds, space = draft.texts, draft.kinds, draft.is_space
        if not any(has_letter(texts[i]) for i in range(first, mark_index) if not space[i]):
            return None
        begin = clause_start(draft, first, mark_index)
        for i in range(begin, mark_index):
            if space[i]:
                continue
            text, kind = texts[i], kinds[i]
            if kind in ("mention", "emoji") or text in ("\"", "«", "“", "'"):
                continue
            if any(c.isalpha() or c.isdigit() for c in text) or kind is not None:
                return draft.starts[i]
        return None
