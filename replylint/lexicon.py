"""Spelling lexicon for replylint (Spanish and English).

Data is built by ``tools/build_lexicon.py`` into ``replylint/data/lexicon``
(see the README there for sources and licenses).  Runtime needs the standard
library only (plus pyspellchecker, which generates the one-edit candidates).

Storage: one file per language (``{lang}.lex``), a static hash table over a byte
blob.  Forms are grouped by their *key* (lower case, accents, ñ and ü folded), so a
lookup and the accent repair of a suggestion are the same single probe; each form
carries its variant mask, its frequency and whether it can host enclitic pronouns.
Loading reads the file and nothing else (no set of 600k strings is built).

    lex = Lexicon.load("es")            # general Spanish (no voseo)
    lex = Lexicon.load("es", "es-AR")   # Argentine dictionary, with voseo
    lex.knows("contáctanos"); lex.suggest("tambien"); lex.frequency("gracias")
"""
from __future__ import annotations

import json
import struct
import threading
import zlib
from array import array
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
_KEY_LETTERS = "abcdefghijklmnopqrstuvwxyz"   # Spanish keys: accents, ñ, ü folded

# enclitic pronoun clusters, in the only order Spanish allows
_THIRD = ("lo", "la", "los", "las", "le", "les")
_CLUSTERS = set(("me", "te", "se", "nos", "os") + _THIRD)
_CLUSTERS |= {a + b for a in ("me", "te", "se", "nos", "os") for b in _THIRD}
_CLUSTERS |= {"se" + b for b in ("me", "te", "nos", "os")} | {"teme", "tenos", "osme", "osnos"}
_CLUSTERS |= {"se" + a + b for a in ("me", "te", "nos", "os") for b in _THIRD}
_CLUSTERS = tuple(sorted(_CLUSTERS, key=len, reverse=True))
_CLUSTER_SET = frozenset(_CLUSTERS)
_CLUSTER_LENS = tuple(sorted({len(c) for c in _CLUSTERS}, reverse=True))


def _clusters_of(lw: str):
    """Enclitic clusters ``lw`` ends with (longest first), leaving a stem of 2+ letters."""
    n = len(lw)
    for k in _CLUSTER_LENS:
        if n - k >= 2 and lw[n - k:] in _CLUSTER_SET:
            yield lw[n - k:]

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


_FOLD = str.maketrans("áéíóúüñàèìòùâêîôûäëïöç", "aeiouunaeiouaeiouaeioc")
MAGIC = b"RLX2"


def fold(s: str) -> str:
    """Group key of a word: lower case with accents, diaeresis and ñ folded."""
    return s.lower().translate(_FOLD)


CHUNK = 1 << 16


class PackedForms:
    """Read side of the ``{lang}.lex`` format (written by :func:`pack_forms`).

    Layout: ``RLX2``, uint32 header length, JSON header (``nslots``, compressed sizes of
    the table and of every blob chunk), the zlib-compressed hash table (``nslots``
    little-endian uint32 slots, 0 = empty, else the top byte of ``crc32(key)`` in the top 8
    bits and record offset + 1 in the low 24; linear probing from ``crc32(key) % nslots``), then the record blob in zlib-compressed chunks of 64 KiB that are
    decompressed on first use (a record never crosses a chunk).  A record is
    ``klen key n`` followed by ``n`` forms, each ``flen [form] mask_index:uint16
    zipf10:uint8 flags:uint8`` (``flen`` 0 = the form is the key itself); flags: 1 =
    enclitic host, 2 = voseo-only enclitic host.
    """

    def __init__(self, data: bytes):
        if data[:4] != MAGIC:
            raise ValueError("not a replylint lexicon file (format 2)")
        (hlen,) = struct.unpack_from("<I", data, 4)
        self.header = h = json.loads(data[8:8 + hlen].decode("utf-8"))
        pos = 8 + hlen
        self.table = array("I")
        self.table.frombytes(zlib.decompress(data[pos:pos + h["table_z"]]))
        if struct.pack("=I", 1) != struct.pack("<I", 1):
            self.table.byteswap()
        pos += h["table_z"]
        self._raw = []
        for size in h["chunks_z"]:
            self._raw.append(data[pos:pos + size])
            pos += size
        self._chunks: list = [None] * len(self._raw)
        self.mask = h["nslots"] - 1
        self.masks = h["masks"]

    @classmethod
    def read(cls, path: Path) -> "PackedForms":
        return cls(path.read_bytes())

    def _chunk(self, i: int) -> bytes:
        c = self._chunks[i]
        if c is None:
            c = self._chunks[i] = zlib.decompress(self._raw[i])
        return c

    def group(self, key: str) -> list[tuple[str, int, int, int]]:
        """``[(form, mask_index, zipf10, flags), ...]`` of the forms whose key is ``key``."""
        kb = key.encode("utf-8")
        n = len(kb)
        if not n or n > 255:
            return []
        table, m = self.table, self.mask
        h = zlib.crc32(kb)
        fp = h >> 24
        i = h & m
        while True:
            slot = table[i]
            if not slot:
                return []
            if slot >> 24 == fp:
                ci, lo = divmod((slot & 0xFFFFFF) - 1, CHUNK)
                blob = self._chunks[ci] or self._chunk(ci)
                if blob[lo] == n and blob.startswith(kb, lo + 1):
                    break
            i = (i + 1) & m
        p = lo + 1 + n
        count = blob[p]
        p += 1
        out = []
        for _ in range(count):
            fl = blob[p]
            p += 1
            if fl:
                form = blob[p:p + fl].decode("utf-8")
                p += fl
            else:
                form = key
            out.append((form, blob[p] | (blob[p + 1] << 8), blob[p + 2], blob[p + 3]))
            p += 4
        return out


def pack_forms(forms: dict[str, tuple[int, int, int]], header: dict) -> bytes:
    """Serialise ``{form: (variant_mask, zipf10, flags)}`` (see :class:`PackedForms`)."""
    masks = sorted({m for m, _, _ in forms.values()})
    mindex = {m: i for i, m in enumerate(masks)}
    groups: dict[str, list[str]] = {}
    for f in forms:
        groups.setdefault(fold(f), []).append(f)
    nslots = 1
    while nslots < len(groups) * 1.5:
        nslots *= 2
    table = array("I", [0]) * nslots
    blob = bytearray()
    for key in sorted(groups):
        kb = key.encode("utf-8")
        members = sorted(groups[key])
        assert 0 < len(kb) < 256 and len(members) < 256, key
        rec = bytearray(bytes((len(kb),)) + kb + bytes((len(members),)))
        for f in members:
            mask, zipf, flags = forms[f]
            fb = b"" if f == key else f.encode("utf-8")
            rec += bytes((len(fb),)) + fb + struct.pack("<HBB", mindex[mask], min(zipf, 255), flags)
        if len(blob) % CHUNK + len(rec) > CHUNK:
            blob += bytes(CHUNK - len(blob) % CHUNK)
        off = len(blob)
        blob += rec
        assert off + 1 < 1 << 24, "blob too large for 24-bit offsets"
        h = zlib.crc32(kb)
        i = h & (nslots - 1)
        while table[i]:
            i = (i + 1) & (nslots - 1)
        table[i] = (h >> 24) << 24 | (off + 1)
    if struct.pack("=I", 1) != struct.pack("<I", 1):
        table.byteswap()
    tz = zlib.compress(table.tobytes(), 9)
    chunks = [zlib.compress(bytes(blob[i:i + CHUNK]), 9) for i in range(0, len(blob), CHUNK)]
    hdr = dict(header, nslots=nslots, masks=masks, keys=len(groups), stored_forms=len(forms),
               table_z=len(tz), chunks_z=[len(c) for c in chunks])
    hb = json.dumps(hdr, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return MAGIC + struct.pack("<I", len(hb)) + hb + tz + b"".join(chunks)


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
    for c in _clusters_of(lw):
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
_PACKED: dict[str, PackedForms] = {}


def _packed(lang: str) -> PackedForms:
    pk = _PACKED.get(lang)
    if pk is None:
        pk = _PACKED[lang] = PackedForms.read(DATA_DIR / f"{lang}.lex")
    return pk


class _HostIndex:
    """``get(deaccented stem)`` -> enclitic hosts of the variant (for :func:`enclitic_analyses`)."""

    def __init__(self, lex: "Lexicon"):
        self._lex = lex
        self._flags = 3 if lex.voseo else 1

    def get(self, key: str, default=()):
        flags = self._flags
        hosts = [f for f, _, fl in self._lex._entries(fold(key)) if fl & flags]
        return hosts or default


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
        self._size = info["forms"][name]
        bit = 1 << bits.index(name)
        self._pk = _packed(lang)
        self._in_variant = [bool(m & bit) for m in self._pk.masks]
        self._groups: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self._vocab_lower, self._vocab_exact = load_vocabulary(lang)
        self._vocab_keys: dict[str, list[str]] = {}
        for v in self._vocab_lower:
            self._vocab_keys.setdefault(fold(v), []).append(v)
        self._hosts = _HostIndex(self)
        self._known_cache: dict[str, bool] = {}
        self._sugg_cache: dict[tuple[str, int], tuple[str, ...]] = {}
        self._spell_cache: dict[str, tuple[str, ...]] = {}
        self._deep_cache: dict[str, tuple[str, ...]] = {}
        self._letters = _KEY_LETTERS if lang == "es" else _EN_LETTERS
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
        """Number of word forms in this variant (enclitic forms derived at lookup time excluded)."""
        return self._size

    @property
    def exact_vocabulary(self) -> frozenset[str]:
        """Exact-case entries (``=WhatsApp``) of the shipped support vocabulary."""
        return self._vocab_exact

    def __contains__(self, word: str) -> bool:
        return self.knows(word)

    def __repr__(self):
        return f"<Lexicon {self.variant or self.lang}: {self.size} forms>"

    # -- storage -----------------------------------------------------------
    def _entries(self, key: str) -> tuple[tuple[str, int, int], ...]:
        """``((form, zipf10, flags), ...)`` in this variant whose fold is ``key``."""
        g = self._groups.get(key)
        if g is None:
            raw = self._pk.group(key)
            if raw:
                inv = self._in_variant
                g = tuple([(f, z, fl) for f, m, z, fl in raw if inv[m]])
            else:
                g = ()
            self._groups[key] = g
        return g

    def _has(self, form: str) -> bool:
        return any(f == form for f, _, _ in self._entries(fold(form)))

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
        if w in self._vocab_exact:
            return True
        lw = w.lower()
        if lw in self._vocab_lower:
            return True
        forms = {f for f, _, _ in self._entries(fold(w))}
        if w in forms:
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

    def _clitic_form(self, lw: str) -> bool:
        """Verb form + enclitic pronouns, e.g. contáctanos, dígame, envíanoslo."""
        if len(lw) < 4 or lw[-1] not in "eaos":
            return False
        return any(True for _ in enclitic_analyses(lw, self._hosts))

    def _clitic_spellings(self, key: str) -> list[str]:
        """Enclitic forms (host + pronouns) whose fold is ``key`` ("contactenos" -> contáctenos)."""
        if len(key) < 4 or key[-1] not in "eaos":
            return []
        out = []
        for c in _clusters_of(key):
            stem = key[: -len(c)]
            cands = list(self._hosts.get(stem))
            if c.startswith(("nos", "se")):
                cands += self._hosts.get(stem + "s")
            if c.startswith("os"):
                cands += self._hosts.get(stem + "d")
            for h in cands:
                f = attach_clitics(h, c)
                if fold(f) == key:
                    out.append(f)
        return out

    # -- frequency ---------------------------------------------------------
    def _zipf10(self, word: str) -> int:
        lw = word.lower().replace("’", "'")
        best = 0
        for f, z, _ in self._entries(fold(lw)):
            if f == lw:
                return z
            if f.lower() == lw:
                best = max(best, z)
        return best

    def zipf(self, word: str) -> float:
        return self._zipf10(word) / 10.0

    def frequency(self, word: str) -> float:
        """Relative frequency (fraction of running words); 0.0 if unknown."""
        z = self._zipf10(word)
        return 10 ** (z / 10.0 - 9) if z else 0.0

    # -- suggestions -------------------------------------------------------
    def suggest(self, word: str, limit: int = 5) -> tuple[str, ...]:
        key = (word, limit)
        r = self._sugg_cache.get(key)
        if r is None:
            r = self._sugg_cache[key] = self._suggest(word, limit)
        return r

    def _engine_edits(self, w: str) -> set[str]:
        """Strings one edit away from ``w`` (pyspellchecker's candidate generator)."""
        if self._engine is None:
            self._engine = SpellChecker(language=None, case_sensitive=True, distance=1)
            self._engine.word_frequency.load_words([self._letters])
        return self._engine.edit_distance_1(w)

    def _edits1(self, w: str):
        """Candidates one edit away, with a cost per kind of edit."""
        for candidate in self._engine_edits(w):
            yield candidate, _edit_cost(w, candidate)

    def _spellings_of(self, key: str, deep: bool = False) -> tuple[str, ...]:
        """Dictionary and vocabulary spellings whose fold is ``key`` (+ enclitic forms if deep)."""
        cache = self._deep_cache if deep else self._spell_cache
        r = cache.get(key)
        if r is None:
            found = [f for f, _, _ in self._entries(key)]
            found += self._vocab_keys.get(key, ())
            if deep:
                found += self._clitic_spellings(key)
            r = cache[key] = tuple(found)
        return r

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
        best: dict[str, float] = {}      # dictionary spelling -> cost
        probed: dict[str, float] = {}    # key -> cheapest cost it was probed at

        spell_cache = self._spell_cache
        spellings_of = self._spellings_of

        def probe(cand: str, cost, deep: bool = False, key: str | None = None) -> bool:
            """Dictionary words whose fold is fold(cand): cost, +0.1 when accents differ.
            ``cost`` may be a callable, evaluated only when something is found."""
            if key is None:
                key = fold(cand)
            if deep and es:
                found = spellings_of(key, True)
            else:
                found = spell_cache.get(key)
                if found is None:
                    found = spellings_of(key)
            if not found:
                return False
            if callable(cost):
                cost = cost()
            if probed.get(key, 9.0) <= cost:
                return True
            probed[key] = cost
            for f in found:
                if f == w:
                    continue
                lf = f.lower()
                c = 0.05 if lf == lw else cost if lf == cand else cost + 0.1
                if best.get(f, 9.0) > c:
                    best[f] = c
            return True

        # 1. accents / ñ / ü only
        probe(lw, 0.0, deep=True)
        # 2. phonetic/orthographic rewrites (+ accent repair)
        for r in self._rewrites_of(lw):
            probe(r, 0.5, deep=True)
            for r2 in self._rewrites_of(r):
                probe(r2, 1.0)
        if es and not lw.startswith("h"):
            probe("h" + lw, 0.5)
        # 3. one edit on the key (+ accent repair); pyspellchecker generates the edits
        kw = fold(lw)
        e1 = self._engine_edits(kw)
        for c in e1:
            probe(c, lambda c=c: _edit_cost(kw, c), key=c)
        # 4. bounded second edit, only when nothing is within one edit: deletions and swaps
        # of the deletions and swaps of the key (about 4·n² probes, not the 2,500·n² of a
        # full second edit)
        if (not best or min(best.values()) > 1.05) and 4 <= len(kw) <= 14:
            firsts = {}
            for i in range(len(kw)):
                firsts.setdefault(kw[:i] + kw[i + 1:], i)
                if i + 1 < len(kw):
                    firsts.setdefault(kw[:i] + kw[i + 1] + kw[i] + kw[i + 2:], i)
            for c in firsts:
                for i in range(len(c)):
                    d = c[:i] + c[i + 1:]
                    probe(d, lambda c=c: _edit_cost(kw, c) + 1.0, key=d)
                    if i + 1 < len(c):
                        t = c[:i] + c[i + 1] + c[i] + c[i + 2:]
                        probe(t, lambda c=c: _edit_cost(kw, c) + 0.9, key=t)
        best.pop(w, None)
        for f in [f for f in best if f != f.lower() and f.lower() in best]:
            best[f.lower()] = min(best[f.lower()], best.pop(f))   # "The" when "the" exists
        if not best:
            return ()
        lower_input = lw == w

        def score(f: str) -> float:
            s = best[f] - 0.08 * (self._zipf10(f) / 10.0)
            if lower_input and f != f.lower() and not self._has(f.lower()):
                s += 0.3   # proper noun for a lower-case word
            return s

        ranked = sorted(best, key=lambda f: (score(f), f))
        out: list[str] = []
        for f in ranked:
            out.append(_match_case(w, f))
            if len(out) >= limit:
                break
        return tuple(dict.fromkeys(out))


def _edit_cost(word: str, candidate: str) -> float:
    """Cost of the single edit that turns ``word`` into ``candidate``.

    Cheap: deleting or inserting a doubled letter or an "h" (0.6), swapping two neighbours
    or adding a final "s" (0.8), a letter for its accented form or n/ñ (0.3); any other edit costs 1.
    """
    i = 0
    shorter = min(len(word), len(candidate))
    while i < shorter and word[i] == candidate[i]:
        i += 1
    if len(candidate) == len(word) - 1:
        gone = word[i]
        doubled = gone == "h" or (i > 0 and word[i - 1] == gone) or word[i + 1:i + 2] == gone
        return 0.6 if doubled else 1.0
    if len(candidate) == len(word) + 1:
        added = candidate[i]
        if added == "s" and i == len(word):
            return 0.8            # dropped final s (plural, tú/nosotros endings)
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
