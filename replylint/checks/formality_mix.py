from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Optional

from ..draft import Draft
from ..findings import Severity
from ..rule import Hit, Rule
from ..textnorm import fold

# Evidence classes: forms shared by tú and vos, forms of tú only, of vos only, of usted.
INFORMAL, TU, VOS, USTED = "informal", "tu", "vos", "usted"

# Imperative / present subjunctive pairs (tú imperative, usted form), written with their accents.
_PAIRS = [
    ("envía", "envíe"), ("contacta", "contacte"), ("llama", "llame"), ("indica", "indique"), ("manda", "mande"),
    ("ayuda", "ayude"), ("cuenta", "cuente"), ("deja", "deje"), ("confirma", "confirme"),
    ("comunica", "comunique"), ("proporciona", "proporcione"), ("regala", "regale"), ("apoya", "apoye"),
    ("platica", "platique"), ("marca", "marque"), ("busca", "busque"), ("verifica", "verifique"),
    ("detalla", "detalle"), ("comenta", "comente"), ("acompaña", "acompañe"), ("disculpa", "disculpe"),
    ("explica", "explique"), ("perdona", "perdone"), ("visita", "visite"), ("avisa", "avise"),
    ("notifica", "notifique"), ("comparte", "comparta"), ("escribe", "escriba"), ("permite", "permita"),
    ("describe", "describa"), ("sigue", "siga"), ("di", "diga"), ("haz", "haga"), ("pon", "ponga"),
    ("ten", "tenga"), ("ven", "venga"), ("espera", "espere"), ("revisa", "revise"), ("valida", "valide"),
    ("agrega", "agregue"), ("acerca", "acerque"), ("dirige", "dirija"), ("queda", "quede"),
    ("tranquiliza", "tranquilice"), ("calma", "calme"), ("relaja", "relaje"), ("mira", "mire"),
    ("checa", "cheque"), ("prueba", "pruebe"), ("intenta", "intente"), ("ingresa", "ingrese"),
    ("entra", "entre"), ("descarga", "descargue"), ("actualiza", "actualice"), ("llena", "llene"),
    ("completa", "complete"), ("elige", "elija"), ("selecciona", "seleccione"), ("recuerda", "recuerde"),
    ("responde", "responda"), ("lee", "lea"), ("consulta", "consulte"), ("toma", "tome"),
    ("regresa", "regrese"), ("vuelve", "vuelva"), ("sal", "salga"), ("acude", "acuda"),
    ("solicita", "solicite"), ("presenta", "presente"), ("adjunta", "adjunte"), ("ignora", "ignore"),
    ("cambia", "cambie"), ("bloquea", "bloquee"), ("activa", "active"), ("desactiva", "desactive"),
    ("reinicia", "reinicie"), ("instala", "instale"), ("borra", "borre"), ("guarda", "guarde"),
    ("usa", "use"), ("paga", "pague"), ("realiza", "realice"), ("acepta", "acepte"), ("cancela", "cancele"),
    ("olvida", "olvide"), ("preocupa", "preocupe"), ("fija", "fije"), ("acuerda", "acuerde"), ("da", "dé"),
    ("echa", "eche"), ("síguenos", "síganos"), ("llámanos", "llámenos"), ("sé", "sea"), ("ve", "vaya"),
    ("llámanos", "llámenos"), ("marca", "marque"), ("ponte", "póngase"), ("entérate", "entérese"),
]
_CLITICS = ("noslo", "nosla", "noslos", "noslas", "melo", "mela", "selo", "sela", "selos", "selas", "telo",
            "tela", "nos", "me", "lo", "la", "los", "las", "le", "les", "te", "se")
# Bare forms that are also nouns or other words: only counted with a clitic.
_NOT_BARE = frozenset({"cuenta", "queda", "marca", "llama", "prueba", "toma", "entra", "da", "di", "ten",
                       "pon", "ven", "sal", "de", "entre", "lee", "usa", "paga", "calma", "cambia", "mira",
                       "ve", "se", "sea", "sigue", "ayuda", "deja", "espera", "vuelve", "presente", "cheque",
                       "tome", "llame", "use", "sea", "vaya", "mande", "entre", "borra", "guarda", "fija",
                       "echa", "acerca", "activa", "completa", "consulta", "visita", "marque", "regala",
                       "apoya", "busca", "mire", "llena", "recuerda", "comenta", "permite", "escribe",
                       "acepta", "describe", "responde", "indica", "confirma", "realiza", "valida", "espere"})
_TU_FORMS = frozenset({
    "puedes", "tienes", "quieres", "sabes", "eres", "necesitas", "haces", "dices", "recibes", "escribes",
    "pides", "vienes", "pones", "debes", "prefieres", "eliges", "sigues", "deseas", "gustas", "vives",
    "cuentas con", "requieres", "consideras", "olvidas", "ocupas", "traes", "realizas", "intentas",
    "tenías", "querías", "sabías", "podías", "hacías", "decías", "pedías", "necesitabas", "estabas",
    "contigo", "ti", "tú",
})
# Shared by tú and vos (voseo keeps the tú subjunctive: "cuando quieras").
_INFORMAL_FORMS = frozenset({"te", "tu", "tus", "tuyo", "tuya", "tuyos", "tuyas", "estás", "has", "hayas",
                             "estés", "seas", "puedas", "tengas", "quieras", "sepas", "hagas", "necesites"})
_VOS_FORMS = frozenset({"vos", "podés", "tenés", "querés", "sabés", "sos", "necesitás", "hacés", "decís",
                        "vivís", "escribís", "recibís", "pedís", "venís", "ponés", "debés", "preferís", "elegís",
                        "seguís", "contás", "llamás", "mandás", "andás", "buscás", "pagás", "usás", "querés"})
_PRETERITE_STOP = frozenset({"contraste", "desgaste", "traste", "existe", "insiste", "asiste", "persiste",
                             "consiste", "resiste", "subsiste", "desiste", "triste", "chiste", "viste", "quiste",
                             "alpiste", "despiste", "embiste", "reviste", "baste", "caste", "engaste", "gaste",
                             "ajuste", "reajuste", "abaste", "pastiste"})
_IRREGULAR_PRETERITE = {"hiciste": "hizo", "pudiste": "pudo", "tuviste": "tuvo", "dijiste": "dijo",
                        "quisiste": "quiso", "estuviste": "estuvo", "fuiste": "fue", "viniste": "vino",
                        "pusiste": "puso", "supiste": "supo", "trajiste": "trajo", "diste": "dio",
                        "leíste": "leyó", "creíste": "creyó", "oíste": "oyó"}
_CONDITIONAL_STEMS = ("podr", "tendr", "har", "querr", "sabr", "dir", "saldr", "vendr", "pondr", "deber")
_USTED_QUESTION = frozenset({"puede", "podría", "podria", "tiene", "desea", "quiere", "necesita", "gusta",
                             "gustaría", "prefiere", "requiere", "cuenta"})
_USTED_AFTER_SI = frozenset({"gusta", "desea", "quiere", "prefiere", "necesita", "tiene", "puede", "requiere"})
_OBJECT_VERBS = frozenset({"invitamos", "esperamos", "atendemos", "contactamos", "contactaremos", "llamamos",
                           "llamaremos", "apoyamos", "ayudamos", "orientamos", "saludamos", "felicitamos",
                           "atenderemos", "apoyaremos", "ayudaremos", "invitaremos", "esperaremos"})
_SUBJECT_AFTER = frozenset({"tu", "su", "el", "la", "los", "las", "un", "una", "alguien", "otra", "otro",
                            "usted", "ella", "el", "mi", "nuestro", "nuestra"})
# "su" counts as usted only before something the customer owns, in a sentence with nobody else in it.
_CUSTOMER_NOUNS = frozenset({
    "tarjeta", "tarjetas", "cuenta", "cuentas", "numero", "pedido", "pedidos", "solicitud", "tramite", "nip",
    "contrasena", "clave", "correo", "datos", "compra", "compras", "saldo", "credito", "estado", "domicilio",
    "nacimiento", "entrega", "caso", "reporte", "queja", "folio", "pago", "pagos", "cargo", "cargos",
    "transferencia", "reembolso", "paquete", "envio", "reserva", "vuelo", "equipo", "telefono", "celular",
    "linea", "factura", "prestamo", "seguro", "poliza", "aclaracion", "app", "aplicacion", "usuario", "perfil",
    "contacto", "mensaje", "comentario", "comentarios", "preferencia", "paciencia", "confianza", "informacion",
    "identificacion", "ine", "plastico", "token", "dinero", "nomina", "deposito", "retiro", "cita", "visita",
})
_THIRD_PARTY = frozenset({
    "titular", "negocio", "comercio", "establecimiento", "persona", "tercero", "terceros", "ejecutivo", "banco",
    "empresa", "hijo", "hija", "esposo", "esposa", "familiar", "beneficiario", "tienda", "vendedor", "dueno",
    "mama", "papa", "ella", "ellos", "ellas", "cliente", "usuario", "emisor", "remitente", "proveedor",
})
_COUNTERPART = {
    "te": "le", "tu": "su", "tus": "sus", "ti": "usted", "contigo": "con usted", "tú": "usted", "tuyo": "suyo",
    "tuya": "suya", "tuyos": "suyos", "tuyas": "suyas", "estás": "está", "has": "ha", "hayas": "haya",
    "estés": "esté", "seas": "sea", "vos": "usted", "usted": "tú", "ud": "tú", "ud.": "tú", "vd.": "tú",
    "su": "tu", "sus": "tus",
}


class Evidence(NamedTuple):
    start: int
    end: int
    kind: str
    text: str
    counterpart: str | None


def _strip_accents(text: str) -> str:
    return fold(text)


def _accent_penultimate(word: str) -> str:
    """Add the written accent a base needs when a clitic makes it esdrújula: escribe -> escríbe."""
    if any(unicodedata.normalize("NFD", c) != c for c in word):
        return word
    nuclei = [m for m in re.finditer(r"[aeiouü]+", re.sub(r"(?<=[qg])u(?=[ei])", "_", word))]
    if len(nuclei) < 2:
        return word
    nucleus = nuclei[-2]
    chars = nucleus.group()
    strong = [i for i, c in enumerate(chars) if c in "aeo"]
    at = nucleus.start() + (strong[0] if strong else len(chars) - 1)
    accented = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}[word[at]]
    return word[:at] + accented + word[at + 1:]


def _with_clitic(base: str, clitic: str) -> str:
    return (_accent_penultimate(base) if len(clitic) >= 2 or len(base) > 3 else base) + clitic


_TU_BASES = {fold(t): (t, u) for t, u in _PAIRS}
_USTED_QUESTION_FOLDED = frozenset(fold(w) for w in _USTED_QUESTION)
_USTED_BASES = {fold(u): (t, u) for t, u in _PAIRS}


# Words whose evidence depends on their neighbours ("su tarjeta", "le enviamos", "si gusta",
# "¿Puede...?", bare imperatives at the head of a sentence, "que acuda"); every other word gives
# the same evidence wherever it is, so it is classified once per spelling.
_CONTEXTUAL_FOLDS = frozenset({"su", "sus", "le", "lo", "la"}) | _USTED_AFTER_SI | _USTED_QUESTION_FOLDED | (
    (frozenset(_TU_BASES) | frozenset(_USTED_BASES)) - _NOT_BARE)
_CONTEXTUAL = ("contextual", None)
_UNKNOWN = object()
_BY_WORD: dict[str, tuple[str, str | None] | None] = {}
_BY_WORD_MAX = 50_000
# per spelling: the evidence of the word alone, before and after its neighbours are looked at
_BY_FORM: dict[str, tuple[tuple[str, str | None] | None, tuple[str, str | None] | None]] = {}


def _before(space: list[int], i: int) -> int:
    """The index of the last non-space token before token ``i`` (-1 if none)."""
    i -= 1
    while i >= 0 and space[i]:
        i -= 1
    return i


def _after(space: list[int], i: int) -> int:
    """The index of the first non-space token after token ``i`` (``len(space)`` if none)."""
    i += 1
    n = len(space)
    while i < n and space[i]:
        i += 1
    return i


@dataclass(frozen=True)
class FormalityMixOptions:
    address: Optional[str] = None

    __option_docs__ = {
        "address": "tu, usted or vos: the form every reply must use (default: the config's address; "
                   "if neither is set, only a mix within one reply is reported)",
    }


class FormalityMix(Rule):
    """One Spanish reply that addresses the customer both as tú and as usted.

    Norm: keep one register. The seeds ask for replies with "el tono adecuado" (seed on the
    profile of the digital-channel agent, "Con buena redacción") and for the agent to "encontrar
    el tono de conversación correcto" ("Afables"); mixing "Te ofrecemos una disculpa" with
    "será necesario que acuda a sucursal" reads as a pasted template and as careless. Spanish
    grammar does not allow it either: the pronoun, the possessive and the verb agree with one
    form of address (RAE, *Nueva gramática*, 16.15-16.16). A team that has chosen its register
    sets ``address: tu | usted | vos`` in the config (or this rule's ``address`` option); then
    every form of the other registers is reported, even alone.

    Evidence used: pronouns and possessives that only tú/vos use (te, ti, contigo, tu, tus,
    tuyo), tú verb forms (puedes, tienes, -aste/-iste preterites, -rás futures, -rías
    conditionals, subjunctives such as "envíes", "acudas"), imperatives with a clitic
    ("escríbenos", "comunícate" vs "escríbanos", "comuníquese"), "usted"/"Ud.", "le" before a
    first-person-plural verb ("le enviamos"), "lo/la invitamos", "si gusta", question-initial
    "¿Puede…?", and "que acuda" (usted subjunctive with no subject of its own); vos forms
    (vos, podés, tenés, sos). "Su"/"sus" are also third person, so they count only before
    something the customer owns ("su tarjeta", "su pedido") in a sentence that names nobody
    else ("el titular debe actualizar sus datos" is not evidence); a bare "le" never counts.

    Without a configured address, the register with fewer forms is reported (on a tie, the one
    that appears second). Suggestions give the matching form; there is no automatic fix
    because the verbs around it must change too.
    """

    id = "formality-mix"
    summary = "Spanish reply mixing tú and usted (or contradicting the configured address)"
    severity = Severity.WARNING
    languages = frozenset({"es"})
    Options = FormalityMixOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        address = self.options.address or getattr(draft.settings, "address", None)
        if address == "tú":
            address = "tu"
        evidence = list(self._evidence(draft))
        if not evidence:
            return
        informal = [e for e in evidence if e.kind in (INFORMAL, TU, VOS)]
        formal = [e for e in evidence if e.kind == USTED]
        if address == "tu":
            wrong = [e for e in evidence if e.kind in (USTED, VOS)]
            target = "tú"
        elif address == "usted":
            wrong = [e for e in evidence if e.kind != USTED]
            target = "usted"
        elif address == "vos":
            wrong = [e for e in evidence if e.kind in (USTED, TU)]
            target = "vos"
        else:
            if not informal or not formal:
                return
            if len(formal) < len(informal) or (len(formal) == len(informal) and formal[0].start > informal[0].start):
                wrong, target = formal, "tú"
            else:
                wrong, target = informal, "usted"
        majority = [e.text for e in evidence if e not in wrong][:3]
        for e in wrong:
            if address:
                message = f"Esta respuesta debe tratar de {target} (address: {address}); “{e.text}” no"
            else:
                seen = ", ".join(f"“{w}”" for w in majority)
                message = f"Mezcla de tratamientos: la respuesta trata de {target} ({seen}); “{e.text}” no"
            suggestions = (e.counterpart,) if e.counterpart and target != "vos" else ()
            yield self.hit(e.start, e.end, message, suggestions)

    # -- evidence -----------------------------------------------------------------------------
    def _evidence(self, draft: Draft) -> Iterable[Evidence]:
        texts, kinds = draft.texts, draft.kinds
        known = _BY_WORD.get
        # a space is never evidence: cached as None like anything that does not start with a letter
        for k in [k for k, text in enumerate(texts) if known(text, _UNKNOWN) is not None]:
            text = texts[k]
            if not text[:1].isalpha():  # never evidence, wherever it is
                if len(_BY_WORD) >= _BY_WORD_MAX:
                    _BY_WORD.clear()
                _BY_WORD[text] = None
                continue
            if kinds[k] is not None:
                continue
            found = known(text, _UNKNOWN)
            if found is _UNKNOWN:
                if fold(text) in _CONTEXTUAL_FOLDS:
                    found = _CONTEXTUAL
                else:  # the answer depends on the word alone
                    found = self._shaped(text, self._classify(draft, k))
                if len(_BY_WORD) >= _BY_WORD_MAX:
                    _BY_WORD.clear()
                _BY_WORD[text] = found
            if found is _CONTEXTUAL:
                found = self._shaped(text, self._classify(draft, k))
            if found is not None:
                start = draft.starts[k]
                yield Evidence(start, start + len(text), found[0], text, found[1])

    def _shaped(self, text: str, found: tuple[str, str | None] | None) -> tuple[str, str | None] | None:
        if found is None:
            return None
        kind, counterpart = found
        return kind, counterpart and self._shape(text, counterpart)

    @staticmethod
    def _shape(original: str, replacement: str) -> str:
        if original[:1].isupper():
            return replacement[:1].upper() + replacement[1:]
        return replacement

    def _classify(self, draft: Draft, k: int) -> tuple[str, str | None] | None:
        """The evidence token ``k`` gives; its neighbours are the nearest non-space tokens."""
        texts, space = draft.texts, draft.is_space
        text = texts[k]
        lower = text.lower()
        folded = fold(text)
        by_word = _BY_FORM.get(text)
        if by_word is None:
            if len(_BY_FORM) >= _BY_WORD_MAX:
                _BY_FORM.clear()
            by_word = _BY_FORM[text] = (self._word_first(lower, folded), self._word_then(lower, folded))
        if by_word[0] is not None:
            return by_word[0]
        before, after = _before(space, k), _after(space, k)
        prev = fold(texts[before]) if before >= 0 else ""
        nxt = fold(texts[after]) if after < len(texts) else ""
        if folded in ("su", "sus") and nxt in _CUSTOMER_NOUNS and not self._third_party(draft, k):
            return USTED, _COUNTERPART[folded]
        if folded == "le" and nxt.endswith(("amos", "emos", "imos")):
            return USTED, "te"
        if folded in ("lo", "la") and nxt in _OBJECT_VERBS:
            return USTED, "te"
        if prev == "si" and folded in _USTED_AFTER_SI:
            return USTED, lower + "s"
        if prev == "¿" and folded in _USTED_QUESTION_FOLDED:
            return USTED, lower + "s"
        if by_word[1] is not None:
            return by_word[1]
        return self._imperative(draft, k, before, lower, folded, prev, nxt)

    def _word_first(self, lower: str, folded: str) -> tuple[str, str | None] | None:
        """The evidence a word gives by itself, before its neighbours are looked at."""
        if lower in _VOS_FORMS:
            return VOS, None
        if folded in ("usted", "ud", "vd") or lower in ("ud.", "vd."):
            return USTED, "tú"
        if lower == "tú" or folded in ("ti", "contigo"):
            return TU, _COUNTERPART.get(lower) or _COUNTERPART.get(folded)
        if lower in _INFORMAL_FORMS or folded in ("te", "tu", "tus", "tuyo", "tuya", "tuyos", "tuyas"):
            return INFORMAL, _COUNTERPART.get(lower) or _COUNTERPART.get(folded) or self._tu_to_usted(lower)
        if lower in _TU_FORMS:
            return TU, self._tu_to_usted(lower)
        return None

    def _word_then(self, lower: str, folded: str) -> tuple[str, str | None] | None:
        """The evidence a word gives by itself when its neighbours give none: verb endings."""
        # preterite, future and conditional of tú
        if len(folded) >= 6 and folded.endswith(("aste", "iste")) and folded not in _PRETERITE_STOP:
            return INFORMAL, self._tu_to_usted(lower)
        if lower.endswith("rás") and lower not in ("atrás", "detrás") and len(lower) > 4:
            return INFORMAL, lower[:-3] + "rá"
        if lower.endswith("ías") and (lower.endswith(("arías", "irías")) or lower[:-3] in _CONDITIONAL_STEMS):
            return INFORMAL, lower[:-1]
        # with clitics: escríbenos / escríbanos, comunícate / comuníquese
        for clitic in _CLITICS if folded.endswith(_CLITICS) else ():
            if folded.endswith(clitic) and len(folded) > len(clitic) + 1:
                base = folded[: -len(clitic)]
                if base in _TU_BASES and clitic != "se":
                    tu, usted = _TU_BASES[base]
                    target_clitic = "se" if clitic == "te" else clitic
                    kind = TU if (lower != folded or not base.endswith("a") or len(base) <= 3) else INFORMAL
                    return kind, _with_clitic(usted, target_clitic)
                if base in _USTED_BASES and clitic != "te" and base not in ("de",):
                    tu, usted = _USTED_BASES[base]
                    target_clitic = "te" if clitic == "se" else clitic
                    return USTED, _with_clitic(tu, target_clitic)
        # tú subjunctive: envíes, escribas, acudas (usted form + s)
        if folded.endswith("s") and folded[:-1] in _USTED_BASES and folded not in ("cheques", "presentes", "des",
                                                                                     "entres", "vayas", "seas"):
            return INFORMAL, _USTED_BASES[folded[:-1]][1]
        return None

    def _imperative(self, draft: Draft, k: int, before: int, lower: str, folded: str, prev: str, nxt: str):
        """``before``: the index of the non-space token before token ``k`` (-1 if none)."""
        if folded in _NOT_BARE or (folded not in _TU_BASES and folded not in _USTED_BASES):
            return None  # neither a bare imperative nor a subjunctive after "que"
        # bare imperative at the head of a sentence or after "por favor"
        head = before < 0 or prev in ("¡", "¿", ".", "!", "?", "\n", ":") or draft.sent_start_flags[k] == 1
        if not head and prev in ("favor", ","):
            second = _before(draft.is_space, before)  # the non-space token two before
            if prev == "favor":
                head = second >= 0 and fold(draft.texts[second]) == "por"
            else:
                head = second >= 0 and _before(draft.is_space, second) >= 0 and fold(draft.texts[second]) == "favor"
        if head and folded in _TU_BASES and nxt not in ("que",):
            return INFORMAL, _TU_BASES[folded][1]
        if head and folded in _USTED_BASES and nxt not in ("que",):
            return USTED, _USTED_BASES[folded][0]
        # usted subjunctive after "que" with no subject of its own: "es necesario que acuda a sucursal"
        if prev == "que" and folded in _USTED_BASES and nxt not in _SUBJECT_AFTER:
            return USTED, _USTED_BASES[folded][1] + "s"
        return None

    @staticmethod
    def _third_party(draft: Draft, k: int) -> bool:
        """Someone other than the customer is named in the sentence of token ``k``."""
        bounds = draft.sentence_bounds
        at = bisect.bisect_right([b.start for b in bounds], k) - 1
        if at < 0:
            return False
        texts = draft.texts
        return any(fold(texts[j]) in _THIRD_PARTY or texts[j].lower() == "él"
                   for j in range(bounds[at].start, bounds[at].end) if j != k)

    @staticmethod
    def _tu_to_usted(lower: str) -> str | None:
        if lower in _IRREGULAR_PRETERITE:
            return _IRREGULAR_PRETERITE[lower]
        if lower.endswith("aste"):
            return lower[:-4] + "ó"
        if lower.endswith("iste"):
            return lower[:-4] + "ió"
        if lower in _COUNTERPART:
            return _COUNTERPART[lower]
        if lower.endswith("s") and lower not in ("ti", "tú", "contigo"):
            return lower[:-1]
        return None
