"""The spaCy pipeline: tokenizer, non-prose protection, norms and sentence splitting.

The default is ``spacy.blank(lang)`` with rule-based components, which needs nothing beyond
the spaCy package. A user with a trained pipeline installed may opt in with ``model:`` in the
config; its parser or senter then decides sentence boundaries.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

from . import nonprose
from .textnorm import fold

if not Token.has_extension("nonprose"):
    Token.set_extension("nonprose", default=None)

_TERMINAL = re.compile(r"^[.!?…]+[\"'”»)\]]*$")
_CLOSERS = frozenset("\"'”»)]")


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
        previous_ends = True
        for token in doc:
            text = token.text
            if token.is_space:
                token.is_sent_start = previous_ends
                if "\n" in text or "\r" in text:
                    previous_ends = True
                continue
            token.is_sent_start = previous_ends and not (text[0] in _CLOSERS or _TERMINAL.match(text))
            if previous_ends and not token.is_sent_start:
                # closing punctuation glued to the previous sentence ("Gracias!!" "»")
                previous_ends = bool(_TERMINAL.match(text))
                continue
            if token._.nonprose is not None:
                previous_ends = False
            elif _TERMINAL.match(text):
                previous_ends = True
            elif text.endswith(".") and len(text) > 1 and text.lower() not in self.abbreviations:
                previous_ends = text[-2].isalpha() and not text[:-1].isupper()
            else:
                previous_ends = False
        return doc


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
    """Merge each non-prose span into one token that carries its kind."""
    if not spans:
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
    with doc.retokenize() as retokenizer:
        for start, end, kind in merged:
            retokenizer.merge(doc[start:end], attrs={"_": {"nonprose": kind}})
    return doc
