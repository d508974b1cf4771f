from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..draft import Draft
from ..errors import ConfigError
from ..findings import Edit, Severity
from ..rule import Hit, Rule

DEFAULT_PATTERN = r"(?:^|[\s.!?])[-–—^*~/]\s?[A-ZÁÉÍÓÚÑ]{2,3}$"


@lru_cache(maxsize=32)
def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"rule 'signature' option 'pattern' is not a valid regular expression: {exc}") from None


@dataclass(frozen=True)
class SignatureOptions:
    pattern: str = DEFAULT_PATTERN
    signature: str = ""
    __option_docs__ = {
        "pattern": "regular expression the end of the reply must match (searched in the text without "
                   "trailing spaces; $ is the end)",
        "signature": "the agent's own signature (\"-JM\"): when set, --fix appends it",
    }


class Signature(Rule):
    """A reply that does not end with the agent's signature, where the team signs its replies.

    Norm: "En Twitter, puede firmar sus tuits para mostrar que es una persona y no simplemente
    un chatbot que responde de manera automática para la marca" (seed on multichannel agents,
    section 1 "Sigue siendo natural"). Many teams sign public replies with the agent's initials
    ("-JM", "^AB", "*XX").

    Off by default and on in no shipped profile: signing is a team's decision. Turn it on for a
    channel in the config, with the team's pattern::

        channels:
          twitter:
            rules:
              signature: {severity: warning, pattern: '\\^[A-Z]{2}$'}

    ``pattern`` is a regular expression searched in the reply (trailing spaces removed); the
    default accepts initials after a dash, caret, asterisk, tilde or slash at the very end
    ("...gracias. -JM", "...^AB"). The finding covers the last line.

    Fix: only when the agent's own ``signature`` is configured (``signature: "-JM"``, e.g. in a
    personal config); it is appended after a space.
    """

    id = "signature"
    summary = "Reply not signed with the team's signature pattern"
    severity = Severity.WARNING
    enabled_by_default = False
    sees_nonprose = True
    Options = SignatureOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        text = draft.text
        body = text.rstrip()
        if not body:
            return
        if _compile(self.options.pattern).search(body):
            return
        line_start = max(body.rfind("\n"), body.rfind("\r")) + 1
        while line_start < len(body) and body[line_start].isspace():
            line_start += 1
        fix = None
        suggestions: tuple[str, ...] = ()
        if self.options.signature:
            suggestions = (f"{body[line_start:]} {self.options.signature}",)
            fix = (Edit(len(body), len(body), f" {self.options.signature}"),)
        yield self.hit(line_start, len(body), self.say(
            draft, f"Firma la respuesta: en este canal el agente cierra con su firma (patrón {self.options.pattern})",
            f"Sign the reply: the channel asks agents to end with their signature (pattern {self.options.pattern})"),
            suggestions, fix)
