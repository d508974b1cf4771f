from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .. import nonprose
from ..draft import Draft
from ..findings import Severity
from ..rule import Hit, Rule
from ._asks import AskMatcher
from ._phrases import WORD_END, WORD_START, alternation, fold_same_length, phrases, word_regex

DATA = "privacy"

# National ID formats, on the original text (case-sensitive): CURP and RFC of a person (Mexico),
# DNI/NIF and NIE (Spain), RUT/RUN (Chile).
ID_FORMATS = re.compile(
    # the first character of every format, then its look-behind (no letter or digit before it):
    # starting with a character class, the regex engine skips from candidate to candidate
    r"[A-ZÑ&\d](?<![\w].)(?:"
    r"(?<=[A-Z])[AEIOUX][A-Z]{2}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[HMX][A-Z]{5}[A-Z0-9]\d"  # CURP
    r"|(?<=[A-ZÑ&])[A-ZÑ&]{3}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[A-Z0-9]{2}[A0-9]"  # RFC (person)
    r"|(?<=\d)\d{7}-?[TRWAGMYFPDXBNJZSQVHLCKE]"  # DNI / NIF
    r"|(?<=[XYZ])-?\d{7}-?[TRWAGMYFPDXBNJZSQVHLCKE]"  # NIE
    r"|(?<=\d)\d?\.\d{3}\.\d{3}-[\dkK]"  # RUT / RUN
    r")(?![\w])"
)
# What every ID format holds at most 4 characters after its start: six digits after a letter,
# "&" or "-" (CURP, RFC, NIE), eight digits (DNI) or "9.999." (RUT).
_ID_DIGITS = re.compile(r"\d(?:(?<=[-&A-ZÑ]\d)\d{5}|\d{7}|\.\d{3}\.)")
_VALUE_KINDS = (nonprose.NUMBER, nonprose.CODE, nonprose.EMAIL)
_MASKED = re.compile(r"[*•xX#]{2,}")
_FILLER = re.compile(r"^(?:[\s:=#,.\-–]|es|son|is|was|are|no|nº|num|numero|number|ending|termina|con|with)*$")

MESSAGES = {
    "ask": {
        "es": "En un canal público no pidas “{what}”: pide que te lo envíen por mensaje privado (DM)",
        "en": "Do not ask for “{what}” in public: ask the customer to send it by private message (DM)",
    },
    "show": {
        "es": "Dato personal a la vista en un canal público: “{what}”; pásalo a un mensaje privado",
        "en": "Personal data in a public reply: “{what}”; move it to a private message",
    },
}
SUGGESTIONS = {
    "es": ("Envíanos por mensaje privado (DM) tu {what}",),
    "en": ("Please send us your {what} by DM",),
}


@dataclass(frozen=True)
class PublicPersonalDataOptions:
    own_domains: tuple[str, ...] = ()
    min_digits: int = 5
    window: int = 8
    __option_docs__ = {
        "own_domains": "e-mail domains of your company: addresses there are never personal data",
        "min_digits": "digits a value after a label (\"tu celular 55...\") needs to count as shown data",
        "window": "most words between the request (\"compártenos\") and the data it asks for",
    }


@dataclass(frozen=True)
class _Compiled:
    asks: AskMatcher
    private: re.Pattern[str]
    labels: re.Pattern[str]
    address_labels: re.Pattern[str]
    role_email: re.Pattern[str]
    example_domains: frozenset[str]
    personal_domains: frozenset[str]


@lru_cache(maxsize=8)
def compiled(lang: str, window: int) -> _Compiled:
    poss = alternation(phrases(DATA, lang, "possessives"))
    target = (
        f"(?:{poss}\\s+)?(?P<pers>{alternation(phrases(DATA, lang, 'personal'))})"
        f"|(?P<poss>{poss})\\s+(?P<own>{alternation(phrases(DATA, lang, 'owned'))})"
    )
    return _Compiled(
        asks=AskMatcher.build(DATA, lang, target, window),
        private=word_regex(phrases(DATA, lang, "private")),
        labels=word_regex(phrases(DATA, lang, "labels")),
        address_labels=word_regex(phrases(DATA, lang, "address_labels")),
        role_email=re.compile(WORD_START + alternation(phrases(DATA, lang, "role_email")) + WORD_END),
        example_domains=frozenset(d.lower() for d in phrases(DATA, lang, "example_domains")),
        personal_domains=frozenset(d.lower() for d in phrases(DATA, lang, "personal_domains")),
    )


class PublicPersonalData(Rule):
    """Asking for, or showing, personal data on a public channel.

    Norm: replies on Twitter or a Facebook page are seen by everyone ("Cuando los operadores
    publican mensajes en las redes sociales, todo el mundo puede verlos"); agents must "identificar
    las situaciones durante las cuales deben guiar a los visitantes en privado" (seed on
    multichannel agents, section 7 "Sé un camaleón"). Personal data belongs in a private message.

    Runs only on channels whose profile says ``public: true`` (Twitter replies, Facebook comments,
    review replies). Reports:

    - a request for personal data: a request word ("compártenos", "¿nos indicas...?", "send us",
      "what's your...") followed in the same sentence by personal data ("tu número de cuenta",
      "tu correo", "CURP", "your email address", "order number");
    - personal data shown: an e-mail address at a personal e-mail provider (gmail, hotmail,
      yahoo...: ``personal_domains`` in the data file), unless it is a role address such as
      ``soporte@``; a national ID (CURP, RFC, DNI/NIF, NIE, RUT); a number or address with at least
      ``min_digits`` digits right after a label such as "tu celular", "número de cuenta", "your
      order", "tu correo"; the customer's street address after "tu domicilio".

    Not reported: requests when the reply names a private channel ("envíanos por DM tu número de
    pedido", "please DM us your order number", "...Please send this via DM") or links a form in
    the same sentence ("share your details here: https://..."); warnings ("nunca compartas tu
    número de cuenta"); questions about something else ("dinos si tu tarjeta llegó");
    destinations ("te enviamos un código a tu celular", "call us at the phone number below");
    case references ("número de folio", "ticket number"); masked values ("terminación 1234",
    "****1234"); the company's own phone numbers and addresses on its own domain (add more
    domains with ``own_domains``). Lists: ``rules/phrases/privacy.yaml``.

    No fix: moving a conversation to a private channel needs a new sentence by the agent.
    """

    id = "public-personal-data"
    summary = "Asking for or showing personal data on a public channel (ask by DM instead)"
    severity = Severity.ERROR
    languages = frozenset({"es", "en"})
    sees_nonprose = True
    Options = PublicPersonalDataOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        if not draft.channel.public:
            return
        data = compiled(draft.lang, self.options.window)
        folded = draft.folded
        lang = draft.lang if draft.lang in MESSAGES["ask"] else "en"
        reported: list[tuple[int, int]] = []

        def emit(start: int, end: int, kind: str, what: str, suggestions=()) -> Iterable[Hit]:
            if any(s < end and start < e for s, e in reported):
                return
            reported.append((start, end))
            yield self.hit(start, end, MESSAGES[kind][lang].format(what=what), suggestions)

        private_elsewhere = links = None
        for ask in data.asks.find(draft, folded):
            if private_elsewhere is None:
                private_elsewhere = data.private.search(folded) is not None
                links = draft.spans_of(nonprose.URL)
            if private_elsewhere or any(ask.sentence_start <= s.start < ask.sentence_end for s in links):
                continue
            what = draft.text[ask.start:ask.end]
            noun = re.sub(r"^\S+\s+", "", what) if what.split()[0].lower() in phrases(DATA, lang, "possessives") else what
            yield from emit(ask.request_start, ask.end, "ask", what,
                            tuple(s.format(what=noun) for s in SUGGESTIONS[lang]))
        yield from self._shown(draft, folded, data, emit)

    def _shown(self, draft: Draft, folded: str, data: _Compiled, emit) -> Iterable[Hit]:
        text = draft.text
        own = {d.lower().lstrip("@") for d in self.options.own_domains}
        for span in draft.spans_of(nonprose.EMAIL):
            address = text[span.start:span.end]
            local, _, domain = address.rpartition("@")
            domain = domain.lower()
            if domain in data.example_domains or any(domain == d or domain.endswith("." + d) for d in own):
                continue
            if domain not in data.personal_domains or data.role_email.search(fold_same_length(local)):
                continue
            yield from emit(span.start, span.end, "show", address)
        digits = _ID_DIGITS.search(text)
        if digits is not None:  # no ID starts more than 4 characters before its digits
            for m in ID_FORMATS.finditer(text, max(digits.start() - 4, 0)):
                yield from emit(m.start(), m.end(), "show", m.group())
        kinds = {span.kind for span in draft.spans}
        if kinds.isdisjoint(_VALUE_KINDS):
            return  # a label shows nothing without a value after it
        for label in data.labels.finditer(folded):
            value = self._value_after(draft, label.end(), _VALUE_KINDS)
            if value is not None:
                yield from emit(label.start(), value.end, "show", text[label.start():value.end])
        if nonprose.NUMBER not in kinds:
            return
        for label in data.address_labels.finditer(folded):
            sentence_end = next((s.end_char for s in draft.sentence_bounds if s.start_char <= label.start() < s.end_char),
                                len(text))
            for span in draft.spans_of(nonprose.NUMBER):
                if label.end() <= span.start < min(sentence_end, label.end() + 60):
                    yield from emit(label.start(), span.end, "show", text[label.start():span.end])
                    break

    def _value_after(self, draft: Draft, position: int, kinds: tuple[str, ...]):
        folded_gap_limit = 24
        for span in draft.spans:
            if span.start < position:
                continue
            if span.start - position > folded_gap_limit:
                return None
            gap = fold_same_length(draft.text[position:span.start])
            if not _FILLER.match(gap.strip() and " ".join(gap.split()) or ""):
                return None
            if span.kind not in kinds:
                return None
            value = draft.text[span.start:span.end]
            if span.kind != nonprose.EMAIL:
                if _MASKED.search(value) or sum(c.isdigit() for c in value) < self.options.min_digits:
                    return None
            return span
        return None
