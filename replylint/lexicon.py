"""Spelling lexicon for replylint (Spanish and English).

Data is built by ``tools/build_lexicon.py`` into ``replylint/data/lexicon``
(see the README there for sources and licenses).  Runtime needs the standard
library only.

    lex = Lexicon.load("es")            # general Spanish (no voseo)
    lex = Lexicon.load("es", "es-AR")   # Argentine dictionary, with voseo
    lex.knows("contáctanos"); lex.suggest("tambien"); lex.frequency("gracias")
"""
from __future__ import annotations

import json
import threading
import zlib
from pathlib import Path

from spellchecker import SpellChecker

from .resources import data_file
from .vocabulary import parse_entries, read_vocabulary_file

__all__ = ["Lexicon", "load_vocabulary"]

DATA_DIR = Path(__file__).resolve().parent / "data" / "lexicon"
_ACC = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")
_ADD_ACC = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
_STRONG = set("aeoáéó")
_VOWELS = set("aeiouáéíóúü")
_ES_LETTERS = "abcdefghijklmnopqrstuvwxyzáéíóúüñ"
_EN_LETTERS = "abcdefghijklmnopqrstuvwxyz'"

# enclitic pronoun clusters, in the only order Spanish allows
_THIRD = ("lo", "la", "los", "las", "le", "les")
_CLUSTERS = set(("me", "te", "se", "nos", "os") + _THIRD)
_CLUSTERS |= {a + b for a in ("me", "te", "se", "nos", "os") for b in _THIRD}
_CLUSTERS |= {"se" + b for b in ("me", "te", "nos", "os")} | {"teme", "tenos", "osme", "osnos"}
_CLUSTERS |= {"se" + a + b for a in ("me", "te", "nos", "os") for b in _THIRD}
_CLUSTERS = tuple(sorted(_CLUSTERS, key=len, reverse=True))

# cheap "phonetic" rewrites for Spanish (cost 0.5), applied in both directions
_ES_REWRITES = [("b", "v"), ("v", "b"), ("ll", "y"), ("y", "ll"), ("c", "z"), ("z", "c"),
                ("s", "z"), ("z", "s"), ("s", "c"), ("c", "s"), ("g", "j"), ("j", "g"),
                ("x", "cc"), ("cc", "x"), ("k", "c"), ("k", "qu"), ("c", "qu"), ("qu", "c"),
                ("i", "y"), ("y", "i"), ("rr", "r"), ("r", "rr"), ("gu", "g"), ("g", "gu"),
                ("gu", "gü"), ("n", "m"), ("m", "n")]
_EN_REWRITES = [("c", "s"), ("s", "c"), ("ph", "f"), ("f", "ph"), ("k", "c"), ("c", "k"),
                ("ie", "ei"), ("ei", "ie"), ("ance", "ence"), ("ence", "ance"),
                ("ant", "ent"), ("ent", "ant"), ("able", "ible"), ("ible", "able"),
                ("er", "or"), ("or", "er"), ("s", "z"), ("z", "s")]


def deaccent(s: str) -> str:
    return s.translate(_ACC)


def _read_z(name: str) -> str:
    return zlib.decompress((DATA_DIR / name).read_bytes()).decode("utf-8")


def load_vocabulary(lang: str) -> tuple[frozenset, frozenset]:
    """Support vocabulary (``rules/vocabulary/support-<lang>.txt``): (lower-cased, exact-case)."""
    path = data_file("vocabulary", f"support-{lang}.txt")
    if not path.is_file():
        return frozenset(), frozenset()
    exact, lower = parse_entries(read_vocabulary_file(str(path)))
    return lower, exact


# ---------------------------------------------------------------------------
# Spanish stress / written accent, for enclitic pronouns
# ---------------------------------------------------------------------------
def _nuclei(word: str) -> list[tuple[int, int]]:
    """Vowel nuclei (start, end) of a lowercase Spanish word."""
    out: list[tuple[int, int]] = []
    n = len(word)
    i = 0
    while i < n:
        ch = word[i]
        silent_u = ch == "u" and i > 0 and (
            word[i - 1] == "q" or (word[i - 1] == "g" and i + 1 < n and word[i + 1] in "eiéí"))
        if ch not in _VOWELS or silent_u:
            i += 1
            continue
        start = i
        j = i + 1
        while j < n and word[j] in _VOWELS:
            prev, cur = word[j - 1], word[j]
            if (prev in _STRONG and cur in _STRONG) or cur in "íú" or prev in "íú":
                break
            j += 1
        out.append((start, j))
        i = j
    return out


def _accent_nucleus(word: str, nuc: tuple[int, int]) -> str:
    s, e = nuc
    seg = word[s:e]
    pos = next((k for k, c in enumerate(seg) if c in "aeo"), None)
    if pos is None:
        pos = len(seg) - 1 if len(seg) > 1 else 0
    c = seg[pos]
    if c not in _ADD_ACC:
        return word
    return word[: s + pos] + _ADD_ACC[c] + word[s + pos + 1:]


def attach_clitics(host: str, cluster: str) -> str:
    """Spell ``host`` + enclitic ``cluster`` ("envía"+"noslo" -> "envíanoslo")."""
    base = host
    if base.endswith("mos") and cluster.startswith(("nos", "se")):
        base = base[:-1]                      # digamos + se + lo -> digámoselo
    elif base.endswith("d") and cluster.startswith("os") and base != "id":
        base = base[:-1]                      # sentad + os -> sentaos
    nucs = _nuclei(base)
    if not nucs:
        return base + cluster
    acc = [k for k, (s, e) in enumerate(nucs) if any(c in "áéíóú" for c in base[s:e])]
    if acc:
        k = acc[0]
        s, e = nucs[k]
        # accent that marks a hiatus (envía, actúa, oír, reír) always stays
        for p in range(s, e):
            if base[p] in "íú":
                neigh = (base[p - 1] if p > 0 else "") + (base[p + 1] if p + 1 < len(base) else "")
                if any(c in _STRONG or c == "h" for c in neigh):
                    return base + cluster
        plain = deaccent(base)
    else:
        plain = base
        last = host[-1]           # stress is that of the host (sentad -> sentaos)
        k = len(nucs) - 2 if (last in "aeiouns" and len(nucs) >= 2) else len(nucs) - 1
    word = plain + cluster
    new_nucs = _nuclei(word)
    if len(new_nucs) - k >= 3:
        word = _accent_nucleus(word, new_nucs[k])
    return word


def enclitic_analyses(lw: str, host_index: dict):
    """Yield hosts h (from ``host_index``: deaccented -> hosts) such that
    ``lw`` == attach_clitics(h, cluster) for a valid enclitic cluster."""
    for c in _CLUSTERS:
        if not lw.endswith(c) or len(lw) - len(c) < 2:
            continue
        key = deaccent(lw[: -len(c)])
        cands = list(host_index.get(key, ()))
        if c.startswith(("nos", "se")):
            cands += host_index.get(key + "s", ())
        if c.startswith("os"):
            cands += host_index.get(key + "d", ())
        for h in cands:
            if attach_clitics(h, c) == lw:
                yield h


# ---------------------------------------------------------------------------
class Lexicon:
    """Word list for one language / variant.  Use :meth:`Lexicon.load`."""

    _cache: dict = {}
    _lock = threading.Lock()

    def __init__(self, lang: str, variant: str | None = None):
        manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
        if lang not in manifest:
            raise ValueError(f"no lexicon for language {lang!r}")
        info = manifest[lang]
        bits = info["bits"]
        name = variant or lang
        if name not in bits:
            raise ValueError(f"unknown variant {variant!r} for {lang!r}; known: {', '.join(bits)}")
        self.lang = lang
        self.variant = variant
        self.voseo = name in info.get("voseo_variants", ())
        bit = 1 << bits.index(name)
        forms: set[str] = set()
        text = _read_z(f"{lang}.forms.z")
        for chunk in text.split("\x00"):
            if not chunk:
                continue
            nl = chunk.index("\n")
            if int(chunk[:nl], 16) & bit:
                forms.update(chunk[nl + 1:].split("\n"))
        forms.discard("")
        self._forms = forms
        self._vocab_lower, self._vocab_exact = load_vocabulary(lang)
        self._hosts: dict[str, list[str]] | None = None
        self._freq: dict[str, int] | None = None
        self._known_cache: dict[str, bool] = {}
        self._sugg_cache: dict[tuple[str, int], tuple[str, ...]] = {}
        self._letters = _ES_LETTERS if lang == "es" else _EN_LETTERS
        self._engine: SpellChecker | None = None
        self._rewrites = _ES_REWRITES if lang == "es" else _EN_REWRITES

    # -- construction ------------------------------------------------------
    @classmethod
    def load(cls, lang: str, variant: str | None = None) -> "Lexicon":
        lang = lang.replace("_", "-").split("-")[0].lower()
        if variant is not None:
            p = variant.replace("_", "-").split("-")
            variant = p[0].lower() + ("-" + p[1].upper() if len(p) > 1 else "")
            if variant == lang:
                variant = None
        key = (lang, variant)
        with cls._lock:
            lex = cls._cache.get(key)
            if lex is None:
                lex = cls._cache[key] = cls(lang, variant)
        return lex

    @property
    def size(self) -> int:
        return len(self._forms)

    def __contains__(self, word: str) -> bool:
        return self.knows(word)

    def __repr__(self):
        return f"<Lexicon {self.variant or self.lang}: {self.size} forms>"

    # -- lookup ------------------------------------------------------------
    def knows(self, word: str) -> bool:
        r = self._known_cache.get(word)
        if r is None:
            r = self._known_cache[word] = self._knows(word)
        return r

    def _knows(self, word: str) -> bool:
        w = word.strip().replace("’", "'")
        if not w:
            return False
        forms = self._forms
        if w in forms or w in self._vocab_exact:
            return True
        lw = w.lower()
        if lw in self._vocab_lower:
            return True
        if lw != w:
            if lw in forms:
                return True
            cap = lw[:1].upper() + lw[1:]
            if (w.isupper() or w == cap) and cap in forms:
                return True
        if self.lang == "es" and (w == lw or w.isupper() or w[:1].upper() + lw[1:] == w):
            if self._clitic_form(lw):
                return True
        if "-" in w.strip("-"):
            parts = w.split("-")
            return all(p and self.knows(p) for p in parts)
        return False

    def _host_index(self) -> dict[str, list[str]]:
        if self._hosts is None:
            idx: dict[str, list[str]] = {}
            for h in _read_z("es.hosts.z").split("\n"):
                if h.startswith("!"):          # voseo imperative (contá, tené)
                    if not self.voseo:
                        continue
                    h = h[1:]
                if h and h in self._forms:
                    idx.setdefault(deaccent(h), []).append(h)
            self._hosts = idx
        return self._hosts

    def _clitic_form(self, lw: str) -> bool:
        """Verb form + enclitic pronouns, e.g. contáctanos, dígame, envíanoslo."""
        if len(lw) < 4 or lw[-1] not in "eaos":
            return False
        return any(True for _ in enclitic_analyses(lw, self._host_index()))

    # -- frequency ---------------------------------------------------------
    def _freqs(self) -> dict[str, int]:
        if self._freq is None:
            f: dict[str, int] = {}
            for line in _read_z(f"{self.lang}.freq.z").split("\n"):
                if line:
                    w, _, z = line.partition("\t")
                    f[w] = int(z)
            self._freq = f
        return self._freq

    def zipf(self, word: str) -> float:
        return self._freqs().get(word.lower(), 0) / 10.0

    def frequency(self, word: str) -> float:
        """Relative frequency (fraction of running words); 0.0 if unknown."""
        z = self._freqs().get(word.lower().replace("’", "'"), 0)
        return 10 ** (z / 10.0 - 9) if z else 0.0

    # -- suggestions -------------------------------------------------------
    def suggest(self, word: str, limit: int = 5) -> tuple[str, ...]:
        key = (word, limit)
        r = self._sugg_cache.get(key)
        if r is None:
            r = self._sugg_cache[key] = self._suggest(word, limit)
        return r

    def _spelling(self, c: str, deep: bool = True) -> str | None:
        """Dictionary spelling of lowercase candidate ``c`` or None."""
        if c in self._forms:
            return c
        cap = c[:1].upper() + c[1:]
        if cap in self._forms:
            return cap
        if c in self._vocab_lower:
            return c
        if deep and self.lang == "es" and self._clitic_form(c):
            return c
        return None

    def _accent_variants(self, w: str):
        """w with accents removed, then at most one acute accent, ñ/ü added."""
        base = deaccent(w)
        bases = {base}
        for i, ch in enumerate(base):
            if ch == "n":
                bases.add(base[:i] + "ñ" + base[i + 1:])
            elif ch == "u" and i > 0 and base[i - 1] == "g":
                bases.add(base[:i] + "ü" + base[i + 1:])
        out = set()
        for b in bases:
            out.add(b)
            for i, ch in enumerate(b):
                if ch in _ADD_ACC:
                    out.add(b[:i] + _ADD_ACC[ch] + b[i + 1:])
        out.discard(w)
        return out

    def _edits1(self, w: str):
        """Candidates one edit away (pyspellchecker's generator), with a cost per kind of edit."""
        if self._engine is None:
            self._engine = SpellChecker(language=None, case_sensitive=True, distance=1)
            self._engine.word_frequency.load_words([self._letters])
        for candidate in self._engine.edit_distance_1(w):
            yield candidate, _edit_cost(w, candidate)

    def _rewrites_of(self, w: str):
        for src, dst in self._rewrites:
            start = 0
            while True:
                i = w.find(src, start)
                if i < 0:
                    break
                yield w[:i] + dst + w[i + len(src):]
                start = i + 1

    def _suggest(self, word: str, limit: int) -> tuple[str, ...]:
        w = word.strip().replace("’", "'")
        if not w or limit <= 0:
            return ()
        lw = w.lower()
        es = self.lang == "es"
        best: dict[str, float] = {}

        def add(cand: str, cost: float, deep: bool = True):
            if cand == lw or not cand:
                return
            prev = best.get(cand)
            if prev is not None and prev <= cost:
                return
            sp = self._spelling(cand, deep)
            if sp is not None:
                best[cand] = cost

        # 1. accents only
        if es:
            for c in self._accent_variants(lw):
                add(c, 0.1)
        # 2. phonetic/orthographic rewrites (+ accent repair)
        for r in self._rewrites_of(lw):
            add(r, 0.5)
            if es:
                for c in self._accent_variants(r):
                    add(c, 0.6, deep=False)
            for r2 in self._rewrites_of(r):
                add(r2, 1.0, deep=False)
        if es and not lw.startswith("h"):
            add("h" + lw, 0.5)
            for c in self._accent_variants("h" + lw):
                add(c, 0.6, deep=False)
        # 3. one edit (+ accent repair)
        e1 = {}
        for c, cost in self._edits1(lw):
            if c not in e1 or e1[c] > cost:
                e1[c] = cost
        for c, cost in e1.items():
            add(c, cost)
        if es:
            for c, cost in e1.items():
                for v in self._accent_variants(c):
                    add(v, cost + 0.1, deep=False)
        # 4. two edits, second one restricted to deletion/transposition
        if not best or min(best.values()) > 1.05:
            for c, cost in e1.items():
                for i in range(len(c)):
                    add(c[:i] + c[i + 1:], cost + 1.0, deep=False)
                    if i + 1 < len(c):
                        add(c[:i] + c[i + 1] + c[i] + c[i + 2:], cost + 0.9, deep=False)
        if not best:
            return ()
        freqs = self._freqs()
        lower_input = lw == w

        def score(c: str) -> float:
            s = best[c] - 0.08 * (freqs.get(c, 0) / 10.0)
            if lower_input and c not in self._forms and \
                    (c[:1].upper() + c[1:]) in self._forms:
                s += 0.3   # proper noun for a lower-case word
            return s

        ranked = sorted(best, key=lambda c: (score(c), c))
        out: list[str] = []
        for c in ranked:
            sp = self._spelling(c) or c
            out.append(_match_case(w, sp))
            if len(out) >= limit:
                break
        return tuple(dict.fromkeys(out))


def _edit_cost(word: str, candidate: str) -> float:
    """Cost of the single edit that turns ``word`` into ``candidate``.

    Cheap: deleting or inserting a doubled letter or an "h" (0.6), swapping two neighbours
    (0.8), a letter for its accented form or n/ñ (0.3); any other edit costs 1.
    """
    i = 0
    shorter = min(len(word), len(candidate))
    while i < shorter and word[i] == candidate[i]:
        i += 1
    if len(candidate) == len(word) - 1:
        gone = word[i]
        doubled = (i > 0 and word[i - 1] == gone) or word[i + 1:i + 2] == gone
        return 0.6 if doubled else 1.0
    if len(candidate) == len(word) + 1:
        added = candidate[i]
        doubled = added == "h" or (i > 0 and candidate[i - 1] == added) or candidate[i + 1:i + 2] == added
        return 0.6 if doubled else 1.0
    if word[i + 1:i + 2] == candidate[i:i + 1] and candidate[i + 1:i + 2] == word[i:i + 1] \
            and word[i + 2:] == candidate[i + 2:]:
        return 0.8
    a, b = word[i], candidate[i]
    return 0.3 if deaccent(a) == deaccent(b) or {a, b} <= {"n", "ñ"} else 1.0


def _match_case(original: str, sugg: str) -> str:
    if len(original) > 1 and original.isupper():
        return sugg.upper()
    if original[:1].isupper():
        return sugg[:1].upper() + sugg[1:]
    return sugg
