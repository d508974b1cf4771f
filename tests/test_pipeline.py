"""The spaCy pipeline: tokens, folded norms, non-prose merging and sentence starts."""

from __future__ import annotations

import random

import pytest

import replylint.pipeline as pipeline_module
from replylint import Linter, nonprose
from replylint.pipeline import KINDS_KEY, Pipeline
from replylint.textnorm import fold


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Pipeline]:
    linter = Linter()
    return {lang: linter.pipeline(lang) for lang in ("es", "en")}


def _doc(pipeline: Pipeline, text: str):
    return next(pipeline.process([(text, nonprose.scan(text))]))


def _table(doc):
    return [(t.text, t.idx, t.whitespace_, t.norm_, t.is_sent_start, t._.nonprose) for t in doc]


@pytest.mark.parametrize("lang, text", [
    ("es", "¿Cómo está Ud.? TAMBIÉN revisamos su pedido, ¡Gracias!"),
    ("en", "We don't know yet, but we'll check. Y'all can DM us."),
    ("en", "'Cause it's 5 o'clock… ok?"),
])
def test_every_token_norm_is_its_folded_text(pipelines, lang, text):
    # tokenizer exceptions carry their own NORM ("don't" -> "not"); ours is always the folded text
    doc = _doc(pipelines[lang], text)
    assert [t.norm_ for t in doc] == [fold(t.text) for t in doc]


def test_new_words_get_folded_norms_from_the_vocabulary(pipelines):
    doc = _doc(pipelines["es"], "Xylofónica ÉXITO Ñandú")
    assert [t.norm_ for t in doc] == ["xylofonica", "exito", "nandu"]


def test_question_and_exclamation_marks_split_words(pipelines):
    doc = _doc(pipelines["es"], "Hola?Hola!bien.¿Algo")
    assert [t.text for t in doc] == ["Hola", "?", "Hola", "!", "bien.", "¿", "Algo"]


_PIECES = ["👍🏽", "hola", "https://x.mx/a?b=1", "@juan_p", "{{ nombre }}", "55 1234 5678", "ABC-123", " ", "  ",
           "\n", "¡Gracias!", "👨‍👩‍👧", "🇲🇽", "$1,250.00", "-JM\n", "Sr.", "¿Algo más?"]


@pytest.mark.parametrize("seed", range(8))
def test_many_merges_build_the_same_doc_as_the_retokenizer(pipelines, seed, monkeypatch):
    """Past _RETOKENIZE_MAX merges the doc is rebuilt from its words; the result is identical."""
    rng = random.Random(seed)
    text = "".join(rng.choice(_PIECES) + rng.choice(["", " ", "\n"]) for _ in range(400))
    spans = nonprose.scan(text)
    monkeypatch.setattr(pipeline_module, "_RETOKENIZE_MAX", 10**9)
    retokenized = next(pipelines["es"].process([(text, spans)]))
    monkeypatch.setattr(pipeline_module, "_RETOKENIZE_MAX", 0)
    rebuilt = next(pipelines["es"].process([(text, spans)]))
    assert rebuilt.text == text
    assert _table(rebuilt) == _table(retokenized)
    assert rebuilt.user_data[KINDS_KEY] == retokenized.user_data[KINDS_KEY]


@pytest.mark.parametrize("text, sentences", [
    ("Hola, Ana. ¿Cómo estás? Te ayudo!! Saludos", ["Hola, Ana.", "¿Cómo estás?", "Te ayudo!!", "Saludos"]),
    ("El Sr. Pérez llamó. Visita https://banco.mx/a.b hoy", ["El Sr. Pérez llamó.", "Visita https://banco.mx/a.b hoy"]),
    ("Gracias!!»\nLínea dos", ["Gracias!!»", "Línea dos"]),
    ("ABC. DEF. listo", ["ABC.", "DEF.", "listo"]),
    ("Hola?Hola!bien.¿Algo", ["Hola?", "Hola!", "bien.", "¿Algo"]),
    ("Son aprox. 5 días", ["Son aprox. 5 días"]),
])
def test_sentence_starts(pipelines, text, sentences):
    from replylint.draft import Draft, Settings, language_data

    linter = Linter()
    doc = _doc(pipelines["es"], text)
    draft = Draft(text, "es", linter.channel("chat"), doc, nonprose.scan(text), Settings(), language_data("es"),
                  pipelines["es"])
    assert [s.text for s in draft.sentences] == sentences


def test_token_range_agrees_with_spacys_expanding_char_span(pipelines):
    from spacy.attrs import IDX, LENGTH

    from replylint.pipeline import _token_range

    rng = random.Random(3)
    pieces = ["hola", "  ", "\n", "!!", "👍🏽", "https://x.mx/a", "a.b", "12,50", " ", "¿", "Qué"]
    nlp = pipelines["es"].nlp
    for _ in range(500):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 15)))
        doc = nlp.make_doc(text)
        table = doc.to_array([IDX, LENGTH])
        starts, ends = table[:, 0].tolist(), (table[:, 0] + table[:, 1]).tolist()
        for _ in range(5):
            a = rng.randint(0, len(text) - 1)
            b = rng.randint(a + 1, len(text))
            span = doc.char_span(a, b, alignment_mode="expand")
            expected = (span.start, span.end) if span is not None and len(span) else None
            first, end = _token_range(starts, ends, a, b)
            assert ((first, end) if end > first else None) == expected, (text, a, b)
