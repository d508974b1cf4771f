from __future__ import annotations

import re
from typing import Iterable

from ..draft import Draft
from ..findings import Edit, Severity
from ..rule import Hit, Rule

_CLOSING_RUN = re.compile(r"[!?]{2,}")
_OPENING_RUN = re.compile(r"[¡¿]{2,}")
_OPENING = re.compile(r"[¡¿]+")
_CLOSING = re.compile(r"[!?]+")
# what every stack holds: two marks in a row (a class first lets the regex engine skip to candidates)
_TWO_MARKS = re.compile(r"[!?¡¿][!?¡¿]")
_PAIR = {"¿": "?", "¡": "!"}


class ExclamationStack(Rule):
    """Two or more ``!`` or ``?`` in a row (``!!``, ``!!!``, ``?!``, ``??``, ``¡¡``, ``¿¿``).

    Norm: one mark is enough; a stack reads as shouting, impatience or sarcasm ("El uso del signo
    de exclamación ... puede hacer pensar que es una respuesta agresiva", seed article on
    multichannel agents, section 4).

    Fix: a single mark. Spanish pairs stay balanced: in "¿De verdad?!" the closing run becomes
    "?" to match the opening "¿"; "¡¡Gracias!!" becomes "¡Gracias!"; a mixed opening run
    becomes the mark its sentence closes with ("¿¡Gracias!" -> "¡Gracias!").
    """

    id = "exclamation-stack"
    summary = "Stacked exclamation or question marks (!!, ?!, ¡¡)"
    severity = Severity.WARNING

    def check(self, draft: Draft) -> Iterable[Hit]:
        text = draft.text
        if not _TWO_MARKS.search(text):
            return
        bounds = [(s.start_char, s.end_char) for s in draft.sentence_bounds] or [(0, len(text))]
        for start, end in bounds:
            segment = text[start:end]
            opening = _OPENING.search(segment)
            chosen_open = None
            if opening:
                chosen_open = _opening_mark(opening.group(), segment, opening.end())
            for m in _OPENING_RUN.finditer(segment):
                mark = _opening_mark(m.group(), segment, m.end())
                yield self._hit(draft, start + m.start(), start + m.end(), m.group(), mark)
            for m in _CLOSING_RUN.finditer(segment):
                run = m.group()
                if chosen_open is not None and opening.start() < m.start():
                    mark = _PAIR[chosen_open]
                else:
                    mark = "?" if "?" in run else "!"
                yield self._hit(draft, start + m.start(), start + m.end(), run, mark)

    def _hit(self, draft: Draft, start: int, end: int, run: str, mark: str) -> Hit:
        message = self.say(draft, f"“{run}”: basta con un “{mark}”; varios seguidos se leen como un grito",
                           f"“{run}”: one “{mark}” is enough; a stack reads as shouting")
        return self.hit(start, end, message,
                        (mark,), (Edit(start, end, mark),))


def _opening_mark(run: str, segment: str, after: int) -> str:
    """The one opening mark a run of them becomes: itself when the run repeats one mark ("¡¡");
    for a mixed run ("¿¡"), the mark that pairs with the closing marks that follow ("¿¡Hola!" ->
    "¡"), so that the fixed sentence stays balanced; "¿" when they are mixed too."""
    if len(set(run)) == 1:
        return run[0]
    closing = _CLOSING.search(segment, after)
    if closing is not None and len(set(closing.group())) == 1:
        return "¡" if closing.group()[0] == "!" else "¿"
    return "¿"
