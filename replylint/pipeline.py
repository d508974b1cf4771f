"""The spaCy pipeline: tokenizer, non-prose protection, norms and sentence splitting.

The default is ``spacy.blank(lang)`` with rule-based components, which needs nothing beyond
the spaCy package. A user with a trained pipeline installed may opt in with ``model:`` in the
config; its parser or senter then decides sentence boundaries.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Iterable, Iterator, Sequence

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

from . import nonprose
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
    """Give every token a case- and accent-folded NORM, for phrase matching."""
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

    def __call__(self, doc: Doc) -> Doc:
        kinds = doc.user_data.get(KINDS_KEY)
        if kinds is None or len(kinds) != len(doc):
            kinds = [token._.nonprose for token in doc]
        abbreviations = self.abbreviations
        terminal = _TERMINAL.match
        previous_ends = True
        # Collected and set in one go: spaCy's per-token setter rescans the whole doc each time.
        flags: list[int] = []
        flag = flags.append
        for token, kind in zip(doc, kinds):
            text = token.text
            if token.is_space:
                flag(1 if previous_ends else -1)
                if "\n" in text or "\r" in text:
                    previous_ends = True
                continue
            # the first character decides most tokens: only punctuation can be terminal
            is_terminal = text[0] in _TERMINAL_FIRST and terminal(text) is not None
            starts = previous_ends and not (text[0] in _CLOSERS or is_terminal)
            flag(1 if starts else -1)
            if previous_ends and not starts:
                # closing punctuation glued to the previous sentence ("Gracias!!" "»")
                previous_ends = is_terminal
                continue
            if kind is not None:
                previous_ends = False
            elif is_terminal:
                previous_ends = True
            elif text.endswith(".") and len(text) > 1 and text.lower() not in abbreviations:
                previous_ends = text[-2].isalpha() and not text[:-1].isupper()
            else:
                previous_ends = False
        if flags:
            doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc


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


_LONG_RUN = 1000


def _long_run_match(token_match):
    """Keep a run of more than ``_LONG_RUN`` characters without a space as one token: spaCy peels
    affixes off a run one at a time, copying the rest each time (quadratic in its length)."""
    def match(string: str):
        return len(string) > _LONG_RUN or (token_match is not None and token_match(string))

    return match


class Pipeline:
    """One spaCy pipeline per language, loaded once and shared by every draft."""

    def __init__(self, lang: str, abbreviations: Sequence[str] = (), model: str | None = None) -> None:
        self.lang = lang
        if model:
            nlp = spacy.load(model)
        else:
            nlp = spacy.blank(lang)
        # "Hola?Hola!" and "bien.¿Algo": question and exclamation marks always split words.
        infixes = list(nlp.Defaults.infixes or ()) + [r"[!?¡¿]"]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        if nlp.tokenizer.suffix_search is not None:
            nlp.tokenizer.suffix_search = _tail_search(nlp.tokenizer.suffix_search)
        nlp.tokenizer.token_match = _long_run_match(nlp.tokenizer.token_match)
        if "replylint_norms" not in nlp.pipe_names:
            nlp.add_pipe("replylint_norms")
        has_sentences = any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer"))
        if not has_sentences:
            nlp.add_pipe("replylint_sentences", config={"abbreviations": list(abbreviations)})
        self.nlp = nlp

    def make_doc(self, text: str) -> Doc:
        """Tokenize only (for phrase patterns)."""
        return set_norms(self.nlp.make_doc(text))

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
    for span in spans:
        char_span = doc.char_span(span.start, span.end, alignment_mode="expand")
        if char_span is None or len(char_span) == 0:
            continue
        start, end = char_span.start, char_span.end
        if merged and start < merged[-1][1]:
            prev_start, prev_end, prev_kind = merged[-1]
            merged[-1] = (prev_start, max(prev_end, end), prev_kind)
            continue
        merged.append((start, end, span.kind))
    if not merged:
        doc.user_data[KINDS_KEY] = [None] * len(doc)
        return doc
    starts_idx = [doc[start].idx for start, _, _ in merged]
    needs_merge = any(end - start > 1 for start, end, _ in merged)
    if needs_merge:
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


def kind_of(token: Token) -> str | None:
    """``token._.nonprose``, read from the kinds list (much faster than the extension)."""
    return token_kinds(token.doc)[token.i]


def token_kinds(doc: Doc) -> list[str | None]:
    """The non-prose kind of every token of ``doc`` (``None`` for prose), by position."""
    kinds = doc.user_data.get(KINDS_KEY)
    if kinds is None or len(kinds) != len(doc):
        kinds = doc.user_data[KINDS_KEY] = [token._.nonprose for token in doc]
    return kinds
