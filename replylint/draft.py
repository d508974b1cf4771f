"""What a rule sees: the draft text, its spaCy doc, its non-prose spans, channel and settings."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, NamedTuple

from spacy.tokens import Doc, Span, Token

from . import nonprose
from .channels import Channel
from .errors import RulePackError
from ._lazy import lazy_property
from .pipeline import token_columns, token_kinds
from .positions import LineIndex
from .resources import data_file
from .textnorm import fold_same_length
from .yamlsrc import load_yaml

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .placeholders import PlaceholderSyntax
    from .pipeline import Pipeline


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts


def has_letter(text: str) -> bool:
    """``any(c.isalpha() for c in text)``, without a Python loop in the common cases."""
    if text.isalpha():
        return True
    if text.isascii():
        return _ASCII_LETTER.search(text) is not None
    return any(c.isalpha() for c in text)


def is_word(text: str) -> bool:
    """Whether a token's text is a word: it holds a letter (a one-character token only if that
    character is one)."""
    return text.isalpha() or (len(text) > 1 and has_letter(text))


def has_alnum(text: str, start: int = 0, end: int | None = None) -> bool:
    """``any(c.isalnum() for c in text[start:end])``, as one compiled search."""
    return _ALNUM.search(text, start, len(text) if end is None else end) is not None


_lexicon_class: "type[Lexicon] | None" = None


def _load_lexicon(lang: str, variant: str | None) -> "Lexicon":
    """``Lexicon.load``, its module imported on first use (it is slow to import, and an import
    statement costs µs on every call even when the module is loaded)."""
    global _lexicon_class
    if _lexicon_class is None:
        from .lexicon import Lexicon

        _lexicon_class = Lexicon
    return _lexicon_class.load(lang, variant=variant)


@dataclass(frozen=True)
class LanguageData:
    """Per-language lists from ``rules/lang/<lang>.yaml``."""

    lang: str
    acronyms: frozenset[str]
    abbreviations: tuple[str, ...]
    question_words: tuple[str, ...]
    trailing_tags: tuple[str, ...]


@lru_cache(maxsize=8)
def language_data(lang: str) -> LanguageData:
    path = data_file("lang", f"{lang}.yaml")
    src = load_yaml(path.read_text(encoding="utf-8"), str(path), RulePackError)
    data = src.data or {}

    def words(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise src.error((key,), f"{key} must be a list of strings", RulePackError)
        return tuple(value)

    return LanguageData(
        lang=lang,
        acronyms=frozenset(words("acronyms")),
        abbreviations=words("abbreviations"),
        question_words=words("question_words"),
        trailing_tags=words("trailing_tags"),
    )


@dataclass(frozen=True)
class Settings:
    """The linter options a rule may consult (resolved from config and arguments)."""

    vocabulary: frozenset[str] = frozenset()  # exact forms
    vocabulary_folded: frozenset[str] = frozenset()  # lower-case forms (case-insensitive entries)
    acronyms: frozenset[str] = frozenset()
    mode: str = "send"
    placeholders: tuple[str, ...] = ()
    variant: str | None = None
    address: str | None = None  # how Spanish replies address the customer: tu, usted or vos
    placeholder_syntax: "PlaceholderSyntax | None" = None  # template mode: the configured syntax
    placeholder_width: int = 10  # template mode: characters a placeholder counts for length

    def in_vocabulary(self, word: str) -> bool:
        return word in self.vocabulary or word.lower() in self.vocabulary_folded


class Bounds(NamedTuple):
    """A sentence as token offsets ``[start, end)`` and character offsets, like a Span's."""

    start: int
    end: int
    start_char: int
    end_char: int


@dataclass
class Draft:
    text: str
    lang: str
    channel: Channel
    doc: Doc
    spans: list[nonprose.Span]
    settings: Settings
    langdata: LanguageData
    pipeline: "Pipeline"
    _span_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._span_starts = [s.start for s in self.spans]

    @lazy_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @lazy_property
    def folded(self) -> str:
        """The text in lower case without diacritics, one character for one (offsets stay
        valid): what phrase lists are matched against."""
        return fold_same_length(self.text)

    @lazy_property
    def lexicon(self) -> "Lexicon":
        return _load_lexicon(self.lang, self.settings.variant)

    def spans_overlapping(self, start: int, end: int) -> Iterator[nonprose.Span]:
        """Non-prose spans overlapping ``[start, end)`` (an empty range counts as its next
        character), last first."""
        upper = max(end, start + 1)
        i = bisect.bisect_left(self._span_starts, upper) - 1
        while i >= 0:
            span = self.spans[i]
            if span.end <= start:
                break
            yield span
            i -= 1

    def nonprose_at(self, start: int, end: int) -> nonprose.Span | None:
        """The (last) non-prose span overlapping ``[start, end)``, if any."""
        return next(self.spans_overlapping(start, end), None)

    def spans_of(self, *kinds: str) -> list[nonprose.Span]:
        return [s for s in self.spans if s.kind in kinds]

    @lazy_property
    def tokens(self) -> list[Token]:
        """``list(doc)``, made once (iterating a Doc builds new Token objects every time)."""
        return list(self.doc)

    @lazy_property
    def _columns(self) -> list[list[int]]:
        """Per-token ORTH, IDX, LENGTH, NORM and IS_SPACE as lists (see
        :func:`~replylint.pipeline.token_columns`: read once per doc; each ``doc.to_array``
        costs a few µs whatever the draft's length). The views that are one column
        (:attr:`starts`, :attr:`norms`...) are set with them: their first reads then cost no call."""
        columns = token_columns(self.doc)
        vars(self).update(orths=columns[0], starts=columns[1], norms=columns[3], is_space=columns[4])
        return columns

    @lazy_property
    def orths(self) -> list[int]:
        """The hash of every token's text (``token.orth``), by token index."""
        return self._columns[0]

    @lazy_property
    def starts(self) -> list[int]:
        """``token.idx`` (character offset) of every token, by token index."""
        return self._columns[1]

    @lazy_property
    def aligned(self) -> bool:
        """Whether the doc's tokens lie within ``text`` (always for the drafts the linter
        makes; a doc of another text is read through its tokens, never through ``text``)."""
        starts, lengths = self._columns[1], self._columns[2]
        return not starts or starts[-1] + lengths[-1] <= len(self.text)

    @lazy_property
    def texts(self) -> list[str]:
        """``token.text`` of every token, by token index, sliced from the draft's text (spaCy
        decodes a token's text on each access)."""
        if not self.aligned:
            return [token.text for token in self.tokens]
        text = self.text
        return [text[start:start + length] for start, length in zip(self._columns[1], self._columns[2])]

    @lazy_property
    def norms(self) -> list[int]:
        """The hash of every token's NORM (its folded form, ``textnorm.fold``), by token index."""
        return self._columns[3]

    @lazy_property
    def norm_hashes(self) -> frozenset[int]:
        """The hashes of every token's NORM (what pattern rules check before matching)."""
        return frozenset(self._columns[3])

    @lazy_property
    def sent_start_flags(self) -> list[int]:
        """SENT_START of every token, by token index (1: ``token.is_sent_start`` is true).
        The sentence starts are worked out on first use (:meth:`Pipeline.sentence_starts`): the
        doc's ``is_sent_start`` and ``doc.sents`` hold them from then on (see
        :attr:`doc_with_sentences`)."""
        return self.pipeline.sentence_starts(self.doc)

    @lazy_property
    def doc_with_sentences(self) -> Doc:
        """:attr:`doc` with its sentence starts set (for spaCy code that reads ``doc.sents`` or
        ``token.is_sent_start``, such as a token pattern on ``IS_SENT_START``)."""
        self.sent_start_flags
        return self.doc

    @lazy_property
    def is_space(self) -> list[int]:
        """``token.is_space`` of every token (1 or 0), by token index."""
        return self._columns[4]

    @lazy_property
    def kinds(self) -> list[str | None]:
        """``token._.nonprose`` of every token, by token index (a plain list: fast to read)."""
        return token_kinds(self.doc)

    @lazy_property
    def sentence_bounds(self) -> list[Bounds]:
        """What :attr:`sentences` holds, as token and character offsets (no Span objects)."""
        doc = self.doc
        n = len(doc)
        if not n:
            return []
        if "sents" in doc.user_hooks:
            cuts = [sent.start for sent in doc.sents] + [n]
        else:  # where ``doc.sents`` cuts: token 0 and every token whose SENT_START is 1
            cuts = [i for i, flag in enumerate(self.sent_start_flags) if flag == 1 or not i]
            cuts.append(n)
        space = self.is_space
        starts, lengths = self._columns[1], self._columns[2]
        result = []
        for k in range(len(cuts) - 1):
            start, end = cuts[k], cuts[k + 1]
            while start < end and space[start]:
                start += 1
            while end > start and space[end - 1]:
                end -= 1
            if end > start:
                result.append(Bounds(start, end, starts[start], starts[end - 1] + lengths[end - 1]))
        return result

    @lazy_property
    def sentences(self) -> list[Span]:
        """Sentences with their surrounding whitespace trimmed; empty ones dropped."""
        doc = self.doc
        return [doc[b.start:b.end] for b in self.sentence_bounds]

    @lazy_property
    def word_indices(self) -> list[int]:
        """Token indices of the prose words (what :meth:`words` yields)."""
        kinds = self.kinds
        return [i for i, text in enumerate(self.texts) if kinds[i] is None and is_word(text)]

    @lazy_property
    def word_tokens(self) -> list[Token]:
        """What :meth:`words` yields, as a list made once."""
        tokens = self.tokens
        return [tokens[i] for i in self.word_indices]

    def words(self) -> Iterator[Token]:
        """Prose word tokens: at least one letter, not punctuation, not non-prose."""
        return iter(self.word_tokens)

    def is_acronym(self, word: str) -> bool:
        return word in self.langdata.acronyms or word in self.settings.acronyms or (
            word.upper() in self.settings.acronyms
        )
