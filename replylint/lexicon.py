"""Spelling lexicon for replylint (Spanish and English).

Data is built by ``tools/build_lexicon.py`` into ``replylint/data/lexicon``
(see the README there for sources and licenses).  Runtime needs numpy and
pyspellchecker (whose one-edit strings are the first candidates of a suggestion).

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
import re
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy
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
_LONGEST_CLUSTER = max(map(len, _CLUSTERS))
# the clusters of 3+ letters by their last three (a key ends with those and a 2-letter one at
# most), the last two letters of all (a key that ends otherwise has none: most keys), and the
# (letters cut, letter added) that make the stems a cluster leaves: what is left, and that with
# the "s" ("nos", "se") or "d" ("os") the cluster makes the verb drop
_LONG_CLUSTERS_BY_END: dict[str, tuple[str, ...]] = {}
_CLUSTER_ENDS = frozenset(c[-2:] for c in _CLUSTERS)
_SHORT_CLUSTERS = frozenset(c for c in _CLUSTERS if len(c) == 2)
_CLUSTER_CUTS: dict[str, tuple[tuple[int, str], ...]] = {}
for _cluster in _CLUSTERS:
    if len(_cluster) > 2:
        _LONG_CLUSTERS_BY_END[_cluster[-3:]] = _LONG_CLUSTERS_BY_END.get(_cluster[-3:], ()) + (_cluster,)
    _dropped = "s" if _cluster.startswith(("nos", "se")) else "d" if _cluster.startswith("os") else ""
    _CLUSTER_CUTS[_cluster] = ((len(_cluster), ""),) + (((len(_cluster), _dropped),) if _dropped else ())
# by the letters that can hold one (see _clusters_of): a suggestion search asks about thousands
# of candidate keys that share a few hundred endings
_TAIL_CLUSTERS: dict[str, tuple[str, ...]] = {}
_TAIL_CUTS: dict[str, tuple[tuple[int, str], ...]] = {}    # see _stem_cuts


def _cluster_tail(key: str) -> str:
    """The letters of a key (4 or more) that may hold an enclitic cluster: all but a stem's first
    two, at most the longest cluster (what the cluster caches are keyed by)."""
    return key[-min(len(key) - 2, _LONGEST_CLUSTER):]


def _clusters_of(lw: str) -> tuple[str, ...]:
    """Enclitic clusters ``lw`` ends with (longest first), leaving a stem of 2+ letters."""
    if lw[-2:] not in _CLUSTER_ENDS or len(lw) < 4:
        return ()
    tail = _cluster_tail(lw)
    found = _TAIL_CLUSTERS.get(tail)
    if found is None:
        if len(_TAIL_CLUSTERS) >= _CACHE_CAP:
            _TAIL_CLUSTERS.clear()
        found = tuple([c for c in _LONG_CLUSTERS_BY_END.get(tail[-3:], ()) if tail.endswith(c)])
        if tail[-2:] in _SHORT_CLUSTERS:
            found += (tail[-2:],)
        _TAIL_CLUSTERS[tail] = found
    return found


# ---------------------------------------------------------------------------
# Error model.  A correction's cost approximates -log P(typed | intended): the lower, the
# likelier the writer meant that word.  Accents alone are handled apart (they always win).
# ---------------------------------------------------------------------------
# Confusions: (regex over the folded key as typed, what the word has there, cost).
# Spanish: letters with the same sound (RAE, Ortografía 2010, ch. I: b/v, c/s/z, g/j, ll/y,
# silent h, x, k/qu), the pronunciation of most speakers written down (seseo, yeísmo,
# aspirated final s, intervocalic and final d dropped, l/r at the end of a syllable) and the
# chat habits of writing "x" for "ch", "w" for "gu"/"hu", "ni"/"ny" for "ñ".
_C = "bcdfghjklmnpqrstvwxz"
_ES_CONFUSIONS = [
    ("b", "v", 0.4), ("v", "b", 0.4), ("y", "ll", 0.4), ("ll", "y", 0.4),
    ("z", "s", 0.5), ("s", "z", 0.5), ("s(?=[ei])", "c", 0.5), ("c(?=[ei])", "s", 0.5),
    ("z(?=[ei])", "c", 0.5), ("c(?=[ei])", "z", 0.5), ("c(?=[aou])", "z", 0.6),
    ("g(?=[ei])", "j", 0.4), ("j(?=[ei])", "g", 0.4), ("g(?=[ei])", "gu", 0.5), ("gu(?=[ei])", "g", 0.5),
    ("x", "cc", 0.5), ("cc", "x", 0.5), ("s(?=[cpt])", "x", 0.5), ("x", "s", 0.6),
    ("k", "c", 0.4), ("k", "qu", 0.4), ("q(?=[ei])", "qu", 0.4), ("c(?=[ei])", "qu", 0.5),
    ("qu(?=[ei])", "c", 0.5), ("qu(?=[aou])", "cu", 0.5),
    ("i", "y", 0.5), ("y", "i", 0.5),
    ("(?<!c)h", "", 0.4), ("^(?=[aeiou])", "h", 0.4), ("(?<=[aeiou])(?=[aeiou])", "h", 0.5),
    ("h$", "s", 0.3), (f"h(?=[{_C}])", "s", 0.4),
    (f"r(?=[{_C}]|$)", "l", 0.6), (f"l(?=[{_C}]|$)", "r", 0.6),
    ("(?<=[aeiou])(?=[aeiou])", "d", 0.4), ("(?<=[aeiou])$", "d", 0.5),
    ("(?<=[ai])(?=[ao]s?$)", "d", 0.3),  # the d of -ado, -ada, -ido, -ida ("cansao", "abandonaa")
    ("n(?=[bp])", "m", 0.4),
    ("x", "ch", 0.5), ("w", "gu", 0.5), ("w", "hu", 0.5), ("n[iy](?=[aeiou])", "n", 0.5),
    ("([^aeiou])\\1", "\\1", 0.5), ("(?<!r)r(?!r)", "rr", 0.5), ("(?<!c)c(?!c)", "cc", 0.5),  # doubling
    ("(.)\\1\\1+$", "\\1", 0.3),    # emphatic lengthening ("graciasss")
    ("([aeiou])\\1$", "\\1", 0.4),     # a final vowel doubled for emphasis ("muii", "siii")
    ("(?<=[aeiou])i$", "y", 0.3),        # final y written as it sounds ("mui", "hai", "soi")
    ("stes$", "ste", 0.3),               # -s added to the preterite's tú form ("dormistes", DPD)
    ("g(?=[ao])", "j", 0.5),             # j of -ger/-gir verbs before a/o ("cogo" -> cojo)
]
_EN_CONFUSIONS = [
    ("c", "s", 0.5), ("s", "c", 0.5), ("ph", "f", 0.5), ("f", "ph", 0.5), ("k", "c", 0.5), ("c", "k", 0.5),
    ("ie", "ei", 0.4), ("ei", "ie", 0.4), ("ance", "ence", 0.5), ("ence", "ance", 0.5),
    ("ant", "ent", 0.5), ("ent", "ant", 0.5), ("able", "ible", 0.5), ("ible", "able", 0.5),
    ("er", "or", 0.5), ("or", "er", 0.5), ("s", "z", 0.5), ("z", "s", 0.5),
    ("(.)\\1\\1+$", "\\1", 0.3),
]


def _compiled(confusions) -> list[tuple[str, re.Pattern[str] | None, list[tuple[str, float, bool]]]]:
    """The confusions grouped by pattern: ``(trigger, pattern, [(replacement, cost, has a
    group reference), ...])``.  ``trigger``: letters every match starts with (after a
    lookbehind; "" if none), so a key without them is not searched; ``pattern`` is None when
    it is those letters alone (found with ``str.find``, no regex)."""
    grouped: dict[str, list[tuple[str, float, bool]]] = {}
    for p, r, c in confusions:
        grouped.setdefault(p, []).append((r, c, "\\" in r))
    out = []
    for p, reps in grouped.items():
        trigger = _leading_letters(p)
        out.append((trigger, None if p == trigger else re.compile(p), reps))
    return out


def _leading_letters(pattern: str) -> str:
    """The letters every match of ``pattern`` starts with, after a lookbehind ("" if none)."""
    depth = 0
    for ch in pattern:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            return ""                                   # alternatives: no letters are sure
    m = re.match(r"(\(\?<[!=][^)]*\))?([a-z]*)", pattern)
    letters = m.group(2)
    if pattern[m.end():m.end() + 1] in ("?", "*", "{"):
        letters = letters[:-1]                          # the last one is optional
    return letters


_ES_RULES = _compiled(_ES_CONFUSIONS)
_EN_RULES = _compiled(_EN_CONFUSIONS)

# QWERTY neighbours (the Spanish layout has the same letters, ñ right of l)
_ROWS = ("qwertyuiop", "asdfghjklñ", "zxcvbnm")
_NEIGHBOURS: dict[str, set[str]] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        _x = _c + (0, 0.25, 0.75)[_r]
        for _r2, _row2 in enumerate(_ROWS):
            for _c2, _ch2 in enumerate(_row2):
                _x2 = _c2 + (0, 0.25, 0.75)[_r2]
                if _ch2 != _ch and abs(_r2 - _r) <= 1 and abs(_x2 - _x) <= (1 if _r2 == _r else 0.75):
                    _NEIGHBOURS.setdefault(_ch, set()).add(_ch2)
_PLAIN_VOWELS = frozenset("aeiou")


def _confusions(key: str, rules) -> dict[str, float]:
    """Keys one confusion away from ``key``, with their cost (cheapest wins)."""
    out: dict[str, float] = {}
    for trigger, rx, reps in rules:
        if trigger and trigger not in key:
            continue
        if rx is None:        # the letters themselves: every (non-overlapping) occurrence
            n = len(trigger)
            i = key.find(trigger)
            while i >= 0:
                for rep, cost, _ in reps:
                    cand = key[:i] + rep + key[i + n:]
                    if cand != key and out.get(cand, 9.0) > cost:
                        out[cand] = cost
                i = key.find(trigger, i + n)
            continue
        for m in rx.finditer(key):
            start, end = m.span()
            for rep, cost, grouped in reps:
                cand = key[:start] + (m.expand(rep) if grouped else rep) + key[end:]
                if cand != key and out.get(cand, 9.0) > cost:
                    out[cand] = cost
    return out


def deaccent(s: str) -> str:
    return s.translate(_ACC)


# Longer words get no suggestions (the longest dictionary words have about 25 letters).
MAX_SUGGEST_LENGTH = 40

_FOLD = str.maketrans("áéíóúüñàèìòùâêîôûäëïöç", "aeiouunaeiouaeiouaeioc")
MAGIC = b"RLX5"


def fold(s: str) -> str:
    """Group key of a word: lower case with accents, diaeresis and ñ folded."""
    return s.lower().translate(_FOLD)


CHUNK = 1 << 13          # blob bytes per compressed chunk (8 KiB): a lookup decompresses one
FILTER_BITS = 1 << 23    # about 7% of absent keys pass the filter of a 560,000-key lexicon
_FILTER_MASK = FILTER_BITS - 1
_VECTOR_MIN = 48          # keys from which one numpy pass tests the filter faster than a loop


class PackedForms:
    """Read side of the ``{lang}.lex`` format (written by :func:`pack_forms`).

    Layout: ``RLX5``, uint32 header length, JSON header (``nslots``, ``chunk``, compressed
    sizes of every blob chunk), zero bytes up to a multiple of 8, the key filter (a bitmap of
    ``FILTER_BITS`` bits with bit ``crc32(key) % FILTER_BITS`` set for every key: most absent
    keys, which is what a suggestion search mostly asks about, are turned away without probing
    the table), the hash table (``nslots`` little-endian uint32 slots, 0 = empty, else the top
    byte of ``crc32(key)`` in the top 8 bits and record offset + 1 in the low 24; linear probing
    from ``crc32(key) % nslots``), then the record blob in zlib-compressed chunks of ``chunk``
    bytes (8 KiB) that are decompressed on first use (a record never crosses a chunk; records
    are in order of their most frequent form, so running text touches few chunks, and each rare
    word a suggestion search finds costs a small one). The filter and the table are stored as
    they are used, read in place: loading decompresses nothing. A record is ``klen key n``
    followed by ``n`` forms, each ``flen [form]
    mask_index:uint16 zipf10:uint8 flags:uint8`` (``flen`` 0 = the form is the key itself);
    flags: 1 = enclitic host, 2 = voseo-only enclitic host.
    """

    def __init__(self, data: bytes):
        if data[:4] != MAGIC:
            raise ValueError("not a replylint lexicon file (format 5)")
        (hlen,) = struct.unpack_from("<I", data, 4)
        self.header = h = json.loads(data[8:8 + hlen].decode("utf-8"))
        pos = _aligned(8 + hlen)
        view = memoryview(data)     # (slices of it are not copies)
        self.filter = view[pos:pos + FILTER_BITS // 8]
        pos += FILTER_BITS // 8
        table = view[pos:pos + 4 * h["nslots"]]
        if sys.byteorder == "little":
            self.table = table.cast("I")
        else:
            self.table = array("I", table.tobytes())
            self.table.byteswap()
        pos += 4 * h["nslots"]
        self._raw = []
        for size in h["chunks_z"]:
            self._raw.append(view[pos:pos + size])
            pos += size
        self._chunks: list = [None] * len(self._raw)
        self.mask = h["nslots"] - 1
        self.chunk = h["chunk"]
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
        table, m, size = self.table, self.mask, self.chunk
        h = zlib.crc32(kb)
        f = h & _FILTER_MASK
        if not self.filter[f >> 3] >> (f & 7) & 1:   # (see _may_hold)
            return []
        fp = h >> 24
        i = h & m
        while True:
            slot = table[i]
            if not slot:
                return []
            if slot >> 24 == fp:
                ci, lo = divmod((slot & 0xFFFFFF) - 1, size)
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

    def _may_hold(self, h: int) -> bool:
        """Whether the key filter lets the key with crc32 ``h`` through (if not, it is absent)."""
        f = h & _FILTER_MASK
        return bool(self.filter[f >> 3] >> (f & 7) & 1)

    def _through_filter(self, keys: list[str], encoded: list[bytes], hashes: list[int]):
        """The ``(key, encoded, hash)`` whose bit is set in the key filter (the others are not
        in the table); many keys at once are tested with numpy."""
        if len(keys) < _VECTOR_MIN:
            may_hold = self._may_hold
            return [(k, kb, h) for k, kb, h in zip(keys, encoded, hashes) if may_hold(h)]
        bits = numpy.fromiter(hashes, dtype=numpy.uint32, count=len(hashes)) & _FILTER_MASK
        passed = numpy.flatnonzero(self._filter_array[bits >> 3] >> (bits & 7) & 1).tolist()
        return [(keys[i], encoded[i], hashes[i]) for i in passed]

    @property
    def _filter_array(self):
        array_ = self.__dict__.get("_filter_np")
        if array_ is None:
            array_ = self.__dict__["_filter_np"] = numpy.frombuffer(self.filter, dtype=numpy.uint8)
        return array_

    def present(self, keys) -> list[str]:
        """The ``keys`` that have a record (one pass; a blob chunk is read only when a slot's
        fingerprint matches)."""
        table, m, crc, size = self.table, self.mask, zlib.crc32, self.chunk
        chunks = self._chunks
        out = []
        keys = list(keys)
        encoded = list(map(str.encode, keys))
        hashes = list(map(crc, encoded))
        for key, kb, h in self._through_filter(keys, encoded, hashes):
            n = len(kb)
            if not n or n > 255:
                continue
            fp = h >> 24
            i = h & m
            while True:
                slot = table[i]
                if not slot:
                    break
                if slot >> 24 == fp:
                    ci, lo = divmod((slot & 0xFFFFFF) - 1, size)
                    blob = chunks[ci] or self._chunk(ci)
                    if blob[lo] == n and blob.startswith(kb, lo + 1):
                        out.append(key)
                        break
                i = (i + 1) & m
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
    key_filter = bytearray(FILTER_BITS // 8)
    blob = bytearray()
    # the most frequent words first: the words of real text share a few chunks, so checking it
    # decompresses a small part of the blob
    top = {key: max(forms[f][1] for f in members) for key, members in groups.items()}
    for key in sorted(groups, key=lambda k: (-top[k], k)):
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
        f = h & _FILTER_MASK
        key_filter[f >> 3] |= 1 << (f & 7)
        i = h & (nslots - 1)
        while table[i]:
            i = (i + 1) & (nslots - 1)
        table[i] = (h >> 24) << 24 | (off + 1)
    if sys.byteorder != "little":
        table.byteswap()
    chunks = [zlib.compress(bytes(blob[i:i + CHUNK]), 9) for i in range(0, len(blob), CHUNK)]
    hdr = dict(header, nslots=nslots, chunk=CHUNK, masks=masks, keys=len(groups), stored_forms=len(forms),
               chunks_z=[len(c) for c in chunks])
    hb = json.dumps(hdr, sort_keys=True, ensure_ascii=False).encode("utf-8")
    head = MAGIC + struct.pack("<I", len(hb)) + hb
    head += bytes(_aligned(len(head)) - len(head))
    return head + bytes(key_filter) + table.tobytes() + b"".join(chunks)


def _aligned(offset: int) -> int:
    """``offset`` rounded up to a multiple of 8 (where the key filter starts)."""
    return -(-offset // 8) * 8


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
        key = fold(key)
        hosts = [f for f, _, fl in self._lex._entries(key) if fl & flags]
        if not hosts:
            # a verb with a prefix the dictionary does not list: re- + configurar -> reconfigurar
            for p, rest in _prefix_rests(key):
                hosts += [p + f for f, _, fl in self._lex._entries(rest)
                          if fl & flags and f.islower() and not f.startswith(p)]
        return hosts or default


class Lexicon:
    """Word list for one language / variant.  Use :meth:`Lexicon.load`."""

    _cache: dict = {}
    _requested: dict = {}   # (lang, variant) as asked for -> the lexicon
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

    # -- construction ------------------------------------------------------
    @classmethod
    def load(cls, lang: str, variant: str | None = None) -> "Lexicon":
        lex = cls._requested.get((lang, variant))   # every draft asks: no lock, no parsing
        if lex is not None:
            return lex
        request = (lang, variant)
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
            cls._requested[request] = lex
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
            if len(self._groups) >= _CACHE_CAP:
                self._groups.clear()
            self._groups[key] = g
        return g

    def spellings(self, word: str) -> tuple[str, ...]:
        """The dictionary's spellings of ``word`` up to accents and case ("tambien" ->
        ("también",), "maria" -> ("María",)), enclitic and derived forms included."""
        key = fold(word.strip().replace("’", "'"))
        return self._spellings_of(key, True) if self.lang == "es" else self._spellings_of(key)

    def _has(self, form: str) -> bool:
        return any(f == form for f, _, _ in self._entries(fold(form)))

    # -- lookup ------------------------------------------------------------
    def knows(self, word: str) -> bool:
        r = self._known_cache.get(word)
        if r is None:
            if len(self._known_cache) >= _CACHE_CAP:
                self._known_cache.clear()
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
        forms = [f for f, _, _ in self._entries(lw.translate(_FOLD))]   # (the fold of w)
        if w in forms:
            return True
        if lw != w:
            if lw in forms:
                return True
            cap = lw[:1].upper() + lw[1:]
            if (w.isupper() or w == cap) and cap in forms:
                return True
        if self.lang == "es" and (w == lw or w.isupper() or w[:1].upper() + lw[1:] == w):
            if self._clitic_form(lw) or lw in self._derived_spellings(fold(lw)):
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

    def _derived_spellings(self, key: str) -> list[str]:
        """Regular derivations the dictionary does not list, whose fold is ``key``: adverbs in
        -mente on a feminine or invariable adjective ("telepáticamente") and superlatives in
        -ísimo ("malísimos", "riquísima"), RAE, *Nueva gramática* §7.14 and §7.4; diminutives
        in -ito/-illo, -cito, -ecito ("guapita", "ojillo", "camioncito", "panecito"; §9.2-9.6)
        of a lower-case word; a verb with one of the
        prefixes re-, pre-, des-, sub- ("reconfigurar", "reagendar"; §10.10) on an infinitive,
        gerund or imperative the dictionary lists (see :class:`_HostIndex`). Diminutives and
        prefixed verbs are not derived for a key the dictionary has words for: "debito" is
        débito without its accent, not a diminutive of "debo"."""
        out: list[str] = []
        m = _DIMINUTIVE.fullmatch(key)
        prefixed = key.startswith(_VERB_PREFIXES) and len(key) >= 7
        if (m or prefixed) and not self._entries(key):
            if m:
                out += self._diminutives(m.group(1), m.group(2), m.group(3))
            if prefixed:
                out += [h for h in self._hosts.get(key) if fold(h) == key]
        if len(key) > 8 and key.endswith("mente"):
            out += [f + "mente" for f in self._spellings_of(key[:-5]) if f.islower() and (
                f[-1] in "aelrzn" or f.endswith(("és", "ás")))]
        m = _SUPERLATIVE.fullmatch(key)
        if m:
            base, end = m.group(1), m.group(2)
            stems = {base + "o": 1, base + "e": 1, base: 0}
            if base.endswith(("qu", "gu")):
                stems[base[:-2] + ("co" if base[-2] == "q" else "go")] = 1
            if base.endswith("bil"):
                stems[base[:-3] + "ble"] = 2
            if base.endswith("c"):
                stems[base[:-1] + "z"] = 0          # feroz -> ferocísimo
            for stem, cut in stems.items():
                for f in self._spellings_of(stem):
                    if f.islower() and (cut or f[-1] in "lrnzs"):
                        b = deaccent(f[:-3] + "il" if cut == 2 else f[:-1] if cut else f)
                        if cut == 1 and b.endswith(("c", "g")):
                            b = b[:-1] + ("qu" if b[-1] == "c" else "gu")   # rico -> riquísimo
                        b = b[:-1] + "c" if not cut and b.endswith("z") else b
                        if base == fold(b):
                            out.append(b + "ísim" + end)
        return out

    def _diminutives(self, stem: str, suffix: str, ending: str) -> list[str]:
        """Diminutives whose fold is ``stem + suffix + ending`` (``suffix``: "it" or "ill";
        ``ending``: o, a, os, as), with the infix -c- or -ec- where the base asks for it."""
        key = stem + suffix + ending
        tail = suffix + ending
        vowel = ending[0]
        bases: list[tuple[str, str]] = []           # (base key, infix)
        if stem[-1] not in "aeiou" or stem.endswith(("qu", "gu")):
            bases.append((stem + vowel, ""))             # casa -> casita, libro -> librito
            if stem.endswith(("qu", "gu")):              # poco -> poquito, amigo -> amiguito
                bases.append((stem[:-2] + ("c" if stem[-2] == "q" else "g") + vowel, ""))
            if vowel == "o":
                bases.append((stem, ""))                 # árbol -> arbolito, reloj -> relojito
        if stem.endswith("c") and len(stem) >= 4:
            bases.append((stem[:-1], "c"))               # camión -> camioncito, padre -> padrecito
        if stem.endswith("ec") and len(stem) >= 4:
            bases.append((stem[:-2], "ec"))              # pan -> panecito
            if stem.endswith("cec"):
                bases.append((stem[:-3] + "z", "ec"))    # pez -> pececito
        out = []
        for base, infix in bases:
            for f, _, fl in self._entries(base):
                if not f.islower():
                    continue
                plain = deaccent(f).replace("ü", "u")
                if not infix:
                    if base != stem:
                        if plain[-1] not in "oa":
                            continue
                        plain = plain[:-1]
                        plain = plain[:-1] + ("qu" if plain[-1] == "c" else "gu") if plain[-1] in "cg" else plain
                    elif plain[-1] in "aeiouys" or f[-1] in "nr" or len(_nuclei(f)) < 2:
                        continue                         # pan -> panecito, camión -> camioncito
                elif infix == "c" and not (f[-1] in "nr" or f[-1] in "eáéó" and len(_nuclei(f)) > 1):
                    continue
                elif infix == "ec":
                    if len(_nuclei(f)) != 1 or f[-1] in "aeiou":
                        continue
                    plain = plain[:-1] + "c" if plain.endswith("z") else plain
                form = plain + infix + tail
                if fold(form) == key:
                    out.append(form)
        return list(dict.fromkeys(out))

    def _clitic_spellings(self, key: str, hosted: "_Hosted | None" = None) -> list[str]:
        """Enclitic forms (host + pronouns) whose fold is ``key`` ("contactenos" -> contáctenos).
        ``hosted``: for a batch of candidates, which have host keys the dictionary has (see
        :meth:`_hosted`; a stem none of whose keys it has hosts nothing)."""
        if len(key) < 4 or key[-1] not in "eaos":
            return []
        if hosted is not None:
            if key not in hosted.keys:
                return []
            present = hosted.present
        out = []
        for c, stems in _cluster_stems(key):
            if hosted is not None:
                stems = [stem for stem in stems if stem in present or any(
                    rest in present for _, rest in _prefix_rests(stem))]
            for h in [h for stem in stems for h in self._hosts.get(stem)]:
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
        """Corrections for ``word``, likeliest first, in the case of ``word``.

        Ranking: a word that differs only by accents, ñ or ü comes first ("tambien" ->
        también); then by the cost of the error that would explain the typing (see
        ``_ES_CONFUSIONS`` and :func:`_edit_cost`) less a small bonus for frequent words.
        Next to such an accent repair only confusions and one-edit words are offered: the
        costlier searches (enclitic forms one edit away, a second edit) run only when no
        accent repair exists."""
        if len(word) > MAX_SUGGEST_LENGTH:
            return ()  # no dictionary word is this long; its edits would not fit in memory
        key = (word, limit)
        r = self._sugg_cache.get(key)
        if r is None:
            if len(self._sugg_cache) >= _CACHE_CAP // 8:
                self._sugg_cache.clear()
            r = self._sugg_cache[key] = self._suggest(word, limit)
        return r

    def _engine_edits(self, w: str) -> set[str]:
        """Strings one edit away from ``w`` (pyspellchecker's candidate generator)."""
        if self._engine is None:
            self._engine = SpellChecker(language=None, case_sensitive=True, distance=1)
            self._engine.word_frequency.load_words([self._letters])
        return self._engine.edit_distance_1(w)

    def _spellings_of(self, key: str, deep: bool = False, hosted: "_Hosted | None" = None) -> tuple[str, ...]:
        """Dictionary and vocabulary spellings whose fold is ``key`` (+ enclitic forms if deep;
        ``hosted`` as for :meth:`_clitic_spellings`)."""
        cache = self._deep_cache if deep else self._spell_cache
        r = cache.get(key)
        if r is None:
            if len(cache) >= _CACHE_CAP:
                cache.clear()
            found = [f for f, _, _ in self._entries(key)]
            found += self._vocab_keys.get(key, ())
            if deep and self.lang == "es":
                found += self._clitic_spellings(key, hosted)
                found += self._derived_spellings(key)
            r = cache[key] = tuple(found)
        return r

    def _suggest(self, word: str, limit: int) -> tuple[str, ...]:
        w = word.strip().replace("’", "'")
        if not w or limit <= 0:
            return ()
        lw = w.lower()
        kw = fold(lw)
        es = self.lang == "es"
        costs: dict[str, float] = {}          # candidate key -> cheapest cost of reaching it

        def add(cands: dict[str, float] | set, cost_of=None) -> None:
            for c in cands:
                cost = cands[c] if cost_of is None else cost_of(c)
                if costs.get(c, 9.0) > cost:
                    costs[c] = cost

        # 1. confusions, alone and in pairs (accents are restored on every candidate)
        # (on the word as typed with ñ and ü kept: "mañna" has no doubled n, "ñn" is not "nn")
        rules = _ES_RULES if es else _EN_RULES
        typed = deaccent(lw) if es and len(deaccent(lw)) == len(kw) else kw
        first_typed = _confusions(typed, rules)
        plain = typed.isascii()       # then every confusion is a folded key already
        first = dict(first_typed) if plain else _folded(first_typed)
        first.pop(kw, None)
        add(first)
        cheap = self._present(first, deep=es)      # enclitic forms too ("contactanos" -> contáctanos)
        pairs: dict[str, float] = {}
        for c, cost in first_typed.items():
            again = _confusions(c, rules)
            for c2, c2cost in (again if plain else _folded(again)).items():
                if c2 != kw and c2 not in first and pairs.get(c2, 9.0) > cost + c2cost:
                    pairs[c2] = cost + c2cost
        add(pairs)
        cheap.update(self._present(pairs, deep=False))
        # 2. one edit (pyspellchecker's generator), costed by kind
        edits = self._engine_edits(kw)
        edits.discard(kw)
        one = self._present(edits, deep=False)
        for c in one:
            cost = _edit_cost(kw, c, typed)
            if costs.get(c, 9.0) > cost:
                costs[c] = cost
                cheap[c] = one[c]
        found = {k: v for k, v in cheap.items() if v}
        # accents: the key itself (también for tambien, contáctenos for contactenos), the
        # cheapest correction there is: with one, the costlier searches below are not made
        same = self._spellings_of(kw, True) if es else self._spellings_of(kw)
        accents_only = any(f.lower() != lw for f in same)
        # enclitic forms one edit away ("hecharme" -> echarme), when nothing cheap was found
        if es and not accents_only and not any(costs[k] <= 0.5 for k in found) and _clusters_of(kw):
            deep = self._present([c for c in edits if _clusters_of(c)], deep=True)
            for c, forms in deep.items():
                if forms and c not in found:
                    costs[c] = _edit_cost(kw, c)
                    found[c] = forms
        # 3. a bounded second edit, only when nothing is within one edit: deletions and swaps
        # of the deletions and swaps of the key (about 4·n² probes, not the 2,500·n² of a full
        # second edit)
        if not accents_only and (not found or min(costs[k] for k in found) > 1.05) and 4 <= len(kw) <= 14:
            ones = {c: _dels_swaps(c) for c in _dels_swaps(kw)}     # first edit -> its edits
            seconds = set().union(*ones.values())
            seconds.discard(kw)
            for d, forms in self._present(seconds, deep=False).items():
                if d not in found:
                    costs[d] = min(_edit_cost(kw, c) + _edit_cost(c, d) for c, cs in ones.items() if d in cs)
                    found[d] = forms
            # a confusion and a deletion, swap or vowel change ("colagao" -> colagado -> colgado,
            # "apagondosee" -> apagondose -> apagándose), enclitic forms included
            edited = {c: _dels_swaps(c, vowels=True) for c in first}     # confusion -> its edits
            mixed = set().union(*edited.values())
            mixed.difference_update(found)
            mixed.discard(kw)
            for d, forms in self._present(mixed, deep=True).items():
                cost = min(first[c] + _edit_cost(c, d) for c, ds in edited.items() if d in ds)
                if costs.get(d, 9.0) > cost:
                    costs[d] = cost
                    found[d] = forms
        best: dict[str, float] = {}
        acc = _accent_marks(lw)
        for f in same:
            if f != w:
                # accents only: ranked before any other change; capitals only (a name for a
                # lower-case word: "pillao" -> Pillao) is one more change among the others
                best[f] = 0.3 if f.lower() == lw else -1.0
        for k, forms in found.items():
            base = costs[k]
            for f in forms:
                if f == w or f in best and best[f] <= base:
                    continue
                c = base if _accent_marks(f.lower()) == acc else base + 0.1
                if best.get(f, 9.0) > c:
                    best[f] = c
        for f in [f for f in best if f != f.lower() and f.lower() in best]:
            best[f.lower()] = min(best[f.lower()], best.pop(f))   # "The" when "the" exists
        if not best:
            return ()
        lower_input = lw == w

        def score(f: str) -> float:
            s = best[f] - _FREQ_WEIGHT * (self._zipf10(f) / 10.0)
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

    def _present(self, cands: Iterable[str], deep: bool) -> dict[str, tuple[str, ...]]:
        """``{key: spellings}`` for the candidate keys that have dictionary words (all keys
        looked up in one pass over the hash table; the spellings only for those found)."""
        deep = deep and self.lang == "es"   # enclitic and derived forms are Spanish's
        cached = (self._deep_cache if deep else self._spell_cache).get
        out = {}
        todo = []
        for c in cands:
            r = cached(c)
            if r is None:
                todo.append(c)
            elif r:
                out[c] = r
        if not todo:
            return out
        vocab = self._vocab_keys
        hits = self._pk.present(todo)
        if vocab:
            hits += [c for c in vocab.keys() & todo if c not in hits]
        hosted = None
        if deep:
            # absent keys: only an enclitic form on a host the dictionary has, or a regular
            # derivation, can spell them (most have neither)
            hosted = self._hosted(todo)
            absent = set(todo).difference(hits)
            groups = self._groups
            for c in absent:
                if c in hosted.keys or _derivable(c):
                    hits.append(c)
                    if len(groups) < _CACHE_CAP:
                        groups[c] = ()   # known absent: no second probe for its entries
        for c in hits:
            r = self._spellings_of(c, deep, hosted)
            if r:
                out[c] = r
        return out

    def _hosted(self, keys: list[str]) -> _Hosted:
        """Which of ``keys`` have a host key (see :func:`_host_keys`) the dictionary has: no
        other key can spell an enclitic form."""
        by_cuts: dict[tuple[tuple[int, str], ...], list[str]] = {}   # keys with the same stem cuts
        prefixed = []
        for c in keys:
            if c[-2:] in _CLUSTER_ENDS and len(c) >= 4:
                cuts = _TAIL_CUTS.get(_cluster_tail(c))
                if cuts is None:
                    cuts = _stem_cuts(c)
                if cuts:
                    if c.startswith(_VERB_PREFIXES):
                        prefixed.append(c)
                    else:
                        by_cuts.setdefault(cuts, []).append(c)
        # (candidates, the host key of each): a list per stem cut, and one per prefixed candidate
        lookups = [(group, [c[:-k] + add for c in group]) for cuts, group in by_cuts.items() for k, add in cuts]
        for c in prefixed:
            stems = _host_keys(c)
            lookups.append(([c] * len(stems), stems))
        present = set(self._pk.present({k for _, stems in lookups for k in stems}))
        keys_hosted = set()
        for group, stems in lookups:
            if not present.isdisjoint(stems):
                keys_hosted.update([c for c, stem in zip(group, stems) if stem in present])
        return _Hosted(keys_hosted, present)


@dataclass(frozen=True)
class _Hosted:
    keys: set[str]        # the candidate keys with a host key the dictionary has
    present: set[str]     # the host keys of the candidates that the dictionary has


_FREQ_WEIGHT = 0.05    # a word 10x more frequent (one Zipf unit) gains 0.05
_CACHE_CAP = 50_000    # entries per lookup cache (cleared when full: memory stays bounded)
_ACCENTED = frozenset("áéíóúüñ")
_SUPERLATIVE = re.compile(r"(.{2,})isim(os?|as?)")
_DIMINUTIVE = re.compile(r"(.{2,})(it|ill)(os?|as?)")
_DIMINUTIVE_ENDINGS = tuple(s + e for s in ("it", "ill") for e in ("o", "os", "a", "as"))
_VERB_PREFIXES = ("re", "pre", "des", "sub")
_MIN_PREFIXED = 5          # letters after the prefix (des + ir is not "desir")


def _accent_marks(lw: str) -> str:
    return "".join(c for c in lw if c in _ACCENTED) if not lw.isascii() else ""


def _derivable(key: str) -> bool:
    return key.endswith("mente") or "isim" in key and _SUPERLATIVE.fullmatch(key) is not None or (
        key.endswith(_DIMINUTIVE_ENDINGS) and _DIMINUTIVE.fullmatch(key) is not None) or (
        len(key) >= 7 and key.startswith(_VERB_PREFIXES))


def _host_keys(key: str) -> list[str]:
    """The keys :meth:`_HostIndex.get` may look up for the enclitic readings of ``key``: each
    stem left by a cluster (with the "s" or "d" the cluster may have dropped) and, for a stem
    with a verb prefix, the rest of it."""
    out = [stem for _, stems in _cluster_stems(key) for stem in stems]
    if out and key.startswith(_VERB_PREFIXES):
        out += [rest for stem in out for _, rest in _prefix_rests(stem)]
    return out


def _cluster_stems(key: str) -> list[tuple[str, list[str]]]:
    """Each enclitic cluster ``key`` ends with, and the stems its host may have (see
    ``_CLUSTER_CUTS``)."""
    return [(cluster, [key[:-cut] + add for cut, add in _CLUSTER_CUTS[cluster]]) for cluster in _clusters_of(key)]


def _stem_cuts(key: str) -> tuple[tuple[int, str], ...]:
    """``(letters cut, letter added)`` that make the stems of :func:`_cluster_stems`, in its
    order (they depend on the key's tail only: cached by it, as :func:`_clusters_of`)."""
    cuts = tuple(cut for cluster in _clusters_of(key) for cut in _CLUSTER_CUTS[cluster])
    if len(_TAIL_CUTS) >= _CACHE_CAP:
        _TAIL_CUTS.clear()
    _TAIL_CUTS[_cluster_tail(key)] = cuts
    return cuts


def _prefix_rests(key: str) -> list[tuple[str, str]]:
    """``(prefix, rest)`` for each verb prefix ``key`` starts with, leaving a long enough rest."""
    return [(p, key[len(p):]) for p in _VERB_PREFIXES if key.startswith(p) and len(key) - len(p) >= _MIN_PREFIXED]


def _dels_swaps(w: str, vowels: bool = False) -> set[str]:
    """Deletions and swaps of neighbours of ``w`` (and vowel-for-vowel changes if ``vowels``)."""
    n = len(w)
    out = {w[:i] + w[i + 1:] for i in range(n)}
    out.update([w[:i] + w[i + 1] + w[i] + w[i + 2:] for i in range(n - 1)])
    if vowels:
        out.update([w[:i] + v + w[i + 1:] for i in range(n) if w[i] in _PLAIN_VOWELS for v in _PLAIN_VOWELS])
    out.discard(w)
    return out


def _folded(cands: dict[str, float]) -> dict[str, float]:
    """``cands`` with their keys folded (the cheapest cost where two keys fold alike)."""
    out: dict[str, float] = {}
    for c, cost in cands.items():
        k = fold(c)
        if out.get(k, 9.0) > cost:
            out[k] = cost
    return out


def _edit_cost(word: str, candidate: str, typed: str | None = None) -> float:
    """Cost of the single edit that turns ``word`` (as typed) into ``candidate``.

    Writers leave letters out more often than they add them, and slip onto a neighbouring
    key more often than onto any other: a letter left out costs 0.8 (a vowel or a final "s",
    0.7), an extra letter 0.9, a doubled letter or an "h" added or dropped 0.5, two
    neighbours swapped 0.7, a neighbouring key 0.7, any other letter 1. ``typed`` is the word
    as typed before folding (same length): a letter is doubled only if it is there ("mañna").
    """
    typed = typed if typed is not None and len(typed) == len(word) else word
    i = 0
    shorter = min(len(word), len(candidate))
    while i < shorter and word[i] == candidate[i]:
        i += 1
    if len(candidate) == len(word) - 1:          # the writer typed an extra letter
        gone = typed[i]
        if gone == "h" or (i > 0 and typed[i - 1] == gone) or typed[i + 1:i + 2] == gone:
            return 0.5
        return 0.9
    if len(candidate) == len(word) + 1:          # the writer left a letter out
        added = candidate[i]
        if added == "h" or (i > 0 and candidate[i - 1] == added) or candidate[i + 1:i + 2] == added:
            return 0.5
        if added in _PLAIN_VOWELS or (added == "s" and i == len(word)):
            return 0.7
        return 0.8
    if i + 1 < len(word) and word[i + 1] == candidate[i] and candidate[i + 1:i + 2] == word[i:i + 1] \
            and word[i + 2:] == candidate[i + 2:]:
        return 0.7
    if i >= len(word) or i >= len(candidate):
        return 1.0
    a, b = word[i], candidate[i]
    if deaccent(a) == deaccent(b) or {a, b} <= {"n", "ñ"}:
        return 0.3
    return 0.7 if b in _NEIGHBOURS.get(a, ()) else 1.0


def _match_case(original: str, sugg: str) -> str:
    if len(original) > 1 and original.isupper():
        return sugg.upper()
    if original[:1].isupper():
        return sugg[:1].upper() + sugg[1:]
    return sugg
