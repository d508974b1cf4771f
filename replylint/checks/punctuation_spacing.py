from __future__ import annotations

import re
from typing import Iterable

from ..draft import Draft
from ..findings import Edit, Severity
from ..rule import Hit, Rule

_SPACE_BEFORE = ("Sobra el espacio antes de “{next}”", "Space before “{next}”")
_SPACE_AFTER = ("Sobra el espacio después de “{prev}”", "Space after “{prev}”")
_MISSING_AFTER = ("Falta un espacio después de “{prev}”", "Missing space after “{prev}”")
_DOUBLED = ("Espacio doble", "Doubled space")
_MARK_AND_PERIOD = ("“{prev}.”: el “{prev}” ya cierra la oración", "“{prev}.”: the “{prev}” already ends the sentence")

# (pattern, (Spanish message, English message), replacement, needs). The replacement takes the
# place of the group "at" when the pattern has one, else of the whole match. Each pattern starts
# with the character it is about, so the regex engine skips straight to candidates. ``needs``
# finds something every match contains (a regex, or strings one of which it holds): a draft where
# it finds nothing is not scanned. Last: whether the pattern has the group "at".
_CHECKS: tuple[tuple[re.Pattern[str], tuple[str, str], str, re.Pattern[str] | tuple[str, ...], bool], ...] = tuple(
    (re.compile(pattern), messages, replacement, re.compile(needs) if isinstance(needs, str) else needs,
     "(?P<at>)" in pattern)
    for pattern, messages, replacement, needs in (
        (r"[ \t](?<=[^\s¿¡][ \t])[ \t]*(?=[,.;:](?![\w()/\[\]\-])|[!?])", _SPACE_BEFORE, "",
         r"[,.;:!?](?<=[ \t].)"),
        (r"[ \t](?<=[¿¡][ \t])[ \t]*(?=\S)", _SPACE_AFTER, "", r"[¿¡][ \t]"),
        (r"[,;](?P<at>)(?=[^\W\d_])", _MISSING_AFTER, " ", (",", ";")),
        (r":(?<=[^\W\d_]{2}:)(?P<at>)(?=[^\W\d_]{2})", _MISSING_AFTER, " ", (":",)),
        (r"[.!?](?<=[a-záéíóúñü]{2}[.!?])(?P<at>)(?=[¿¡]|[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü])", _MISSING_AFTER, " ",
         r"[.!?](?=[¿¡A-ZÁÉÍÓÚÑÜ])"),
        (r" (?<=\S )[ ]+(?=\S)", _DOUBLED, " ", ("  ",)),
        (r"\.(?<=[!?]\.)(?![.\w])", _MARK_AND_PERIOD, "", ("!.", "?.")),
    )
)


class PunctuationSpacing(Rule):
    """Spacing around punctuation: none before ``, . ; : ! ?``, none after ``¿ ¡``, one after ``, ; :``
    and after a sentence's ``.`` ``!`` ``?``, no doubled spaces, no ``?.`` or ``!.``.

    Norm: the seeds ask for replies free of spelling and typing errors ("Adquirir un buen nivel
    de escritura y ortografía", seed on empathy in support services; "hacer todo lo posible para
    que no haya ningún error de ortografía o de gramática antes de mandar su respuesta", seed on
    multichannel agents, section 5). Spacing slips are the most visible typing errors.

    Numbers, times, URLs, e-mails and emoticons such as ``:)`` are left alone. Fix: the spacing.
    """

    id = "punctuation-spacing"
    summary = "Wrong spacing around punctuation, doubled spaces, '?.' or '!.'"
    severity = Severity.WARNING

    def check(self, draft: Draft) -> Iterable[Hit]:
        text = draft.text
        for pattern, messages, replacement, needs, at in _CHECKS:
            if isinstance(needs, tuple):
                for part in needs:
                    if part in text:
                        break
                else:
                    continue
            elif needs.search(text) is None:
                continue
            message = None
            for m in pattern.finditer(text):
                start, end = m.span("at") if at else m.span()
                if draft.nonprose_at(max(start - 1, 0), min(end + 1, len(text))) is not None:
                    continue
                if message is None:
                    message = self.say(draft, *messages)
                prev = text[start - 1] if start > 0 else ""
                nxt = text[end] if end < len(text) else ""
                shown_start, shown_end = (start - 1, end + 1) if start == end else (start, end)
                shown_start, shown_end = max(shown_start, 0), min(shown_end, len(text))
                fixed = text[shown_start:start] + replacement + text[end:shown_end]
                yield self.hit(shown_start, shown_end, message.format(prev=prev, next=nxt),
                               (fixed,), (Edit(start, end, replacement),))
