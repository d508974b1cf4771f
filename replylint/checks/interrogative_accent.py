from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from spacy.tokens import Token

from ..draft import Draft
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ..textnorm import fold
from .closed_questions import _ES_ACCENTED, _ES_QWORDS

# unaccented question word -> accented form ("cuando" -> "cuándo")
_ACCENT = {fold(w): w for w in _ES_ACCENTED}
assert set(_ACCENT) == set(_ES_QWORDS)

# where a question word may begin in the folded text (one character taken: "adonde" and the
# "donde" it holds are both found)
_MAYBE = re.compile(r"q(?=u[ei])|c(?=ua[lnt]|omo)|d(?=onde)|a(?=donde)")
assert all(_MAYBE.match(w) for w in _ACCENT)
_OPENING = frozenset("¿¡")
_CLOSING = frozenset("?!.…")
_PREPS = frozenset({"a", "de", "en", "con", "por", "para", "desde", "hasta", "hacia", "sobre", "entre"})
_CLITICS = frozenset({"me", "te", "se", "le", "les", "lo", "la", "los", "las", "nos", "os"})
# Verbs that introduce an indirect question (folded forms): those that ask or know
# (saber, preguntar, averiguar, entender, comprender, explicar, decir, contar) and, only
# before an infinitive ("te indicamos qué hacer"), those that show or point out.
_DECIR_CONTAR = (r"dig(?:o|a|as|an|amos|ame|anos|ale|ales)|dij(?:e|o|iste|imos|eron)|"
                 r"dec(?:ir|imos|ia|irte|irle|irnos|irme)|dime|dinos|dile|diganos|digame|"
                 r"cuent(?:ame|anos|enos|ale|eme|o)|cont(?:ar|amos|aste|ame|anos|arnos|arte|arle)")
_INTRO_ASK = re.compile(r"^(?:(?:sab|pregunt|averigu|entend|entiend|comprend|explic|imagin)[a-z]*|"
                        + _DECIR_CONTAR + r")$")
_INTRO = re.compile(r"^(?:(?:sab|pregunt|averigu|entend|entiend|comprend|explic|imagin|indic|ensen|"
                    r"mostr|muestr|confirm|aclar|especific|orient|ayud)[a-z]*|" + _DECIR_CONTAR + r")$")
_SABER_PRESENT = frozenset({"se", "sabe", "sabes", "sabemos", "saben", "sabeis"})
# "como" that compares or refers back: "como te comenté", "como sabes", "como siempre"
_COMO_BACKREF = re.compile(
    r"^(?:coment|dij|dec|mencion|indic|expli|inform|acord|habl|sab|ve|vi|quier|gust|prefier|"
    r"siempre|antes|ya|usted|tu|mencion|platic|pediste|pidio|solicit|alternativa|parte|opcion|"
    r"cliente|titular|referencia|ejemplo|medida|prueba|comprobante|resultado)")
# exclamative "qué" is followed by an adjective, adverb or noun ("¡Qué bien!", "¡Qué buena
# noticia!"); desiderative "que" by a verb or pronoun ("¡Que tengas buen día!")
_EXCLAMATIVE_NEXT = frozenset("""
bien mal bueno buena buenos buenas malo mala gusto pena lastima alegria padre genial increible
rico rica bonito bonita lindo linda amable rapido rapida pronto horror susto raro rara extrano
emocion suerte maravilla barbaro chido excelente triste feo fea dificil facil interesante sorpresa
gran grande mejor peor tal lio rollo detalle verguenza coraje gracia amor nervios
""".split())
# frequent present subjunctives: "cuando llegue" is a time clause, not a question
_SUBJUNCTIVE = frozenset("""
llegue llegues lleguen puedas pueda puedan podamos tengas tenga tengan tengamos recibas reciba
reciban quieras quiera quieran este estes esten sea seas sean haya hayas hayan termine termines
terminen salga salgas salgan vuelva vuelvas vuelvan vengas venga vengan necesites necesite
necesiten gustes guste gusten desees desee deseen hagas haga hagan veas vea vean tengas pase pases
pasen confirmes confirme confirmen respondas responda respondan
""".split())
_INFINITIVE = re.compile(r"^[a-zñ]{2,}(?:ar|er|ir)(?:(?:me|te|se|nos|os)?(?:lo|la|los|las|le|les)?)$")
_NOT_INFINITIVE = frozenset("""
lugar hogar mujer ayer taller placer celular particular popular similar regular familiar titular
auxiliar militar singular par mar bar mejor peor primer tercer poder deber
""".split())


def _is_infinitive(word: str) -> bool:
    w = fold(word)
    return w not in _NOT_INFINITIVE and bool(_INFINITIVE.match(w))


def _match_case(original: str, accented: str) -> str:
    if original.isupper() and len(original) > 1:
        return accented.upper()
    if original[:1].isupper():
        return accented[:1].upper() + accented[1:]
    return accented


class InterrogativeAccent(Rule):
    """Question and exclamation words without their accent: "¿Cuando llega?" → "¿Cuándo llega?".

    Norm: qué, quién, cuál, cómo, cuándo, cuánto, dónde and adónde carry a written accent when
    they ask or exclaim, in direct questions and exclamations ("¿Cómo puedo ayudarte?", "¡Qué
    bien!") and in indirect ones ("No sé qué pasó", "Te explico cómo hacerlo") (RAE,
    *Ortografía* 2010, 3.4.3.2; the seeds ask for replies without spelling errors: "para que no
    haya ningún error de ortografía", seed on multichannel agents, section 5).

    Reported, with a fix:

    * the unaccented word at the head of a question (after ``¿``, possibly after a preposition:
      "¿a que hora…?", "¿por que…?"; or opening a sentence or clause that ends in ``?``),
      unless it starts a time or comparison clause ("¿Cuando llegue el paquete, me avisas?",
      "¿Como te comenté, ya llegó?");
    * exclamative "que"/"cuanto"/"como no" at the head of an exclamation when an adjective,
      adverb or noun follows ("¡Que bien!", "¡Cuanto tiempo!"), not the wish "¡Que tengas
      buen día!";
    * in an indirect question, the word right after a verb of knowing, asking or telling
      (saber, preguntar, decir, explicar, entender, indicar, contar…) followed by an infinitive
      ("no sé que hacer"), and "que" after present negated saber ("no sé que pasó").

    Reported without a fix (a human decides): cómo, cuándo, dónde, cuánto, quién, cuál right
    after such a verb ("Te explico como funciona"), unless a subjunctive follows ("Dime cuando
    puedas"). Never touched: the conjunction and relatives ("creo que", "sabemos que es
    molesto", "como te comenté", "avísame cuando llegue").
    """

    id = "interrogative-accent"
    summary = "Question word without its accent in a question or exclamation (¿cuándo?, ¡qué bien!)"
    severity = Severity.WARNING
    languages = frozenset({"es"})

    def check(self, draft: Draft) -> Iterable[Hit]:
        folded = draft.folded
        if _MAYBE.search(folded) is None:
            return
        texts, kinds, starts = draft.texts, draft.kinds, draft.starts
        n = len(starts)
        # the prose words that are question words without their accent, in order
        if not draft.aligned:  # a doc of another text
            candidates = [i for i, (word, kind) in enumerate(zip(texts, kinds))
                          if kind is None and word.lower() in _ACCENT]
        else:  # only tokens starting where the folded text spells a question word
            candidates = []
            for m in _MAYBE.finditer(folded):
                at = m.start()
                i = bisect_left(starts, at)
                while i < n and starts[i] == at:
                    if kinds[i] is None and texts[i].lower() in _ACCENT:
                        candidates.append(i)
                    i += 1
        if not candidates:
            return
        doc, tokens = draft.doc, draft.tokens
        heads = self._question_heads(draft, candidates)
        for i in candidates:
            word = texts[i]
            key = word.lower()
            kind = heads.get(i)
            if kind is not None:
                fix = self._direct(doc, tokens[i], key, kind)
            else:
                fix = self._indirect(draft, i, key)
            if fix is None:
                continue
            token = tokens[i]
            accented = _match_case(word, _ACCENT[key])
            if kind == "!":
                message = f"«{word}» exclamativo lleva tilde: «{accented}»"
            elif kind == "?":
                message = f"«{word}» interrogativo lleva tilde: «{accented}»"
            else:
                message = f"«{word}» introduce una pregunta indirecta y lleva tilde: «{accented}»"
            start, end = token.idx, token.idx + len(word)
            yield self.hit(start, end, message, (accented,), (Edit(start, end, accented),) if fix else None)

    # -- direct questions and exclamations ----------------------------------------------------
    @staticmethod
    def _question_heads(draft: Draft, candidates: list[int]) -> dict[int, str]:
        """Token index of the first word of every question ("?") or exclamation ("!"),
        and of the word after a preposition that opens one ("¿a que hora?"), in the sentences
        that hold one of the ``candidates`` (sorted token indexes)."""
        heads: dict[int, str] = {}
        texts, text, space = draft.texts, draft.text, draft.is_space
        aligned = draft.aligned
        for sent in draft.sentence_bounds:
            first = bisect_left(candidates, sent.start)
            if first == len(candidates) or candidates[first] >= sent.end:
                continue  # no question word here: its heads are never looked up
            chunk = text[sent.start_char:sent.end_char]
            opened = "¿" in chunk or "¡" in chunk
            if aligned and not opened and "?" not in chunk and "!" not in chunk:
                continue  # no mark: neither an opening one nor a closing "?" or "!"
            toks = [i for i in range(sent.start, sent.end) if not space[i]]
            closing = next((texts[i] for i in reversed(toks) if set(texts[i]) <= _CLOSING), "")
            bare = not opened and ("?" in closing or "!" in closing)
            for k, i in enumerate(toks):
                t = texts[i]
                head = None
                if set(t) <= _OPENING:
                    head = "?" if "¿" in t else "!"
                elif bare and (k == 0 or texts[toks[k - 1]] in (",", ";", ":")):
                    head = "?" if "?" in closing else "!"
                    k -= 1
                if head is None:
                    continue
                j = k + 1
                if j < len(toks):
                    after = texts[toks[j]].lower()
                    if after in _PREPS and after != "entre":
                        if j + 1 < len(toks) and texts[toks[j + 1]].lower() in _ACCENT:
                            heads[toks[j + 1]] = head
                    heads.setdefault(toks[j], head)
        return heads

    @staticmethod
    def _next_words(doc, token: Token, n: int = 4) -> list[str]:
        out = []
        i = token.i + 1
        while i < len(doc) and len(out) < n:
            t = doc[i]
            if t.is_punct or t.is_space:
                if t.text in (",", ";", ":", "?", "!", ".", "…"):
                    out.append(t.text)
                    if t.text != ",":
                        break
            else:
                out.append(fold(t.text))
            i += 1
        return out

    def _direct(self, doc, token: Token, key: str, kind: str) -> bool | None:
        nxt = self._next_words(doc, token)
        first = nxt[0] if nxt else ""
        if kind == "!":
            if key == "que":
                return True if (first in _EXCLAMATIVE_NEXT or first.endswith(("isimo", "isima"))
                                or "tan" in nxt[1:3] or "mas" in nxt[1:3]) else None
            if key.startswith("cuant"):
                return True if first and first not in _CLITICS | {"de"} or first in ("lo", "la") else None
            if key == "como":
                return True if first == "no" and (len(nxt) < 2 or nxt[1] in ("!", ",", ".")) else None
            return None
        # question
        if not first or first in ("?", ",", "!"):
            return True if first else None
        if key in ("cuando", "como", "donde", "cuanto", "cuanta", "cuantos", "cuantas"):
            verb = next((w for w in nxt if w not in _CLITICS), "")
            if verb in _SUBJUNCTIVE:
                return None
        if key == "como":
            verb = next((w for w in nxt if w not in _CLITICS), "")
            if _COMO_BACKREF.match(verb) or verb == "si":
                return None
        if key == "que" and token.i > 0 and set(doc[token.i - 1].text) <= set("¿¡") and \
                first in ("si", "no") and len(nxt) > 1 and nxt[1] != "?":
            return None  # "¿Que si lo recibí?" relays a question: conjunction
        return True

    # -- indirect questions -------------------------------------------------------------------
    def _indirect(self, draft: Draft, index: int, key: str) -> bool | None:
        """None: not an indirect question; True: fix; False: report only (the word at token
        ``index``)."""
        texts, space = draft.texts, draft.is_space
        i = index - 1
        while i >= 0 and space[i]:
            i -= 1
        if i >= 0 and texts[i].lower() in _PREPS and texts[i].lower() != "entre":
            i -= 1  # "no sé por que", "pregúntale a quien"
        while i >= 0 and texts[i].lower() in _CLITICS:
            i -= 1
        if i < 0:
            return None
        verb_text = texts[i].lower()
        if verb_text != "sé" and (verb_text == "se" or not _INTRO.match(fold(verb_text))):
            return None
        doc = draft.doc
        if draft.kinds[i] is not None or doc[i].is_punct:
            return None
        verb = fold(verb_text)
        token = draft.tokens[index]
        nxt = self._next_words(doc, token, 3)
        first = nxt[0] if nxt else ""
        if first and _is_infinitive(first):
            return True
        verb_after = next((w for w in nxt if w not in _CLITICS), "")
        if not _INTRO_ASK.match(verb) and verb_text != "sé":
            return None
        if key == "que":
            negated = i > 0 and doc[i - 1].text.lower() == "no"
            if negated and (verb_text == "sé" or verb in _SABER_PRESENT - {"se"}) and verb_after not in _SUBJUNCTIVE:
                return True
            return None
        if verb_after in _SUBJUNCTIVE or first in ("si", "siempre", ","):
            return None
        if key == "como" and (_COMO_BACKREF.match(first) and first not in ("ve",)):
            return None
        if key == "cuando" and not verb.startswith(("sab", "pregunt", "averigu")) and verb_text != "sé":
            return None   # "te indican cuando te comunicas": a time clause
        return False
