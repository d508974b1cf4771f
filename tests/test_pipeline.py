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


@pytest.mark.parametrize("lang", ["es", "en"])
def test_affix_patterns_never_match_a_string_of_letters(lang):
    """The tokenizer skips its prefix, suffix and infix regexes for a string of letters alone
    (``_skip_words``): that is only right if those patterns cannot match one. Checked on every
    letter of Unicode, alone and inside a word, and on random words."""
    import spacy
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = spacy.blank(lang).Defaults
    prefix = compile_prefix_regex(defaults.prefixes).search
    suffix = compile_suffix_regex(defaults.suffixes).search
    infixes = compile_infix_regex(list(defaults.infixes) + pipeline_module._EXTRA_INFIXES).finditer
    letters = [chr(c) for c in range(0x110000) if chr(c).isalpha()]
    rnd = random.Random(7)
    words = letters + ["k" + c + "m" for c in letters]
    words += ["".join(rnd.choice(letters[:600]) for _ in range(rnd.randint(1, 9))) for _ in range(3000)]
    words += ["km", "kg", "ha", "MB", "in", "am", "pm", "th", "st", "nd", "rd", "s", "TB"]
    assert all(w.isalpha() for w in words)
    assert [w for w in words if prefix(w) or suffix(w) or next(infixes(w), None)] == []


def test_tokenizer_with_and_without_the_letters_shortcut(pipelines):
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    for lang, text in [("es", "Hola,tambien!! $100.50 3km ¿Qué?¡Ya! (ver) 12:30hrs «así»… e-mail"),
                       ("en", "Hi!!we're 10kg/5lb 'quoted' U.S. e.g. \"well\"... x-ray 3rd")]:
        nlp = pipelines[lang].nlp
        defaults = nlp.Defaults
        plain = Tokenizer(
            nlp.vocab, rules=nlp.tokenizer.rules,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(list(defaults.infixes) + pipeline_module._EXTRA_INFIXES).finditer,
            token_match=defaults.token_match, url_match=defaults.url_match)
        assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in plain(text)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_faster_lexical_attributes_give_spacys_answers(lang, pipelines):
    """``replylint.lexattrs`` replaces some of spaCy's attribute functions with faster ones:
    each must answer as spaCy's own does, for any string."""
    import spacy

    from replylint.lexicon import Lexicon

    original = spacy.blank(lang).vocab.lex_attr_getters
    ours = pipelines[lang].nlp.vocab.lex_attr_getters
    replaced = [attr for attr, getter in ours.items()
                if getattr(getter, "__module__", "") == "replylint.lexattrs" or getter is str.isascii]
    assert len(replaced) >= 10
    rnd = random.Random(11)
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + [chr(c) for c in range(0x1F300, 0x1FAFF)]
    pool = "aAbBxXzZñÑáÉ019²½@.:/-_+±~,#$€'\"()[]{}<>«»“”‘’ \t\n…!?%&*^|\\"
    strings = chars + ["a" + c + "B" for c in chars[::5]] + [c * 6 for c in chars[::61]]
    strings += ["".join(rnd.choice(pool) for _ in range(rnd.randint(1, 12))) for _ in range(20000)]
    strings += sorted(Lexicon.load(lang)._vocab_lower) + sorted(Lexicon.load(lang)._vocab_exact)
    strings += ["uno", "Dos", "primero", "first", "Twelfth", "1st", "12th", "²nd", "1/2", "+34", "-1,5", "x" * 120,
                "www.banco.mx", "http://l", "a@b.c", "Ǆemal", "ǅemal", "ĦAĦ", "אבג", "AAAAAAA", "Información",
                "WhatsApp", "iPhone", "IẞA", "ẞ", ""]
    for attr in replaced:
        for text in strings:
            try:
                expected = original[attr](text)
            except Exception as exc:  # spaCy's like_url fails on "": ours must fail alike
                with pytest.raises(type(exc)):
                    ours[attr](text)
                continue
            assert ours[attr](text) == expected, (attr, text)
