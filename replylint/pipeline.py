"""The spaCy pipeline: tokenizer, non-prose protection, norms and sentence splitting.

The default is ``spacy.blank(lang)`` with rule-based components, which needs nothing beyond
the spaCy package. A user with a trained pipeline installed may opt in with ``model:`` in the
config; its parser or senter then decides sentence boundaries.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from typing import Iterable, Iterator, Sequence

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from . import lexattrs, nonprose
from .textnorm import fold

if not Token.has_extension("nonprose"):
    Token.set_extension("nonprose", default=None)

_TERMINAL = re.compile(r"^[.!?…]+[\"'”»)\]]*$")
_CLOSERS = frozenset("\"'”»)]")
_TERMINAL_FIRST = frozenset(".!?…")
# doc.user_data key of the per-token non-prose kinds (``None`` for prose), set by ``_protect``;
# the same values as ``token._.nonprose``, as a list indexed by token position.
KINDS_KEY = "replylint.nonprose_kinds"
_EXT_KEY = "._."


@Language.component("replylint_norms")
def set_norms(doc: Doc) -> Doc:
    """Give every token a case- and accent-folded NORM, for phrase matching (for a trained
    pipeline; a blank one gets the same norms from its vocabulary, see ``_fold_norms``)."""
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


@Language.factory("replylint_sentences", default_config={"abbreviations": []})
def make_sentence_splitter(nlp: Language, name: str, abbreviations: list[str]):
    return SentenceSplitter(abbreviations)


class SentenceSplitter:
    """Rule-based sentence starts for short replies.

    A sentence ends after terminal punctuation (``.`` ``!`` ``?`` ``…`` and runs of them) and at
    a line break. Abbreviations keep their period ("Sr.", "approx."); a non-prose token (URL,
    e-mail) never ends a sentence.
    """

    def __init__(self, abbreviations: Iterable[str]) -> None:
        self.abbreviations = frozenset(a.lower() for a in abbreviations)
        # What the splitter needs of a token depends on its text only: worked out once per prose
        # string (non-prose tokens, mostly one-off numbers and links, are not kept).
        self._shapes: dict[int, tuple[bool, bool, bool, bool, bool]] = {}
        self._pool: dict[tuple[bool, bool, bool, bool, bool], tuple[bool, bool, bool, bool, bool]] = {}

    def _shape(self, text: str) -> tuple[bool, bool, bool, bool, bool]:
        """(is space, has a line break, is terminal punctuation, starts with a closer, ends a
        sentence when it is a prose word)."""
        if text.isspace():
            shape = (True, "\n" in text or "\r" in text, False, False, False)
        else:
            # the first character decides most tokens: only punctuation can be terminal
            terminal = text[0] in _TERMINAL_FIRST and _TERMINAL.match(text) is not None
            ends = (text.endswith(".") and len(text) > 1 and text.lower() not in self.abbreviations
                    and text[-2].isalpha() and not text[:-1].isupper())
            shape = (False, False, terminal, text[0] in _CLOSERS, ends)
        return self._pool.setdefault(shape, shape)  # one tuple per distinct shape

    def __call__(self, doc: Doc) -> Doc:
        kinds = token_kinds(doc)
        shapes = self._shapes
        if len(shapes) > _SHAPES_CAP:
            shapes.clear()
        strings = doc.vocab.strings
        previous_ends = True
        # Collected and set in one go: spaCy's per-token setter rescans the whole doc each time.
        flags: list[int] = []
        flag = flags.append
        for orth, kind in zip(doc.to_array(ORTH).tolist(), kinds):
            shape = shapes.get(orth)
            if shape is None:
                shape = self._shape(strings[orth])
                if kind is None:
                    shapes[orth] = shape
            space, line_break, terminal, closer, ends = shape
            if space:
                flag(1 if previous_ends else -1)
                if line_break:
                    previous_ends = True
                continue
            starts = previous_ends and not (closer or terminal)
            flag(1 if starts else -1)
            if previous_ends and not starts:
                # closing punctuation glued to the previous sentence ("Gracias!!" "»")
                previous_ends = terminal
                continue
            if kind is not None:
                previous_ends = False
            else:
                previous_ends = terminal or ends
        if flags:
            doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc


_SHAPES_CAP = 50_000  # prose strings per language; cleared when full

_SUFFIX_WINDOW = 100


def _tail_search(search):
    """A suffix search that only looks at the last characters of a string.

    spaCy's suffix patterns end in ``$``, and ``re`` tries them from every position, so peeling
    suffixes off a long run ("!!!…", emoji, closing brackets) took time quadratic in its length.
    Suffixes are short: the result is the same for any suffix shorter than the window.
    """
    def tail_search(string: str):
        return search(string[-_SUFFIX_WINDOW:]) if len(string) > _SUFFIX_WINDOW else search(string)

    return tail_search


def _skip_words(search, nothing=None):
    """An affix search that answers ``nothing`` for a string of letters alone without running
    the regex: spaCy's prefix, suffix and infix patterns for Spanish and English match
    punctuation, symbols, digits and units after digits, never a string of letters (checked on
    every letter of Unicode and on random words, ``tests/test_pipeline.py``), and most strings the
    tokenizer tries are words."""
    def search_unless_word(string: str):
        return nothing if string.isalpha() else search(string)

    return search_unless_word


_LONG_RUN = 1000


def _long_run_match(token_match):
    """Keep a run of more than ``_LONG_RUN`` characters without a space as one token: spaCy peels
    affixes off a run one at a time, copying the rest each time (quadratic in its length)."""
    def match(string: str):
        return len(string) > _LONG_RUN or (token_match is not None and token_match(string))

    return match


_EXTRA_INFIXES = [r"[!?¡¿]"]  # "Hola?Hola!" and "bien.¿Algo": these marks always split words


def _without_norms(exceptions: dict) -> dict:
    """Tokenizer exceptions without their own NORM values (NORM is the folded form here)."""
    return {string: [{attr: value for attr, value in token.items() if attr not in (NORM, "NORM")} for token in tokens]
            for string, tokens in exceptions.items()}


def _make_tokenizer(nlp: Language) -> Tokenizer:
    """The language's default tokenizer with replylint's settings, built in one go (setting them
    afterwards recompiles the special cases once per setting)."""
    defaults = nlp.Defaults
    return Tokenizer(
        nlp.vocab,
        rules=_without_norms(defaults.tokenizer_exceptions),
        prefix_search=_skip_words(compile_prefix_regex(defaults.prefixes).search) if defaults.prefixes else None,
        suffix_search=_skip_words(_tail_search(compile_suffix_regex(defaults.suffixes).search))
        if defaults.suffixes else None,
        infix_finditer=_skip_words(compile_infix_regex(list(defaults.infixes or ()) + _EXTRA_INFIXES).finditer, ()),
        token_match=_long_run_match(defaults.token_match),
        url_match=defaults.url_match,
    )


def _fold_norms(nlp: Language) -> None:
    """Make every word's NORM its folded form, once per word type: the vocabulary computes it
    when it first sees a string."""
    nlp.vocab.lex_attr_getters[NORM] = fold
    for lexeme in nlp.vocab:
        lexeme.norm_ = fold(lexeme.orth_)


class Pipeline:
    """One spaCy pipeline per language, loaded once and shared by every draft."""

    def __init__(self, lang: str, abbreviations: Sequence[str] = (), model: str | None = None) -> None:
        self.lang = lang
        if model:
            nlp = spacy.load(model)
            infixes = list(nlp.Defaults.infixes or ()) + _EXTRA_INFIXES
            nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
            if nlp.tokenizer.suffix_search is not None:
                nlp.tokenizer.suffix_search = _tail_search(nlp.tokenizer.suffix_search)
            nlp.tokenizer.token_match = _long_run_match(nlp.tokenizer.token_match)
            if "replylint_norms" not in nlp.pipe_names:
                nlp.add_pipe("replylint_norms")  # last: the model's own components see spaCy's norms
        else:
            # spacy.blank(lang), with the tokenizer built once with replylint's settings
            nlp = spacy.util.get_lang_class(lang)(create_tokenizer=_make_tokenizer)
            _fold_norms(nlp)
            lexattrs.speed_up(nlp.vocab, lang)
        has_sentences = any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer"))
        if not has_sentences:
            nlp.add_pipe("replylint_sentences", config={"abbreviations": list(abbreviations)})
        self.nlp = nlp

    def make_doc(self, text: str) -> Doc:
        """Tokenize only (for phrase patterns)."""
        doc = self.nlp.make_doc(text)
        return set_norms(doc) if "replylint_norms" in self.nlp.pipe_names else doc

    def process(self, items: Iterable[tuple[str, Sequence[nonprose.Span]]]) -> Iterator[Doc]:
        """Docs for ``(text, non-prose spans)`` pairs, in order, with non-prose merged to tokens."""
        pairs = iter(items)
        spans_queue: deque[Sequence[nonprose.Span]] = deque()

        def texts() -> Iterator[str]:
            for text, spans in pairs:
                spans_queue.append(spans)
                yield text

        docs: Iterable[Doc] = (
            _protect(doc, spans_queue.popleft()) for doc in self.nlp.tokenizer.pipe(texts())
        )
        for _, proc in self.nlp.pipeline:
            docs = proc.pipe(docs) if hasattr(proc, "pipe") else map(proc, docs)
        yield from docs


def _protect(doc: Doc, spans: Sequence[nonprose.Span]) -> Doc:
    """Merge each non-prose span into one token that carries its kind.

    The kind is stored where ``token._.nonprose`` reads it, and as a list indexed by token
    position under ``doc.user_data[KINDS_KEY]`` (see :func:`token_kinds`).
    """
    if not spans:
        doc.user_data[KINDS_KEY] = [None] * len(doc)
        return doc
    merged: list[tuple[int, int, str]] = []
    table = doc.to_array([IDX, LENGTH])
    token_starts = table[:, 0].tolist()
    token_ends = (table[:, 0] + table[:, 1]).tolist()
    for span in spans:
        start, end = _token_range(token_starts, token_ends, span.start, span.end)
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            prev_start, prev_end, prev_kind = merged[-1]
            merged[-1] = (prev_start, max(prev_end, end), prev_kind)
            continue
        merged.append((start, end, span.kind))
    if not merged:
        doc.user_data[KINDS_KEY] = [None] * len(doc)
        return doc
    starts_idx = [token_starts[start] for start, _, _ in merged]
    merges = sum(1 for start, end, _ in merged if end - start > 1)
    if merges > _RETOKENIZE_MAX:
        doc = _rebuilt(doc, merged)
    elif merges:
        with doc.retokenize() as retokenizer:
            for start, end, _ in merged:
                if end - start > 1:
                    retokenizer.merge(doc[start:end])
    kinds: list[str | None] = [None] * len(doc)
    removed = 0
    user_data = doc.user_data
    for (start, end, kind), idx in zip(merged, starts_idx):
        kinds[start - removed] = kind
        removed += end - start - 1
        user_data[(_EXT_KEY, "nonprose", idx, None)] = kind
    user_data[KINDS_KEY] = kinds
    return doc


def _token_range(starts: list[int], ends: list[int], start_char: int, end_char: int) -> tuple[int, int]:
    """The tokens overlapping ``[start_char, end_char)``, as ``(first, end)`` token indices
    (``doc.char_span(..., alignment_mode="expand")`` without making a Span)."""
    first = bisect.bisect_right(starts, start_char) - 1
    if first < 0 or ends[first] <= start_char:  # before the first token, or in a token's trailing space
        first += 1
    return first, bisect.bisect_left(starts, end_char)


# spaCy's retokenizer checks each merge against every earlier one: past a few hundred merges
# (a draft of thousands of skin-toned emoji) a new Doc made from the merged words is faster.
_RETOKENIZE_MAX = 200


def _rebuilt(doc: Doc, merged: Sequence[tuple[int, int, str]]) -> Doc:
    """A new Doc of ``doc``'s tokens with each ``(start, end)`` token range made one token."""
    text = doc.text
    words: list[str] = []
    spaces: list[bool] = []
    tokens = list(doc)
    position = 0
    for start, end, _ in merged:
        for token in tokens[position:start]:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
        last = tokens[end - 1]
        words.append(text[tokens[start].idx:last.idx + len(last.text)])
        spaces.append(bool(last.whitespace_))
        position = end
    for token in tokens[position:]:
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
    rebuilt = Doc(doc.vocab, words=words, spaces=spaces)
    rebuilt.user_data.update(doc.user_data)
    return rebuilt


def kind_of(token: Token) -> str | None:
    """``token._.nonprose``, read from the kinds list (much faster than the extension)."""
    return token_kinds(token.doc)[token.i]


def token_kinds(doc: Doc) -> list[str | None]:
    """The non-prose kind of every token of ``doc`` (``None`` for prose), by position."""
    kinds = doc.user_data.get(KINDS_KEY)
    if kinds is None or len(kinds) != len(doc):
        kinds = doc.user_data[KINDS_KEY] = [token._.nonprose for token in doc]
    return kinds
