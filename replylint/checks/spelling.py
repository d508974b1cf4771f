from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

from .._lazy import lazy_property
from ..draft import Draft, has_letter, is_word
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ..textnorm import fold
from ._phrases import alternation, phrases
from .brand_casing import declared_forms


_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f'’]+")


@dataclass(frozen=True)
class SpellingOptions:
    names: bool = True
    max_suggestions: int = 3
    min_length: int = 2
    other_language: bool = True
    __option_docs__ = {
        "other_language": "a draft whose words are mostly unknown here and known to the other language's "
                          "lexicon (a Spanish reply checked as English) gets one finding that says so, "
                          "instead of one per word",
        "names": "take words that look like a person's name as names and do not check them: capitalised "
                 "inside a sentence, right after a greeting (“Hola, Ximena”), or part of an @handle "
                 "of the draft",
        "max_suggestions": "how many corrections to offer",
        "min_length": "shortest word that is checked",
    }


# Text marked as quoted or emphasised: Spanish orthography writes unadapted foreign words
# in italics or, where italics are not available, in quotes (RAE, Ortografía 2010).
_MARKED = re.compile(r'«[^»\n]*»|“[^”\n]*”|"[^"\n]*"|(?<![\w*])\*[^*\n]+\*(?![\w*])|(?<!\w)_[^_\n]+_(?!\w)')
_OTHER_LANG = {"es": "en", "en": "es"}
_LANGUAGE_NAMES = {"es": ("español", "Spanish"), "en": ("inglés", "English")}   # in es, in en
# A draft in the other language: at least this many words judged, at least this share of them
# unknown here, and of those at least this share known to the other language's lexicon.
_OTHER_MIN_WORDS = 6
_OTHER_MIN_UNKNOWN = 3
_OTHER_SHARE = 0.5
_OTHER_THEIRS = 0.6
_VOCATIVE_END = frozenset(",.;:!?¡¿…\r\n")
_KNOWN_CAP = 50_000  # words remembered as known (forgotten when full: memory stays bounded)


def _other_lexicon(draft: Draft):
    """The lexicon of the draft's other language (English for Spanish, and back), if any."""
    other = _OTHER_LANG.get(draft.lang)
    if other is None:
        return None
    from ..lexicon import Lexicon

    return Lexicon.load(other)


def _is_camel(word: str) -> bool:
    """Mixed case: a capital after the first letter and a lower-case letter somewhere ("WhatsApp")."""
    rest = word[1:]
    return rest.lower() != rest and word.upper() != word


class _Context:
    """Per-draft facts the rule needs only for unknown words, computed on first use."""

    def __init__(self, draft: Draft):
        self.draft = draft

    @lazy_property
    def sentence_starts(self) -> set[int]:
        return {bounds.start for bounds in self.draft.sentence_bounds}

    @lazy_property
    def declared(self):
        return declared_forms(self.draft)  # =Form vocabulary: other casings are brand-casing's

    @lazy_property
    def declared_folded(self) -> dict[str, str]:
        """Exact-case vocabulary by folded form ("audiomatico" -> "Audiomático")."""
        return _by_fold(self.declared)

    @lazy_property
    def abbreviations(self) -> frozenset[str]:
        return _abbreviations(self.draft.langdata)

    @lazy_property
    def handles(self) -> list[str]:
        """The @mentions of the draft, folded, without the ``@``."""
        text = self.draft.text
        return [fold(text[s.start + 1:s.end]) for s in self.draft.spans_of("mention")]

    def vocative(self, start: int, word: str) -> bool:
        """The word at ``start`` follows a greeting that opens a sentence and is capitalised or
        closed by punctuation, as a vocative is ("Hola, ximena.", "Buenas tardes. Kike nos...")."""
        text = self.draft.text
        after = text[start + len(word):start + len(word) + 1]
        if word[0].islower() and after and after not in _VOCATIVE_END:
            return False
        return _after_greeting(self.draft.lang).search(fold(text[max(0, start - 60):start])) is not None

    def name_like(self, start: int, word: str) -> bool:
        """The word at ``start`` is in the place of a person's name: right after a greeting, or
        part of an @handle."""
        lw = fold(word)
        if len(lw) >= 3 and any(lw in h for h in self.handles):
            return True
        return self.vocative(start, word)

    @lazy_property
    def marked(self) -> list[tuple[int, int]]:
        text = self.draft.text
        return [m.span() for m in _MARKED.finditer(text)] if any(c in text for c in '«“"*_') else []

    def at_sentence_start(self, index: int) -> bool:
        starts = self.sentence_starts
        if index in starts:
            return True
        doc = self.draft.doc
        return index > 0 and (doc[index - 1].is_punct or doc[index - 1].is_space) and \
            Spelling._starts_sentence(self.draft, index, starts)


_BY_FOLD: dict[int, tuple[dict, dict]] = {}


def _by_fold(declared: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """The single-form entries of ``declared`` by folded form, made once per ``declared`` (the
    same dict for the same vocabulary: see ``exact_forms``) and kept with it, so its id is not
    reused while it is here."""
    memo = _BY_FOLD.get(id(declared))
    if memo is None or memo[0] is not declared:
        if len(_BY_FOLD) >= 8:
            _BY_FOLD.clear()
        folded = {fold(k): forms[0] for k, forms in declared.items() if len(forms) == 1}
        memo = _BY_FOLD[id(declared)] = (declared, folded)
    return memo[1]


@lru_cache(maxsize=8)
def _abbreviations(langdata) -> frozenset[str]:
    return frozenset(a.lower() for a in langdata.abbreviations)


@lru_cache(maxsize=8)
def _abbreviation_spellings(langdata) -> dict[str, str]:
    """Folded abbreviation -> its spelling in the language data ("mex." -> "méx.")."""
    return {fold(a): a for a in _abbreviations(langdata)}


@lru_cache(maxsize=8)
def _after_greeting(lang: str) -> re.Pattern[str]:
    """A greeting that opens a sentence (after the start, a line break, an end mark or an
    @mention), then only spaces and punctuation up to the end of the (folded) text."""
    greetings = alternation(phrases("greetings", lang, "greetings"))
    return re.compile(r"(?:^|[\n.!?¡¿]|@\w+)\s*" + greetings + r"[\s,.;:!¡]*$")


@dataclass
class _Memo:
    """What the rule remembers for one lexicon and vocabulary: the words found known (see
    :meth:`Spelling._known_words`) and the settled token strings, by hash (see
    :meth:`Spelling._all_settled`)."""

    lexicon: object
    settings: object
    known: set[str] = field(default_factory=set)
    settled: set[int] = field(default_factory=set)


class Spelling(Rule):
    """Words that are not in the language's dictionary.

    Norm: "Adquirir un buen nivel de escritura y ortografía" (seed on empathy in support
    services); re-read "para que no haya ningún error de ortografía o de gramática antes de
    mandar su respuesta" (seed on multichannel agents, section 5). In Spanish support replies the
    most common real error is a missing accent ("tambien", "informacion").

    The dictionary is a full lexicon of inflected forms (see ``replylint/data/lexicon``) plus
    the shipped support vocabulary (``rules/vocabulary``) and the config's ``vocabulary:``. URLs,
    e-mails, mentions, hashtags, placeholders, numbers, HTML character references (``&lt;``),
    codes with digits and signatures are never checked; nor are acronyms, short words in
    capitals, words written in mixed case (brand names such as "WhatsApp"), abbreviations of
    the language data followed by their period ("ext.", "Cd."; one written without its accent,
    "Mex.", is reported with the listed form, "Méx.", as is an acronym in lower case, "tv" ->
    "TV"). Case variants of an exact-case vocabulary entry (``=Citibanamex``) are left to
    ``brand-casing``; a variant that also lacks an accent ("audiomatico" for ``=Audiomático``)
    is reported here with the entry as its suggestion.

    Names (option ``names``, on by default): a customer's name is in no dictionary, so a word
    that looks like one is taken as a name and not reported: a capitalised word (first letter
    upper case, the rest lower case) or a word in capitals inside a sentence ("gracias, Lupita",
    "GARCÍA"); a word right after a greeting that opens a sentence, when it is capitalised or
    closed by punctuation as a vocative is ("Hola, ximena.", "Buenas tardes. Kike nos..."); a
    word that is part of an @handle of the draft ("@kikeleash ... Kike"). The trade-off: a
    capitalised typo inside a sentence ("pago con la Tarjeta Digitall") or a typo in the place
    of the vocative ("Buenas tardez, ...") is missed, unless the word differs from a lower-case
    dictionary word by its accents only, in either case ("Hola, tambien", "¡Hola! Tambien te
    escribimos": still reported).
    ``names: false`` checks all of them (and reports every customer's name the dictionary does
    not know).

    Foreign text: a word in quotes («…», “…”, "…") or emphasis (``*…*``, ``_…_``), the marks
    Spanish orthography uses for foreign words, is not reported when the other language's
    lexicon knows it ("El aviso dice «Payment declined»"); a misspelt word in quotes still is.
    For anything else, ``replylint-disable-next-line spelling`` or the vocabulary.

    A reply in the other language (a Spanish reply checked as English, or the reverse; option
    ``other_language``, on by default): when at least half of the six or more words the rule
    judges are unknown here and most of those are words of the other language, each of them
    would be a meaningless "misspelling"; the rule reports the draft once instead ("The reply
    seems to be in Spanish, not English: ..."), so the agent replies in the right language or
    the language setting is corrected (``lang: auto`` detects it per draft). A draft in a third
    language keeps its word-by-word findings.

    Suggestions are ranked; when the only change is an accent and exactly one word fits, the
    fix restores it.
    """

    id = "spelling"
    summary = "Misspelt words (unknown to the language's lexicon and the vocabulary)"
    severity = Severity.WARNING
    Options = SpellingOptions
    _known_memo: "_Memo | None" = None  # see _memo

    def check(self, draft: Draft) -> Iterable[Hit]:
        lexicon, settings = draft.lexicon, draft.settings
        if self._all_settled(draft, lexicon, settings):
            return  # most drafts
        texts = draft.texts
        indices = self._word_indices(draft)
        known = self._known_words(lexicon, settings)
        starts = draft.starts
        unknown = []
        for index in [i for i in indices if texts[i] not in known]:
            word = texts[index]
            if self._known(word, lexicon, settings):
                if len(known) >= _KNOWN_CAP:
                    known.clear()
                known.add(word)
            else:
                unknown.append((index, word, starts[index]))
        if not unknown:
            return
        text = draft.text
        ctx = _Context(draft)
        if self.options.other_language and len(unknown) >= _OTHER_MIN_UNKNOWN \
                and len(unknown) >= _OTHER_SHARE * len(indices):
            words = self._words(draft, indices)
            hit = self._in_other_language(draft, ctx, words, unknown)
            if hit is not None:
                yield hit
                return
        for index, word, start in unknown:
            if not self._checkable(ctx, index, word):
                continue
            if word.lower() in ctx.declared:
                continue
            end = start + len(word)
            if text[end:end + 1] == "." and (word.lower() + ".") in ctx.abbreviations:
                continue
            if ctx.marked and any(a < start and end < b for a, b in ctx.marked) and self._foreign(draft, word):
                continue
            if self._is_name(ctx, start, word, lexicon):
                continue
            suggestions = lexicon.suggest(word, limit=self.options.max_suggestions)
            other = self._other_form(draft, ctx, word, end)
            if other:
                suggestions = (other,) + tuple(s for s in suggestions if s != other)[:self.options.max_suggestions - 1]
            fix = None
            if suggestions and fold(suggestions[0]) == fold(word) and \
                    sum(1 for s in suggestions if fold(s) == fold(word)) == 1:
                fix = (Edit(start, end, suggestions[0]),)
            if suggestions:
                message = self.say(draft, f"Palabra desconocida “{word}” (¿quisiste decir “{suggestions[0]}”?)",
                                   f"Unknown word “{word}” (did you mean “{suggestions[0]}”?)")
            else:
                message = self.say(draft, f"Palabra desconocida “{word}”", f"Unknown word “{word}”")
            yield self.hit(start, end, message, suggestions, fix)

    def _in_other_language(self, draft: Draft, ctx: "_Context", words, unknown) -> Hit | None:
        """One finding for a draft in the other language: most of the words the rule would
        judge are unknown here, and most of those are words of the other language."""
        other = _other_lexicon(draft)
        if other is None:
            return None
        judged = {i for i, w, _ in words if self._checkable(ctx, i, w)}
        strange = [w for i, w, _ in unknown if i in judged]
        if len(judged) < _OTHER_MIN_WORDS or len(strange) < _OTHER_SHARE * len(judged):
            return None
        theirs = sum(1 for w in strange if other.knows(w) or other.knows(w.lower()))
        if theirs < _OTHER_THEIRS * len(strange):
            return None
        start, end = words[0][2], words[-1][2] + len(words[-1][1])
        here, there = _LANGUAGE_NAMES[draft.lang], _LANGUAGE_NAMES[other.lang]
        message = self.say(
            draft,
            f"La respuesta parece estar en {there[0]}, no en {here[0]}: {theirs} de sus {len(judged)} palabras "
            f"son de {there[0]} (responde en {here[0]} o revisa el idioma configurado, lang)",
            f"The reply seems to be in {there[1]}, not {here[1]}: {theirs} of its {len(judged)} words are "
            f"{there[1]} (reply in {here[1]} or check the configured language, lang)")
        return self.hit(start, end, message)

    def checked_words(self, draft: Draft) -> Iterator[str]:
        """The words this rule judges in ``draft`` (known or not), after setting aside what it
        never checks (short words, acronyms, names inside a sentence...)."""
        ctx = _Context(draft)
        lexicon, settings = draft.lexicon, draft.settings
        for index, word, start in self._words(draft):
            if self._checkable(ctx, index, word) and (
                    self._known(word, lexicon, settings) or not self._is_name(ctx, start, word, lexicon)):
                yield word

    def _is_name(self, ctx: "_Context", start: int, word: str, lexicon) -> bool:
        """An unknown word in the place of a name ("Hola, Ximena"), under ``names``; not one
        that is a lower-case word with its accents left out, whatever its case ("Hola,
        tambien", "¡Hola! Tambien te...")."""
        if not self.options.names or not ctx.name_like(start, word):
            return False
        return not any(form.islower() for form in lexicon.spellings(word))

    def _words(self, draft: Draft, indices: list[int] | None = None) -> list[tuple[int, str, int]]:
        """``(token index, word, start)`` of the prose words; a hyphenated compound the lexicon
        or the vocabulary knows ("e-mail", "check-in") is consumed whole and not yielded.
        ``indices``: their token indices, when :meth:`_word_indices` has already given them."""
        texts, starts = draft.texts, draft.starts
        return [(i, texts[i], starts[i]) for i in (self._word_indices(draft) if indices is None else indices)]

    def _word_indices(self, draft: Draft) -> list[int]:
        """The token indices of :meth:`_words`."""
        if "-" in draft.texts and self._may_join(draft):
            return [i for i, _, _ in self._words_and_compounds(draft)]
        return draft.word_indices

    @staticmethod
    def _may_join(draft: Draft) -> bool:
        """Whether a "-" token comes right after a prose word and right before an alphabetic
        token, without spaces: the only place :meth:`_words_and_compounds` tries a compound.
        Seldom: the shipped tokenizer keeps "e-mail" one token (a trained pipeline's splits it),
        and a signature's "-JM" is part of a non-prose token."""
        texts, kinds, doc = draft.texts, draft.kinds, draft.doc
        last = len(texts) - 1
        return any(text == "-" and 0 < j < last and kinds[j - 1] is None and has_letter(texts[j - 1])
                   and not doc[j - 1].whitespace_ and not doc[j].whitespace_ and doc[j + 1].is_alpha
                   for j, text in enumerate(texts))

    def _words_and_compounds(self, draft: Draft) -> Iterator[tuple[int, str, int]]:
        text = draft.text
        doc = draft.doc
        lexicon, settings = draft.lexicon, draft.settings
        texts, starts = draft.texts, draft.starts
        skip_next = 0
        for i in draft.word_indices:
            if i < skip_next:
                continue
            word = texts[i]
            start = starts[i]
            if text[start + len(word):start + len(word) + 1] == "-":
                end_index = i + 1
                while (end_index + 1 < len(doc) and doc[end_index].text == "-"
                       and not doc[end_index - 1].whitespace_ and not doc[end_index].whitespace_
                       and doc[end_index + 1].is_alpha):
                    end_index += 2
                if end_index > i + 1 and self._known(doc[i:end_index].text, lexicon, settings):
                    skip_next = end_index
                    continue
            yield i, word, start

    def _checkable(self, ctx: "_Context", index: int, word: str) -> bool:
        """False for what the rule never judges: too short, not Latin script, contraction
        pieces, acronyms, mixed case, capitalised words inside a sentence."""
        if not self._judged_anywhere(word, ctx.draft):
            return False
        if word[0].isupper() and self.options.names and (word[1:].islower() or word.isupper()):
            return ctx.at_sentence_start(index)
        return True

    def _judged_anywhere(self, word: str, draft: Draft) -> bool:
        """False for what the rule never judges, wherever it stands (what :meth:`_checkable`
        decides without the word's place)."""
        if len(word) < self.options.min_length or not _LATIN_WORD.fullmatch(word):
            return False  # too short, or not Latin script (a Spanish or English lexicon cannot judge it)
        if word[0] in "'’" or word.lower() in ("n't", "n’t"):
            return False  # contraction pieces split off by the tokenizer ("we" + "'ve")
        if word.isupper() and (len(word) <= 5 or draft.is_acronym(word)):
            return False
        return not _is_camel(word)

    @staticmethod
    def _other_form(draft: Draft, ctx: "_Context", word: str, end: int) -> str | None:
        """The form the language data gives this word: an abbreviation written without its
        accent ("Mex." -> "Méx."), an acronym written in lower case ("tv" -> "TV"), an
        exact-case vocabulary entry written without its accents ("audiomatico" -> Audiomático)."""
        declared = ctx.declared_folded.get(fold(word)) if ctx.declared else None
        if declared:
            return declared
        if draft.text[end:end + 1] == ".":
            listed = _abbreviation_spellings(draft.langdata).get(fold(word) + ".")
            if listed:
                return listed[:-1] if not word[:1].isupper() else listed[:1].upper() + listed[1:-1]
        if word.islower() and draft.is_acronym(word.upper()):
            return word.upper()
        return None

    @staticmethod
    def _starts_sentence(draft: Draft, index: int, starts: set[int]) -> bool:
        doc = draft.doc
        i = index - 1
        while i >= 0 and (doc[i].is_punct or doc[i].is_space or doc[i]._.nonprose in ("mention", "emoji")):
            if i in starts:
                return True
            i -= 1
        return i < 0

    @staticmethod
    def _foreign(draft: Draft, word: str) -> bool:
        other = _other_lexicon(draft)
        return other is not None and other.knows(word)

    @staticmethod
    def _known(word: str, lexicon, settings) -> bool:
        return settings.in_vocabulary(word) or lexicon.knows(word)

    def _known_words(self, lexicon, settings) -> set[str]:
        """Words found so far in ``lexicon`` or the vocabulary of ``settings``: a set lookup
        costs less than a call of ``lexicon.knows``, and most words of a draft are known."""
        return self._memo(lexicon, settings).known

    def _memo(self, lexicon, settings) -> "_Memo":
        """What is remembered for this lexicon and vocabulary (forgotten when either changes)."""
        memo = self._known_memo
        if memo is None or memo.lexicon is not lexicon or memo.settings is not settings:
            memo = self._known_memo = _Memo(lexicon, settings)
        return memo

    def _all_settled(self, draft: Draft, lexicon, settings) -> bool:
        """Whether every prose token of ``draft`` is a known word, no word at all or a word the
        rule never judges (an acronym, a short word...), when the rule has nothing to say. Each
        token string is judged once (its hash, ``token.orth``, is remembered): a draft of
        strings seen before costs a set lookup per token, without the tokens' texts or the
        draft's word list."""
        memo = self._memo(lexicon, settings)
        known, settled = memo.known, memo.settled
        pending = [orth for orth, kind in zip(draft.orths, draft.kinds) if kind is None and orth not in settled]
        if not pending:
            return True
        if len(settled) >= _KNOWN_CAP:
            settled.clear()
        if len(known) >= _KNOWN_CAP:
            known.clear()
        strings = draft.doc.vocab.strings
        all_settled = True
        for orth in pending:
            word = strings[orth]
            if not is_word(word) or word in known or not self._judged_anywhere(word, draft):
                settled.add(orth)
            elif self._known(word, lexicon, settings):
                settled.add(orth)
                known.add(word)
            else:
                all_settled = False
        return all_settled
