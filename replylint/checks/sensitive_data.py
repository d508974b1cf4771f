from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..draft import Draft
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ._asks import AskMatcher
from ._phrases import alternation, phrases

DATA = "privacy"

# "(?<![\w+.,/-])\d", written with the look-behind after the digit so that the regex engine
# jumps from digit to digit
_CARD = re.compile(r"\d(?<![\w+.,/-].)(?:[ -]?\d){12,18}(?![\w])(?![.,/-]\d)")

MESSAGES = {
    "card": {
        "es": "Número de tarjeta completo en la respuesta: nunca lo escribas; usa solo los últimos 4 dígitos",
        "en": "Full card number in the reply: never write it; use the last 4 digits only",
    },
    "ask": {
        "es": "No pidas “{what}” en ningún canal: pedirlo es lo que hacen los fraudes",
        "en": "Never ask for “{what}” on any channel: that is what fraudsters ask for",
    },
}
SUGGESTIONS = {
    "es": ("Por tu seguridad, nunca compartas tu {what} con nadie, ni siquiera con nosotros.",),
    "en": ("For your security, never share your {what} with anyone, including us.",),
}


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, ch in enumerate(reversed(digits)):
        value = int(ch)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def masked(number: str) -> str:
    """Every digit but the last four replaced by ``*``, separators kept."""
    digits = sum(c.isdigit() for c in number)
    seen = 0
    out = []
    for ch in number:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > digits - 4 else "*")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class SensitiveDataOptions:
    card_prefixes: str = "23456"
    window: int = 8
    __option_docs__ = {
        "card_prefixes": "first digits of the card numbers to look for (2-6: Mastercard, Amex, Visa, Discover...)",
        "window": "most words between the request (\"compártenos\") and the secret it asks for",
    }


@lru_cache(maxsize=8)
def _asks(lang: str, window: int) -> AskMatcher:
    poss = alternation(phrases(DATA, lang, "possessives"))
    target = f"(?:{poss}\\s+)?(?P<pers>{alternation(phrases(DATA, lang, 'secrets'))})"
    return AskMatcher.build(DATA, lang, target, window)


class SensitiveData(Rule):
    """A full card number in the reply, or a request for a password, PIN or security code.

    Norm: the channel's reply is part of the brand's shop window ("El operador forma parte del
    escaparate de la marca", seed on multichannel agents, section 3) and "todo el mundo puede
    verlos" on social networks (section 7). Credentials are never requested on any channel:
    banks tell customers they will never ask for them, so a reply that does breaks that promise
    and reads like phishing (payment-card industry rule PCI DSS 3.2: the CVV is never stored or
    asked for after authorisation).

    Reports on every channel:

    - a card number: 13 to 19 digits (spaces or dashes between groups allowed), starting with one
      of ``card_prefixes`` and valid under the Luhn checksum;
    - a request ("compártenos", "¿nos das...?", "send us", "what is...") for a password, PIN,
      NIP, CVV/CVC, security or verification code, OTP/token, or the full card number.

    Not reported: warnings and promises ("nunca te pediremos tu NIP", "we will never ask for your
    password", "no compartas tu clave"), instructions that do not send the secret to the agent
    ("cambia tu contraseña en la app", "ingresa tu NIP en el cajero"), the last four digits of a
    card, phone numbers and other numbers that fail the checksum. Lists:
    ``rules/phrases/privacy.yaml`` (``secrets``).

    Fix: a card number is masked to its last four digits (``**** **** **** 1234``). A request
    for a secret has no fix; the suggestion is the standard warning.
    """

    id = "sensitive-data"
    summary = "A full card number, or asking for a password, PIN, CVV or verification code"
    severity = Severity.ERROR
    languages = frozenset({"es", "en"})
    sees_nonprose = True
    Options = SensitiveDataOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        lang = draft.lang if draft.lang in SUGGESTIONS else "en"
        text = draft.text
        for m in _CARD.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if not 13 <= len(digits) <= 19 or digits[0] not in self.options.card_prefixes:
                continue
            if len(set(digits)) == 1 or not luhn_valid(digits):
                continue
            span = draft.nonprose_at(m.start(), m.end())
            if span is not None and span.kind not in ("number", "code"):
                continue
            safe = masked(m.group())
            yield self.hit(m.start(), m.end(), MESSAGES["card"][lang], (safe,), (Edit(m.start(), m.end(), safe),))
        folded = draft.folded
        for ask in _asks(draft.lang, self.options.window).find(draft, folded):
            what = text[ask.start:ask.end]
            words = what.split()
            noun = " ".join(words[1:]) if len(words) > 1 and words[0].lower() in phrases(DATA, lang, "possessives") \
                else what
            yield self.hit(ask.request_start, ask.end, MESSAGES["ask"][lang].format(what=what),
                           tuple(s.format(what=noun) for s in SUGGESTIONS[lang]))
