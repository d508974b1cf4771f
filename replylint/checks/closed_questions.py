from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..draft import Draft, has_alnum
from ..findings import Severity
from ..rule import Hit, Rule
from ..textnorm import fold
from ._clauses import clause_start


# English: a question opening with an auxiliary is a yes/no question ("Did you…", "Is it…").
_EN_AUX = frozenset({
    "do", "does", "did", "is", "are", "was", "were", "am", "have", "has", "had", "can", "could", "will",
    "would", "should", "shall", "may", "might", "must", "isn't", "aren't", "wasn't", "weren't", "don't",
    "doesn't", "didn't", "haven't", "hasn't", "can't", "couldn't", "won't", "wouldn't", "shouldn't",
})
_EN_LEAD = frozenset({"so", "and", "but", "also", "ok", "okay", "hi", "hey", "then", "just", "oh", "sorry"})
# "Could you send us…" asks for an action, not for a yes or a no.
_EN_REQUEST_AUX = frozenset({"can", "could", "would", "will"})
_EN_REQUEST_VERBS = frozenset({
    "send", "dm", "share", "tell", "provide", "confirm", "follow", "give", "let", "reach", "try", "email",
    "e-mail", "call", "describe", "clarify", "explain", "forward", "reply", "contact", "please", "kindly",
    "pm", "message", "include", "drop", "shoot", "attach", "check", "fill", "verify", "update", "mind",
    "also", "just", "elaborate", "detail", "specify", "post", "screenshot", "advise", "help",
})
# Spanish: a question with an interrogative word is open; the accented forms ask anywhere
# ("¿Nos cuentas qué pasó?"), the unaccented ones (often written without the accent) only
# when they open the question ("¿como podemos ayudarte?").
_ES_QWORDS = frozenset({"que", "quien", "quienes", "cual", "cuales", "como", "cuando", "cuanto", "cuanta",
                        "cuantos", "cuantas", "donde", "adonde"})
_ES_ACCENTED = frozenset({"qué", "quién", "quiénes", "cuál", "cuáles", "cómo", "cuándo", "cuánto", "cuánta",
                          "cuántos", "cuántas", "dónde", "adónde"})
_ES_PREPS = frozenset({"a", "de", "en", "con", "por", "para", "desde", "hasta", "sobre", "y", "e", "o", "pero",
                       "entonces", "hola", "bueno", "ok"})
_ES_PREPS_MID = frozenset({"a", "de", "en", "con", "para", "hacia", "desde", "hasta", "sobre", "por"})
_ES_CLITICS = frozenset({"nos", "me", "le", "les", "te", "lo", "la", "se"})
_ES_MODALS = frozenset({"puedes", "podrias", "puede", "podria", "pudieras", "pudiera", "podrian", "pueden",
                        "podes", "quieres", "quisieras", "quiere", "quisiera", "gustas", "gustarias", "serias",
                        "seria", "ayudas", "ayudarias", "apoyas", "apoyarias"})
_ES_REQUEST = re.compile(
    r"^(?:envi|mand|compart|confirm|indic|proporcion|dic|cont|cuent|escrib|apoy|regal|facilit|detall|platic|"
    r"coment|ayud|describ|explic|mencion|hac|permit|segu|sig|llam|marc|contact|verific|revis|ampli|precis|"
    r"aclar|especific|brind|propor|da|dar|dej|regres|respond|adjunt|valid|corrobor|informa|inform|pas|apoy)"
)
_OPENING = frozenset("¿¡")
_CLOSING = frozenset("?!")
_ENDING = frozenset("!.…")
_MARK_CHARS = _OPENING | _CLOSING | _ENDING
_ES_SHORT = frozenset({"verdad", "si", "no", "ok", "vale", "cierto", "de acuerdo", "sale", "va"})


@dataclass(frozen=True)
class ClosedQuestionsOptions:
    max_closed: int = 1

    __option_docs__ = {"max_closed": "how many yes/no questions a reply may ask before it is reported"}


class ClosedQuestions(Rule):
    """Two or more yes/no questions in one reply: ask one open question instead.

    Norm: "hacerles muchas preguntas específicas o cerradas puede generar impaciencia. Lo
    mejor es proponerles un par de interrogantes abiertas, que no limiten sus respuestas a un
    sí o un no y les permitan explicar lo que necesitan solucionar" (seed on soft skills).

    A question is the stretch from its opening ``¿`` (or, without one, from the start of its
    clause) to its ``?``. It is open when it carries an interrogative word: in Spanish an
    accented one anywhere ("¿Nos cuentas qué pasó?") or an unaccented one at its head ("¿como
    te ayudamos?"); in English a wh-word or "how" anywhere. It is a choice, not a yes/no
    question, when it offers alternatives with "o"/"or". Requests phrased as questions are not
    counted: "¿Nos podrías enviar un DM?", "¿Me confirmas tu número?", "Could you send us your
    order number?". Every other question is closed: English questions headed by an auxiliary
    ("Did you…", "Can you see…", "Is it…"), Spanish questions without an interrogative word
    ("¿Ya intentaste reiniciar?"), tags ("¿verdad?", "right?").

    Reported on the second closed question (``max_closed`` sets how many are fine). No fix:
    merge them into one open question such as "¿Podrías contarnos qué ocurrió?".
    """

    id = "closed-questions"
    summary = "Several yes/no questions in one reply instead of one open question"
    severity = Severity.INFO
    Options = ClosedQuestionsOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        if draft.text.count("?") <= self.options.max_closed:
            return  # each question ends in at least one "?"
        closed = [(s, e) for s, e, words in self._questions(draft) if self._is_closed(draft.lang, words)]
        if len(closed) <= self.options.max_closed:
            return
        start, end = closed[self.options.max_closed]
        n = len(closed)
        if draft.lang == "es":
            message = (f"{n} preguntas de sí o no en una respuesta: mejor una pregunta abierta "
                       "que deje explicar al cliente")
            suggestions = ("¿Podrías contarnos qué ocurrió?", "¿Qué necesitas que revisemos?")
        else:
            message = f"{n} yes/no questions in one reply: ask one open question that lets the customer explain"
            suggestions = ("Could you tell us what happened?", "What would you like us to check?")
        yield self.hit(start, end, message, suggestions)

    # -- finding questions ------------------------------------------------------------------
    def _questions(self, draft: Draft):
        """(start, end, folded words) of every question in the draft."""
        texts, kinds, starts = draft.texts, draft.kinds, draft.starts
        for sent in draft.sentence_bounds:
            opened: list[int] = []  # token indexes of unmatched "¿"
            segment_start = sent.start
            for i in range(sent.start, sent.end):
                text = texts[i]
                if text[:1] not in _MARK_CHARS or kinds[i] is not None:
                    continue  # every mark token below starts with one of these characters
                if "¿" in text and set(text) <= _OPENING:
                    opened.append(i)
                    continue
                if not set(text) <= _CLOSING or "?" not in text:
                    if set(text) <= _ENDING:
                        segment_start = i + 1
                    continue
                opening = None
                if opened:
                    opening = opened.pop()
                    begin = opening + 1
                else:
                    begin = clause_start(draft, segment_start, i)
                words = [j for j in range(begin, i) if kinds[j] is None and has_alnum(texts[j])]
                segment_start = i + 1
                if not words:
                    continue
                start = starts[opening if opening is not None else words[0]]
                yield start, starts[i] + len(text), [texts[j].lower() for j in words]

    # -- classifying ------------------------------------------------------------------------
    def _is_closed(self, lang: str, words: list[str]) -> bool:
        return self._es_closed(words) if lang == "es" else self._en_closed(words)

    @staticmethod
    def _es_closed(lowered: list[str]) -> bool:
        if any(w in _ES_ACCENTED for w in lowered):
            return False
        words = [fold(w) for w in lowered]
        head = list(words)
        while head and head[0] in _ES_PREPS and len(head) > 1:
            head = head[1:]
        if head and head[0] in _ES_QWORDS:
            return False
        for before, word in zip(words, words[1:]):
            if before in _ES_PREPS_MID and (word in _ES_QWORDS - {"que", "como", "cuando"} or
                                            (word == "que" and before in ("hacia", "desde", "hasta", "con"))):
                return False  # "¿El depósito hacia que cuenta…?": an interrogative written without its accent
        if "por" in words and "que" in words and words.index("que") == words.index("por") + 1 and words[0] == "por":
            return False
        if "o" in words[1:] and words[-1] != "no":
            return False  # a choice: "¿En efectivo o con tarjeta?"
        rest = head
        while rest and rest[0] in _ES_CLITICS:
            rest = rest[1:]
        if rest:
            verb = rest[0]
            if verb in _ES_MODALS and len(rest) > 1 and (rest[1].endswith(("ar", "er", "ir")) or
                                                        re.search(r"(ar|er|ir)(nos|me|lo|la|los|las|le|les|melo|noslo)$", rest[1])
                                                        or rest[1] in _ES_CLITICS):
                return False
            if len(head) > len(rest) and _ES_REQUEST.match(verb) and verb.endswith(("as", "es", "is")):
                return False  # "¿Nos compartes tu número?", "¿Me confirmas…?"
        return True

    @staticmethod
    def _en_closed(words: list[str]) -> bool:
        joined = [w.replace("’", "'") for w in words]
        if any(w in ("what", "who", "whom", "whose", "which", "when", "where", "why", "how") for w in joined):
            return False
        if "or" in joined[1:] and joined[-1] != "not" and "or not" not in " ".join(joined):
            return False
        head = joined
        while len(head) > 1 and head[0] in _EN_LEAD:
            head = head[1:]
        if len(head) >= 3 and head[0] in _EN_REQUEST_AUX and head[1] == "you":
            verb = head[2]
            if verb in _EN_REQUEST_VERBS:
                return False
        if len(head) >= 2 and head[0] == "would" and head[1] == "you" and "mind" in head[2:4]:
            return False
        return True
