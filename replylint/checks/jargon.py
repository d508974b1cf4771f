from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from spacy.matcher import PhraseMatcher

from ..draft import Draft
from ..packs import kept_matches
from ..findings import Severity
from ..rule import Hit, Rule

# term -> plain words. Internal words of support teams that customers do not use.
_DEFAULTS: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "SLA": ("plazo de respuesta",),
        "backoffice": ("el equipo interno", "el área que lo revisa"),
        "back office": ("el equipo interno", "el área que lo revisa"),
        "KYC": ("verificación de identidad",),
        "chargeback": ("reclamación del cargo",),
        "ETA": ("hora estimada de llegada", "fecha estimada"),
        "escalar": ("pasar a un especialista", "llevar al área responsable"),
        "escalamos": ("pasamos a un especialista",),
        "escalaremos": ("pasaremos a un especialista",),
        "escalé": ("pasé a un especialista",),
        "escalarlo": ("pasarlo a un especialista",),
        "escalarla": ("pasarla a un especialista",),
        "ha sido escalado": ("ya lo tiene un especialista",),
        "ha sido escalada": ("ya la tiene un especialista",),
        "fue escalado": ("ya lo tiene un especialista",),
        "fue escalada": ("ya la tiene un especialista",),
        "se escaló": ("pasó a un especialista",),
        "hemos escalado": ("hemos pasado a un especialista",),
        "levantar un ticket": ("registrar tu solicitud",),
        "levantamos un ticket": ("registramos tu solicitud",),
        "abrir un ticket": ("registrar tu solicitud",),
        "tipificar": ("registrar",),
        "tipificación": ("registro",),
        "tipificado": ("registrado",),
        "CRM": ("nuestro sistema",),
        "backend": ("nuestro sistema",),
        "nivel 2": ("un especialista",),
        "segundo nivel": ("un especialista",),
        "RMA": ("devolución",),
        "SKU": ("referencia del producto",),
        "FCR": ("resolver en el primer contacto",),
        "TAT": ("plazo",),
    },
    "en": {
        "SLA": ("response time",),
        "backoffice": ("our internal team",),
        "back office": ("our internal team",),
        "back-office": ("our internal team",),
        "KYC": ("identity check",),
        "chargeback": ("payment dispute",),
        "ETA": ("expected arrival time", "expected date"),
        "escalate": ("pass to a specialist",),
        "escalated": ("passed to a specialist",),
        "escalating": ("passing to a specialist",),
        "escalation": ("specialist review",),
        "raise a ticket": ("log your request",),
        "open a ticket": ("log your request",),
        "log a ticket": ("log your request",),
        "ticket ID": ("reference number",),
        "tier 2": ("a specialist",),
        "tier 1": ("our first team",),
        "L2": ("a specialist",),
        "CRM": ("our system",),
        "backend": ("our system",),
        "back end": ("our system",),
        "RMA": ("return",),
        "SKU": ("product code",),
        "FCR": ("fixing it in one contact",),
        "TAT": ("turnaround time",),
        "PNR": ("booking reference",),
    },
}
_EXCEPTIONS = {
    "es": ("escalar montañas", "escalar la montaña", "escalada deportiva"),
    "en": ("escalate quickly", "de-escalate"),
}


@dataclass(frozen=True)
class JargonOptions:
    terms: tuple[str, ...] = ()
    defaults: bool = True

    __option_docs__ = {
        "terms": "your team's internal terms, each 'term' or 'term = plain words' (e.g. 'RPA = verificación')",
        "defaults": "also report the built-in list of common support jargon",
    }


class Jargon(Rule):
    """Internal jargon in a reply ("SLA", "escalar", "backoffice", "KYC", "chargeback", "ETA").

    Norm: speak the customer's language. The seeds ask for "respuestas concretas y no dejar
    espacio para la interpretación" (seed on multichannel agents, section 4) and for a team
    exercise to find "las palabras que no suman ... y buscarán alternativas" (seed on soft
    skills); a term only the support team knows forces the customer to ask again.

    The built-in list holds terms common to support teams (SLA, back office, KYC, chargeback,
    ETA, escalating a case, opening/raising a ticket, CRM, tier 2, RMA, SKU...); most jargon is
    the brand's own, so teams add theirs with ``terms`` (``"RPA = verificación"``: the text
    after ``=`` becomes the suggestion) and may drop the built-in list with ``defaults: false``.
    Matching ignores case and accents. "Ticket" alone is not reported: it is also a receipt
    and a plane ticket. Suggestions give plain words; nothing is fixed automatically.
    """

    id = "jargon"
    summary = "Internal support jargon the customer may not know (SLA, escalar, backoffice)"
    severity = Severity.INFO
    Options = JargonOptions

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._compiled: dict[int, tuple] = {}

    def _terms(self, lang: str) -> dict[str, tuple[str, ...]]:
        terms = dict(_DEFAULTS.get(lang, {})) if self.options.defaults else {}
        for item in self.options.terms:
            term, _, plain = item.partition("=")
            if term.strip():
                terms[term.strip()] = tuple(p.strip() for p in plain.split("|") if p.strip())
        return terms

    def _matchers(self, draft: Draft):
        pipeline = draft.pipeline
        key = id(pipeline)
        if key not in self._compiled:
            matcher = PhraseMatcher(pipeline.nlp.vocab, attr="NORM")
            plain: dict[str, tuple[str, ...]] = {}
            for index, (term, suggestions) in enumerate(self._terms(pipeline.lang).items()):
                label = f"jargon#{index}"
                matcher.add(label, [pipeline.make_doc(term)])
                plain[label] = suggestions
            exceptions = PhraseMatcher(pipeline.nlp.vocab, attr="NORM")
            for phrase in _EXCEPTIONS.get(pipeline.lang, ()):
                exceptions.add("exception", [pipeline.make_doc(phrase)])
            self._compiled[key] = (matcher, plain, exceptions)
        return self._compiled[key]

    def check(self, draft: Draft) -> Iterable[Hit]:
        matcher, plain, exceptions = self._matchers(draft)
        doc = draft.doc
        for span, label in kept_matches(doc, matcher(doc), exceptions, lambda kind: kind is not None):
            suggestions = plain.get(label, ())
            if draft.lang == "es":
                message = f"Jerga interna: “{span.text}”. Usa palabras del cliente"
            else:
                message = f"Internal jargon: “{span.text}”. Use the customer's words"
            if suggestions:
                message += f" (“{suggestions[0]}”)"
            yield self.hit(span.start_char, span.end_char, message, suggestions)
