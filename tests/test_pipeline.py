"""The spaCy pipeline: tokens, folded norms, non-prose merging and sentence starts."""

from __future__ import annotations

import functools
import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import replylint.pipeline as pipeline_module
from replylint import Linter, nonprose
from replylint.pipeline import Pipeline
from replylint.textnorm import fold


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Pipeline]:
    linter = Linter()
    return {lang: linter.pipeline(lang) for lang in ("es", "en")}


def _doc(pipeline: Pipeline, text: str):
    return next(pipeline.process([(text, nonprose.scan(text))]))


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


_TOKEN_ATTRS = ["text", "idx", "whitespace_", "orth", "norm", "norm_", "lower_", "shape_", "lemma", "pos", "tag",
                "dep", "ent_iob", "ent_type", "is_sent_start", "is_alpha", "like_num", "is_punct", "lang_"]


def _full_table(doc):
    rows = [tuple(getattr(t, name) for name in _TOKEN_ATTRS) + (t.head.i, t._.nonprose) for t in doc]
    return doc.text, doc.has_unknown_spaces, rows, doc.user_data


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("seed", range(6))
def test_merging_by_a_new_doc_is_the_retokenizer(pipelines, lang, seed):
    """A blank pipeline merges non-prose by building a new Doc (``_rebuilt``), a trained one with
    spaCy's retokenizer up to ``_RETOKENIZE_MAX`` merges: the two give the same doc, with few
    merges or many, around the tokenizer's special cases too (a blank pipeline's tokens carry
    nothing but their lexeme and trailing space)."""
    nlp = pipelines[lang].nlp
    rng = random.Random(seed)
    specials = sorted(nlp.tokenizer.rules)
    for count in (3, 30, 400):
        pieces = _PIECES + rng.sample(specials, 40)
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(count))
        spans = nonprose.scan(text)
        retokenized = pipeline_module._protect(nlp.make_doc(text), text, spans, retokenize_max=10**9)
        rebuilt = pipeline_module._protect(nlp.make_doc(text), text, spans, retokenize_max=0)
        assert rebuilt.text == text
        assert _full_table(rebuilt) == _full_table(retokenized)


def test_special_cases_carry_no_token_norm(pipelines):
    """What makes ``_rebuilt`` exact for a blank pipeline: no tokenizer special case sets a
    token's own NORM (replylint takes them out), so every token's norm is its lexeme's."""
    from spacy.attrs import NORM

    for lang in ("es", "en"):
        tokenizer = pipelines[lang].nlp.tokenizer
        assert all(NORM not in token and "NORM" not in token
                   for tokens in tokenizer.rules.values() for token in tokens)


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


def test_token_columns_are_read_afresh_when_the_tokens_changed(pipelines):
    from replylint.pipeline import COLUMNS, COLUMNS_KEY, token_columns

    doc = _doc(pipelines["es"], "Hola, Ana. ¿Cómo estás?")
    assert token_columns(doc) == doc.to_array(COLUMNS).T.tolist()
    assert COLUMNS_KEY in doc.user_data       # kept for the next reader
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    assert token_columns(doc) == doc.to_array(COLUMNS).T.tolist()
    plain = pipelines["es"].nlp.make_doc("sin separar")      # never through process
    assert token_columns(plain) == plain.to_array(COLUMNS).T.tolist()
    assert token_columns(plain)[1:3] == [[0, 4], [3, 7]]


def test_sentence_starts_are_set_when_first_asked_for(pipelines):
    """``process`` leaves the sentence splitter out; ``sentence_starts`` runs it on the doc once,
    with the same starts as the whole pipeline gives."""
    from spacy.attrs import SENT_START

    text = "Hola, Ana. ¿Cómo estás?\nSaludos"
    pipeline = pipelines["es"]
    doc = _doc(pipeline, text)
    assert not doc.has_annotation("SENT_START")
    flags = pipeline.sentence_starts(doc)
    assert flags == doc.to_array(SENT_START).tolist()
    assert [s.text for s in doc.sents] == [s.text for s in pipeline.nlp(text).sents]
    assert pipeline.sentence_starts(doc) is flags       # not worked out again
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    assert pipeline.sentence_starts(doc) == doc.to_array(SENT_START).tolist()


def test_token_range_agrees_with_spacys_expanding_char_span(pipelines):
    from spacy.attrs import IDX, LENGTH

    from replylint.pipeline import _token_range

    rng = random.Random(3)
    pieces = ["hola", "  ", "\n", "!!", "👍🏽", "https://x.mx/a", "a.b", "12,50", " ", "¿", "Qué"]
    nlp = pipelines["es"].nlp
    for _ in range(500):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 15)))
        doc = nlp.make_doc(text)
        starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        for _ in range(5):
            a = rng.randint(0, len(text) - 1)
            b = rng.randint(a + 1, len(text))
            span = doc.char_span(a, b, alignment_mode="expand")
            expected = (span.start, span.end) if span is not None and len(span) else None
            first, end = _token_range(starts, lengths, a, b)
            assert ((first, end) if end > first else None) == expected, (text, a, b)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_affix_patterns_never_match_a_string_of_letters(lang):
    """The tokenizer skips its prefix, suffix, infix and URL regexes for a string of letters
    alone (``_skip_words``): that is only right if those patterns cannot match one. Checked on
    every letter of Unicode, alone and inside a word, and on random words."""
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
    words += ["km", "kg", "ha", "MB", "in", "am", "pm", "th", "st", "nd", "rd", "s", "TB", "localhost", "www",
              "com", "http", "https"]
    assert all(w.isalpha() for w in words)
    assert [w for w in words if prefix(w) or suffix(w) or next(infixes(w), None) or defaults.url_match(w)] == []


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


_SUFFIX_POOL = "aAzñÉ0129²³.…:;,!?¡¿'\"’«»()[]-_/\\$€£%°+*#@~ \n\tkmgsKBhrUSC$"
_SUFFIX_STRINGS = st.one_of(
    st.text(alphabet=_SUFFIX_POOL, max_size=30),
    st.tuples(st.text(alphabet=_SUFFIX_POOL, max_size=120), st.sampled_from(
        ["", "km", "km²", "US$", "C$", "’s", "..", "...", "……", ".\n", "!!", "°C.", "AB.", "'s", "5mbar",
         "2km/h", "3اكواب", "4мбар", "1hPa"])).map("".join))


@settings(max_examples=2000, deadline=None)
@given(string=_SUFFIX_STRINGS, lang=st.sampled_from(["es", "en"]))
@example(string="12km", lang="es")
@example(string="x" * 150 + "....", lang="es")
@example(string="ver:\n", lang="es")
@example(string="Saludos.-YA", lang="en")
def test_suffix_search_from_near_the_end_finds_what_the_whole_search_finds(string, lang):
    plain, fast = _suffix_searches(lang)
    whole = pipeline_module._tail_search(plain)
    expected, got = whole(string), fast(string)
    assert (got and got.span()) == (expected and expected.span())
    if len(string) <= pipeline_module._SUFFIX_WINDOW:
        found = plain(string)
        assert (got and got.span()) == (found and found.span())


@functools.cache
def _suffix_searches(lang: str):
    """spaCy's suffix search for ``lang`` and replylint's, built once."""
    import spacy
    from spacy.util import compile_suffix_regex

    suffixes = spacy.blank(lang).Defaults.suffixes
    return compile_suffix_regex(suffixes).search, pipeline_module._suffix_search(suffixes)


def test_the_longest_suffix_is_read_from_spacys_patterns():
    import spacy

    for lang in ("es", "en"):
        assert pipeline_module._longest_suffix(spacy.blank(lang).Defaults.suffixes) == 5   # the longest unit, "اكواب"
    assert pipeline_module._longest_suffix([r"\.\.+", "a"]) == 1          # the ellipsis run aside
    assert pipeline_module._longest_suffix(["x+"]) is None                   # no longest match: no shortcut
    assert pipeline_module._longest_suffix(["(unclosed"]) is None


_WHITESPACE = [chr(c) for c in range(0x110000) if chr(c).isspace()]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_affix_infix_or_url_pattern_matches_whitespace(pipelines, lang):
    # why a run of whitespace needs no special case to stay one token of itself
    tokenizer = pipelines[lang].nlp.tokenizer
    runs = _WHITESPACE + [a + b for a in _WHITESPACE for b in _WHITESPACE] + [" " * 7, "\n \t\n", "\r\n"]
    for run in runs:
        assert not (tokenizer.find_prefix(run) or tokenizer.find_suffix(run) or tokenizer.find_infix(run)), repr(run)
        assert not tokenizer.url_match(run) and not tokenizer.token_match(run), repr(run)


_WS_PIECES = st.sampled_from(["hola", "Hola.", "Sr.", "Av.", "h.", "EE. UU.", "we're", "'s", ":)", "(ver)", "¿Qué?",
                              "e-mail", "10km", "$5", "...", "x", "@ana", " ", "  ", "\n", "\n\n", "\t", "\xa0",
                              " \n ", "\r\n", "\u2003", "\u2028"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_WS_PIECES, max_size=25), lang=st.sampled_from(["es", "en"]))
@example(pieces=["hola", "  ", "adios"], lang="es")
@example(pieces=["a", "\n", "b.", "\n", "b."], lang="es")
def test_whitespace_special_cases_are_left_out_without_changing_a_token(pipelines, pieces, lang):
    ours = pipelines[lang].nlp.tokenizer
    stock = _with_every_special_case(pipelines[lang])
    assert len(stock.rules) > len(ours.rules)
    text = "".join(pieces)
    for _ in range(2):          # the second time from the tokenizers' caches
        assert [(t.text, t.whitespace_, t.orth, t.norm) for t in ours(text)] == [
            (t.text, t.whitespace_, t.orth, t.norm) for t in stock(text)]


@functools.cache
def _with_every_special_case(pipeline: Pipeline):
    """``pipeline``'s tokenizer with all of spaCy's special cases (whitespace ones included)."""
    from spacy.tokenizer import Tokenizer

    nlp = pipeline.nlp
    ours = nlp.tokenizer
    return Tokenizer(nlp.vocab, rules=pipeline_module._without_norms(nlp.Defaults.tokenizer_exceptions),
                     prefix_search=ours.prefix_search, suffix_search=ours.suffix_search,
                     infix_finditer=ours.infix_finditer, token_match=ours.token_match, url_match=ours.url_match)


def _attribute_strings(lang: str) -> list[str]:
    """Every character of the Basic Multilingual Plane and of the emoji blocks, alone, inside a
    word and repeated; random strings of letters, digits, punctuation and space; the lexicon's
    words; and awkward cases."""
    from replylint.lexicon import Lexicon

    rnd = random.Random(11)
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + [chr(c) for c in range(0x1F300, 0x1FAFF)]
    pool = "aAbBxXzZñÑáÉ019²½@.:/-_+±~,#$€'\"()[]{}<>«»“”‘’ \t\n…!?%&*^|\\"
    strings = chars + ["a" + c + "B" for c in chars[::5]] + [c * 6 for c in chars[::61]]
    strings += ["".join(rnd.choice(pool) for _ in range(rnd.randint(1, 12))) for _ in range(20000)]
    strings += sorted(Lexicon.load(lang)._vocab_lower) + sorted(Lexicon.load(lang)._vocab_exact)
    strings += ["uno", "Dos", "primero", "first", "Twelfth", "1st", "12th", "²nd", "1/2", "+34", "-1,5", "x" * 120,
                "www.banco.mx", "http://l", "a@b.c", "Ǆemal", "ǅemal", "ĦAĦ", "אבג", "AAAAAAA", "Información",
                "WhatsApp", "iPhone", "IẞA", "ẞ", "_", "es", "en", "X", "ADJ", "Xxxxx", ""]
    return strings


@pytest.mark.parametrize("lang", ["es", "en"])
def test_faster_lexical_attributes_give_spacys_answers(lang, pipelines):
    """``replylint.lexattrs`` replaces spaCy's attribute functions with faster ones: each must
    answer as spaCy's own does, for any string (a hash standing for a string that is stored)."""
    import spacy
    from spacy.attrs import NORM

    original = spacy.blank(lang).vocab.lex_attr_getters
    vocab = pipelines[lang].nlp.vocab
    ours = vocab.lex_attr_getters
    replaced = [attr for attr, getter in ours.items() if attr != NORM and getter is not original[attr]]
    assert len(replaced) >= 20
    for text in _attribute_strings(lang):
        for attr in replaced:
            try:
                expected = original[attr](text)
            except Exception as exc:  # spaCy's like_url fails on "": ours must fail alike
                with pytest.raises(type(exc)):
                    ours[attr](text)
                continue
            value = ours[attr](text)
            if isinstance(value, int) and not isinstance(value, bool):
                value = vocab.strings[value]  # KeyError unless stored
            assert value == expected, (attr, text)
    assert vocab.lang == lang


_LEXEME_ATTRS = ["orth", "orth_", "lower", "lower_", "norm", "norm_", "prefix", "prefix_", "suffix", "suffix_",
                 "shape", "shape_", "lang", "lang_", "flags", "rank", "is_oov", "cluster", "prob", "sentiment"]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_new_words_get_the_lexemes_of_a_stock_vocabulary(lang):
    """Every attribute of a word's lexeme, made by the stand-ins (some answering with a hash),
    equals the one a stock ``spacy.blank(lang)`` vocabulary makes (with the folded NORM), in and
    out of a memory zone and after one."""
    import spacy
    from spacy.attrs import NORM

    stock = spacy.blank(lang).vocab
    stock.lex_attr_getters[NORM] = fold
    nlp = Pipeline(lang).nlp
    ours = nlp.vocab
    texts = [t for t in dict.fromkeys(_attribute_strings(lang)) if t and t not in ours and t not in stock]
    assert len(texts) > 90000

    def rows(vocab, batch):
        return [tuple(getattr(vocab[t], name) for name in _LEXEME_ATTRS) for t in batch]

    third = len(texts) // 3
    with nlp.memory_zone():
        assert rows(ours, texts[:third]) == rows(stock, texts[:third])
    assert rows(ours, texts[third:]) == rows(stock, texts[third:])
    assert nlp("Hola, ¿Qué tal?")[0].lang_ == lang
