"""The spaCy pipeline: tokenizer, non-prose protection, norms and sentence splitting.

The default is ``spacy.blank(lang)`` with rule-based components, which needs nothing beyond
the spaCy package. A user with a trained pipeline installed may opt in with ``model:`` in the
config; its parser or senter then decides sentence boundaries.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable, Iterator, Sequence

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, NORM, ORTH, SENT_START, SPACY
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
# doc.user_data key of the per-token columns drafts and the sentence splitter read (see
# ``COLUMNS``), as lists indexed by token position: read once, by ``token_columns``.
COLUMNS_KEY = "replylint.columns"
COLUMNS = (ORTH, IDX, LENGTH, NORM, IS_SPACE)
# doc.user_data key of the SENT_START values the sentence splitter set, by token position.
SENT_STARTS_KEY = "replylint.sent_starts"
SENTENCES = "replylint_sentences"   # the sentence splitter's component name
_EXT_KEY = "._."


@Language.component("replylint_norms")
def set_norms(doc: Doc) -> Doc:
    """Give every token a case- and accent-folded NORM, for phrase matching (for a trained
    pipeline; a blank one gets the same norms from its vocabulary, see ``_fold_norms``)."""
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


# What a token does to the sentence starts, when the previous token does not end a sentence and
# when it does: (its SENT_START, whether it ends a sentence).
_Step = tuple[tuple[int, bool], tuple[int, bool]]
_START, _NOT_START = 1, 2**64 - 1  # SENT_START 1 and -1, as the uint64 Doc.from_array takes
_STEPS_CAP = 50_000  # prose strings per language; cleared when full
# A non-prose token starts a sentence after one that ends it, unless it is a space or closes one.
_NONPROSE_STEP: _Step = ((_NOT_START, False), (_START, False))
_MAY_CLOSE = _TERMINAL_FIRST | _CLOSERS


@Language.factory(SENTENCES, default_config={"abbreviations": []})
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
        # What a token does depends on its text only: worked out once per prose string (non-prose
        # tokens, mostly one-off numbers and links, are not kept).
        self._steps: dict[int, _Step] = {}
        self._pool: dict[_Step, _Step] = {}

    def _step(self, text: str, prose: bool) -> _Step:
        """What a token of ``text`` does (see ``_Step``)."""
        if text.isspace():  # a space ends a sentence when it holds a line break
            step = ((_NOT_START, "\n" in text or "\r" in text), (_START, True))
        else:
            # the first character decides most tokens: only punctuation can be terminal
            terminal = text[0] in _TERMINAL_FIRST and _TERMINAL.match(text) is not None
            ends = prose and (terminal or (text.endswith(".") and len(text) > 1 and not text[:-1].isupper()
                                           and text[-2].isalpha() and text.lower() not in self.abbreviations))
            if terminal or text[0] in _CLOSERS:
                # closing punctuation glued to the previous sentence ("Gracias!!" "»")
                step = ((_NOT_START, ends), (_NOT_START, terminal))
            else:
                step = ((_NOT_START, ends), (_START, ends))
        return self._pool.setdefault(step, step)  # one tuple per distinct step

    def __call__(self, doc: Doc) -> Doc:
        steps = self._steps
        if len(steps) > _STEPS_CAP:
            steps.clear()
        strings = doc.vocab.strings
        ends = True  # whether the previous token ends a sentence
        # Collected and set in one go: spaCy's per-token setter rescans the whole doc each time.
        flags: list[int] = []
        flag = flags.append
        for orth, kind in zip(token_columns(doc)[0], token_kinds(doc)):
            if kind is None:
                step = steps.get(orth)
                if step is None:
                    step = steps[orth] = self._step(strings[orth], True)
            else:  # a non-prose token (URL, e-mail) never ends a sentence
                text = strings[orth]
                step = self._step(text, False) if text[0] in _MAY_CLOSE or text[0].isspace() else _NONPROSE_STEP
            value, ends = step[ends]
            flag(value)
        if flags:
            doc.from_array([SENT_START], numpy.array(flags, dtype=numpy.uint64))
        doc.user_data[SENT_STARTS_KEY] = flags
        return doc


_SUFFIX_WINDOW = 100
_ELLIPSIS = r"\.\.+"   # spaCy's one suffix pattern without a longest match


def _tail_search(search):
    """A suffix search that only looks at the last characters of a string.

    spaCy's suffix patterns end in ``$``, and ``re`` tries them from every position, so peeling
    suffixes off a long run ("!!!…", emoji, closing brackets) took time quadratic in its length.
    Suffixes are short: the result is the same for any suffix shorter than the window.
    """
    def tail_search(string: str):
        return search(string[-_SUFFIX_WINDOW:]) if len(string) > _SUFFIX_WINDOW else search(string)

    return tail_search


def _longest_suffix(suffixes: Sequence[str]) -> int | None:
    """The longest string any of the suffix patterns matches, the ellipsis run aside; ``None``
    when some pattern has no such bound or cannot be read."""
    longest = 0
    for piece in suffixes:
        if piece == _ELLIPSIS or not piece.strip():
            continue
        widest = _widest(piece)
        if widest is None or widest > _SUFFIX_WINDOW:
            return None
        longest = max(longest, widest)
    return longest


@functools.cache
def _widest(piece: str) -> int | None:
    """The longest match of one pattern, or ``None`` if it cannot be read. Cached: reading a
    pattern costs about as much as compiling it, and Spanish and English share most suffixes."""
    parser = getattr(re, "_parser", None)
    if parser is None:
        return None
    try:
        return parser.parse(piece).getwidth()[1]
    except Exception:  # noqa: BLE001 - an unreadable pattern only turns the shortcut off
        return None


def _suffix_search(suffixes: Sequence[str]):
    """spaCy's suffix search for ``suffixes``, started where a match can start.

    Every suffix pattern ends in ``$``, and ``re`` tries the whole pattern at each position of
    the string, most of which are too far from the end for any suffix to fit: with the longest
    suffix ``n`` characters, a search from ``n`` characters before the end finds the same match
    (lookbehinds still see the characters before). Not for strings ending in ".." (an ellipsis
    run has no longest match) or in a line break (``$`` also matches before one)."""
    search = compile_suffix_regex(suffixes).search
    tail = _tail_search(search)
    longest = _longest_suffix(suffixes)
    if longest is None:
        return tail

    def suffix_search(string: str):
        start = len(string) - longest
        if start > 0 and string[-1] != "\n" and not string.endswith(".."):
            return search(string, start)
        return tail(string)

    return suffix_search


def _skip_words(search, nothing=None):
    """An affix or URL search that answers ``nothing`` for a string of letters alone without
    running the regex: spaCy's prefix, suffix and infix patterns for Spanish and English match
    punctuation, symbols, digits and units after digits, and a URL holds a "." at least, never a
    string of letters (checked on every letter of Unicode and on random words,
    ``tests/test_pipeline.py``), and most strings the tokenizer tries are words."""
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


def _without_plain_whitespace(exceptions: dict) -> dict:
    """Tokenizer exceptions without those that make a run of whitespace one token of itself.

    The affix and infix patterns never match whitespace, so such a run is that one token anyway.
    But spaCy caches no word of a text after the first special case it meets there: with a
    line break as a special case, nothing after the first line break was ever cached, and a
    double space went through the special-case matcher of every text that had one."""
    return {string: tokens for string, tokens in exceptions.items()
            if not (string.isspace() and len(tokens) == 1 and tokens[0] in ({ORTH: string}, {"ORTH": string}))}


def _make_tokenizer(nlp: Language) -> Tokenizer:
    """The language's default tokenizer with replylint's settings, built in one go (setting them
    afterwards recompiles the special cases once per setting)."""
    defaults = nlp.Defaults
    return Tokenizer(
        nlp.vocab,
        rules=_without_plain_whitespace(_without_norms(defaults.tokenizer_exceptions)),
        prefix_search=_skip_words(compile_prefix_regex(defaults.prefixes).search) if defaults.prefixes else None,
        suffix_search=_skip_words(_suffix_search(defaults.suffixes)) if defaults.suffixes else None,
        infix_finditer=_skip_words(compile_infix_regex(list(defaults.infixes or ()) + _EXTRA_INFIXES).finditer, ()),
        token_match=_long_run_match(defaults.token_match),
        url_match=_skip_words(defaults.url_match) if defaults.url_match else None,
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
            nlp.add_pipe(SENTENCES, config={"abbreviations": list(abbreviations)})
        self.nlp = nlp
        # ``process`` runs every component but the sentence splitter, which runs on a doc when
        # its sentence starts are first asked for (``sentence_starts``): many drafts are checked
        # by rules that never ask (spelling alone asks only around a capitalised unknown word).
        self._splitter = nlp.get_pipe(SENTENCES) if SENTENCES in nlp.pipe_names else None
        self._eager = [proc for name, proc in nlp.pipeline if name != SENTENCES]
        self._retokenize_max = _RETOKENIZE_MAX if model else 0  # see _RETOKENIZE_MAX

    def make_doc(self, text: str) -> Doc:
        """Tokenize only (for phrase patterns)."""
        doc = self.nlp.make_doc(text)
        return set_norms(doc) if "replylint_norms" in self.nlp.pipe_names else doc

    def process(self, items: Iterable[tuple[str, Sequence[nonprose.Span]]]) -> Iterator[Doc]:
        """Docs for ``(text, non-prose spans)`` pairs, in order, with non-prose merged to tokens
        (sentence starts: see :meth:`sentence_starts`)."""
        tokenizer = self.nlp.tokenizer
        retokenize_max = self._retokenize_max
        docs: Iterable[Doc] = (_protect(tokenizer(text), text, spans, retokenize_max) for text, spans in items)
        for proc in self._eager:
            docs = proc.pipe(docs) if hasattr(proc, "pipe") else map(proc, docs)
        yield from docs

    def sentence_starts(self, doc: Doc) -> list[int]:
        """SENT_START of every token of ``doc`` (a doc of :meth:`process`), by position, as
        ``doc.to_array(SENT_START)`` gives it (1: starts a sentence); the sentence splitter sets
        them on ``doc`` the first time they are asked for."""
        if self._splitter is None:    # a trained pipeline's parser or senter has set them
            return doc.to_array(SENT_START).tolist()
        flags = doc.user_data.get(SENT_STARTS_KEY)
        if flags is None or len(flags) != len(doc):
            self._splitter(doc)
            flags = doc.user_data[SENT_STARTS_KEY]
        return flags


def _protect(doc: Doc, text: str, spans: Sequence[nonprose.Span], retokenize_max: int = 0) -> Doc:
    """Merge each non-prose span of ``text`` (``doc``'s text) into one token that carries its kind.

    Up to ``retokenize_max`` merges go through spaCy's retokenizer; past that the doc is rebuilt
    with the merged words (see :func:`_rebuilt`). The kind is stored where ``token._.nonprose``
    reads it, and as a list indexed by token position under ``doc.user_data[KINDS_KEY]`` (see
    :func:`token_kinds`).
    """
    if not spans:
        doc.user_data[KINDS_KEY] = [None] * len(doc)
        return doc
    merged: list[tuple[int, int, str]] = []
    columns = token_columns(doc)    # kept for the draft when nothing is merged
    token_starts, lengths = columns[1], columns[2]
    for span in spans:
        start, end = _token_range(token_starts, lengths, span.start, span.end)
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
    merges = sum(end - start > 1 for start, end, _ in merged)
    if merges:
        del doc.user_data[COLUMNS_KEY]
    if merges > retokenize_max:
        doc = _rebuilt(doc, text, token_starts, merged)
    elif merges:
        with doc.retokenize() as retokenizer:
            for start, end, _ in merged:
                if end - start > 1:
                    retokenizer.merge(doc[start:end])
    kinds: list[str | None] = [None] * len(doc)
    removed = 0
    user_data = doc.user_data
    for start, end, kind in merged:
        kinds[start - removed] = kind
        removed += end - start - 1
        user_data[(_EXT_KEY, "nonprose", token_starts[start], None)] = kind
    user_data[KINDS_KEY] = kinds
    return doc


def _token_range(starts: list[int], lengths: list[int], start_char: int, end_char: int) -> tuple[int, int]:
    """The tokens overlapping ``[start_char, end_char)``, as ``(first, end)`` token indices
    (``doc.char_span(..., alignment_mode="expand")`` without making a Span), from the tokens'
    character offsets and lengths."""
    first = bisect.bisect_right(starts, start_char) - 1
    # before the first token, or in a token's trailing space
    if first < 0 or (starts[first] < start_char and starts[first] + lengths[first] <= start_char):
        first += 1
    return first, bisect.bisect_left(starts, end_char)


# spaCy's retokenizer checks each merge against every earlier one, and does more per merge than
# a blank pipeline needs: a new Doc made from the merged words is faster, and the same as long as
# tokens carry nothing but their lexeme and trailing space (as a blank pipeline's tokenizer
# makes them; a trained pipeline's may give a token its own NORM). For a trained pipeline, past
# a few hundred merges (a draft of thousands of skin-toned emoji) the new Doc is used all the same.
_RETOKENIZE_MAX = 200


def _rebuilt(doc: Doc, text: str, token_starts: list[int], merged: Sequence[tuple[int, int, str]]) -> Doc:
    """A new Doc of ``doc``'s tokens with each ``(start, end)`` token range made one token."""
    orths, trailing = doc.to_array([ORTH, SPACY]).T.tolist()
    ends = token_starts[1:] + [len(text)]  # where each token and its trailing space end
    words: list[int | str] = []
    spaces: list[int] = []
    position = 0
    for start, end, _ in merged:
        if end - start > 1:
            words += orths[position:start]
            spaces += trailing[position:start]
            words.append(text[token_starts[start]:ends[end - 1] - trailing[end - 1]])
            spaces.append(trailing[end - 1])
            position = end
    words += orths[position:]
    spaces += trailing[position:]
    rebuilt = Doc(doc.vocab, words=words, spaces=spaces, user_data=dict(doc.user_data))
    first_starts = doc[0].is_sent_start
    if first_starts is not True:  # unknown after a leading space; a new Doc says True
        rebuilt[0].is_sent_start = first_starts
    return rebuilt


def token_columns(doc: Doc) -> list[list[int]]:
    """``doc.to_array(COLUMNS)`` as one list per column, read once per doc (afresh if tokens
    were merged or split since: nothing after ``process`` changes a token's attributes)."""
    columns = doc.user_data.get(COLUMNS_KEY)
    if columns is None or len(columns[0]) != len(doc):
        columns = doc.user_data[COLUMNS_KEY] = doc.to_array(COLUMNS).T.tolist()
    return columns


def kind_of(token: Token) -> str | None:
    """``token._.nonprose``, read from the kinds list (much faster than the extension)."""
    return token_kinds(token.doc)[token.i]


def token_kinds(doc: Doc) -> list[str | None]:
    """The non-prose kind of every token of ``doc`` (``None`` for prose), by position."""
    kinds = doc.user_data.get(KINDS_KEY)
    if kinds is None or len(kinds) != len(doc):
        kinds = doc.user_data[KINDS_KEY] = [token._.nonprose for token in doc]
    return kinds
