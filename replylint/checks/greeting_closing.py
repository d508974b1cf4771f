from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..draft import Draft
from ..findings import Severity
from ..rule import Hit, Rule
from ._phrases import WORD_END, alternation, phrases

DATA = "greetings"
_LEADING = re.compile(r"^(?:\s*@\w{1,30}[,:]?)*\s*")
_LINES = re.compile(r"[^\r\n]+")

MESSAGES = {
    "greeting": {
        "es": "La respuesta no empieza con un saludo (“Hola, {{nombre}}:”, “Buenos días”) en {channel}",
        "en": "The reply does not start with a greeting (“Hi {{name}},”, “Hello”) on {channel}",
    },
    "closing": {
        "es": "La respuesta no termina con una despedida (“Un saludo”, “Quedamos atentos”) en {channel}",
        "en": "The reply does not end with a sign-off (“Best regards”, “Thanks”) on {channel}",
    },
}


@lru_cache(maxsize=8)
def _start_pattern(lang: str) -> re.Pattern[str]:
    return re.compile(r"[^\w]*" + alternation(phrases(DATA, lang, "greetings")) + WORD_END)


@lru_cache(maxsize=8)
def _closing_pattern(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + alternation(phrases(DATA, lang, "closings")) + WORD_END)


def _lines(text: str) -> list[tuple[int, int]]:
    result = []
    for m in _LINES.finditer(text):
        stripped = m.group().strip()
        if stripped:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            result.append((start, start + len(stripped)))
    return result


class Greeting(Rule):
    """A reply that does not open with a greeting, on channels that expect one (e-mail).

    Norm: the agent must "dominar los usos y costumbres de la atención al cliente desde el saludo
    al cliente [...] hasta la conclusión de la conversación" (seed on multichannel agents, section
    2 "Sigue siendo profesional"). An e-mail without "Hola" or "Estimada Ana" reads as cold and
    automatic.

    Off by default; the shipped ``email`` profile turns it on (``rules: {greeting: warning}`` in
    ``rules/channels.yaml``). Enable it for another channel with ``channels: {chat: {rules:
    {greeting: info}}}``. The first words of the reply (after a leading @mention) must be one of
    the greetings in ``rules/phrases/greetings.yaml`` ("Hola", "Buenos días", "Estimada",
    "Hi", "Hello", "Dear"). A greeting later in the text does not count.

    No fix: the greeting needs the customer's name and the right register.
    """

    id = "greeting"
    summary = "No greeting at the start of the reply (on for e-mail)"
    severity = Severity.WARNING
    languages = frozenset({"es", "en"})
    enabled_by_default = False

    def check(self, draft: Draft) -> Iterable[Hit]:
        text = draft.text
        lead = _LEADING.match(text)
        start = lead.end() if lead else 0
        if start >= len(text):
            return
        if _start_pattern(draft.lang).match(draft.folded, start):
            return
        line_end = next((e for s, e in _lines(text) if e > start), len(text))
        sentence_end = next((s.end_char for s in draft.sentence_bounds if s.end_char > start), line_end)
        end = min(line_end, sentence_end)
        yield self.hit(start, end, MESSAGES["greeting"][draft.lang].format(channel=draft.channel.name),
                       phrases(DATA, draft.lang, "greeting_suggestions"))


@dataclass(frozen=True)
class ClosingOptions:
    lines: int = 3
    __option_docs__ = {"lines": "how many of the last non-empty lines may hold the sign-off"}


class Closing(Rule):
    """A reply that does not end with a sign-off, on channels that expect one (e-mail).

    Norm: customer-service manners run "desde el saludo al cliente [...] hasta la conclusión de
    la conversación" (seed on multichannel agents, section 2 "Sigue siendo profesional"); an
    e-mail closes with a sign-off ("Un saludo", "Quedamos atentos", "Best regards").

    Off by default; the shipped ``email`` profile turns it on (``rules: {closing: warning}`` in
    ``rules/channels.yaml``). One of the sign-offs in ``rules/phrases/greetings.yaml`` must appear
    in the last ``lines`` non-empty lines (so "Un saludo,\\nAna" and "Gracias por tu paciencia."
    both count). For a one-line reply, its last two sentences are checked.

    No fix: the sign-off depends on the team's register.
    """

    id = "closing"
    summary = "No sign-off at the end of the reply (on for e-mail)"
    severity = Severity.WARNING
    languages = frozenset({"es", "en"})
    enabled_by_default = False
    Options = ClosingOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        text = draft.text
        lines = _lines(text)
        if not lines:
            return
        sentences = draft.sentence_bounds
        if len(lines) == 1 and len(sentences) > 1:
            window = (sentences[-min(2, len(sentences))].start_char, lines[-1][1])
        else:
            window = (lines[-min(self.options.lines, len(lines))][0], lines[-1][1])
        if _closing_pattern(draft.lang).search(draft.folded, window[0], window[1]):
            return
        start, end = lines[-1]
        if len(lines) == 1 and sentences:
            start = max(start, sentences[-1].start_char)
        yield self.hit(start, end, MESSAGES["closing"][draft.lang].format(channel=draft.channel.name),
                       phrases(DATA, draft.lang, "closing_suggestions"))
