from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Iterable

from ..draft import Draft
from ..pipeline import kind_of
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ..textnorm import fold

# Doubles that are grammatical ("had had", "that that") or a set expression ("bye bye", "jaja").
_ALLOWED = {
    "es": frozenset({"ja", "je", "ji", "jo", "jaja", "jeje", "bla", "tan", "din", "tic", "toc", "chao", "pum",
                     "cha", "plis", "mm"}),
    "en": frozenset({"had", "that", "bye", "ha", "haha", "hey", "no", "yes", "so", "bla", "blah", "knock",
                     "tick", "tock", "chop", "choo", "night", "hip", "mm", "well", "there", "is", "do"}),
}
# Emphatic doubles ("muy muy", "very very", "sí sí"): legitimate in speech, sloppy in writing.
_EMPHATIC = {
    "es": frozenset({"muy", "mucho", "mucha", "muchos", "muchas", "ya", "si", "no", "bien", "poco", "claro",
                     "gracias", "rapido", "mas", "nunca", "siempre", "super", "hola", "listo", "perfecto",
                     "vale", "ok", "porfa", "despacio", "pronto", "casi"}),
    "en": frozenset({"very", "really", "much", "so", "many", "more", "thanks", "thank", "super", "ok", "okay",
                     "sorry", "please", "hi", "hello", "great", "long", "far", "over", "again", "never"}),
}


@dataclass(frozen=True)
class RepeatedWordOptions:
    allow: tuple[str, ...] = ()

    __option_docs__ = {
        "allow": "more words whose doubling is intended (compared without case or accents)",
    }


class RepeatedWord(Rule):
    """The same word twice in a row ("el el", "the the"): a slip left by editing.

    Norm: proofread before sending. The seeds ask the agent "releer su mensaje y hacer todo lo
    posible para que no haya ningún error de ortografía o de gramática antes de mandar su
    respuesta" (seed on multichannel agents, section 5 "Sé reactivo"). A doubled word is one of
    the commonest slips of fast typing.

    Compared without case or accents and only when the two words are separated by spaces on
    the same line (never across punctuation: "no, no" and "muy, muy" are fine). Not reported:
    grammatical doubles ("had had", "that that"), set expressions ("bye bye", "jaja", "tan
    tan"), proper names written twice in capitals ("Bora Bora", "Walla Walla"), numbers and
    other non-prose text, and the words of the ``allow`` option. Emphatic doubles ("muy muy",
    "sí sí", "very very") are reported as information only, without a fix.

    Fix: delete the second copy and the space before it.
    """

    id = "repeated-word"
    summary = "The same word twice in a row (\"el el\", \"the the\")"
    severity = Severity.WARNING
    Options = RepeatedWordOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        allowed = _ALLOWED.get(draft.lang, frozenset()) | {fold(w) for w in self.options.allow}
        emphatic = _EMPHATIC.get(draft.lang, frozenset())
        if not _adjacent_equal_norms(draft):
            return
        text = draft.text
        previous = None
        for token in draft.tokens:
            if token.is_space:
                if "\n" in token.text or "\r" in token.text:
                    previous = None
                continue
            word = kind_of(token) is None and token.text.isalpha()
            if not word:
                previous = None
                continue
            if previous is not None:
                gap = text[previous.idx + len(previous.text):token.idx]
                if gap and gap.strip(" \t\u00a0") == "" and fold(previous.text) == fold(token.text):
                    key = fold(token.text)
                    proper = previous.text[:1].isupper() and token.text[:1].isupper()  # "Bora Bora", "C E R R"
                    if key not in allowed and not proper:
                        yield self._hit(draft, previous, token, key in emphatic)
            previous = token

    def _hit(self, draft: Draft, first, second, emphatic: bool) -> Hit:
        start = first.idx + len(first.text)
        end = second.idx + len(second.text)
        if draft.lang == "es":
            message = (f"“{second.text}” repetida" if not emphatic
                       else f"“{first.text} {second.text}”: la repetición enfática suena descuidada por escrito")
        else:
            message = (f"“{second.text}” repeated" if not emphatic
                       else f"“{first.text} {second.text}”: an emphatic double reads as careless in writing")
        if emphatic:
            return self.hit(first.idx, end, message, (first.text,), severity=Severity.INFO)
        return self.hit(first.idx, end, message, (first.text,), (Edit(start, end, ""),))


def _adjacent_equal_norms(draft: Draft) -> bool:
    """Whether two neighbouring tokens (spaces aside) have the same folded form: a cheap test
    that rules out almost every draft before the word-by-word walk."""
    norms, space = draft.norms, draft.is_space  # a token's NORM is its folded form
    if any(space):
        norms = [norm for norm, is_space in zip(norms, space) if not is_space]
    return any(map(operator.eq, norms, norms[1:]))
