"""The views of a Draft equal their plain definitions on spaCy's tokens; spelling's word list
equals its compound-aware walk (hypothesis)."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_SPACE, LENGTH, NORM, ORTH, SENT_START
from spacy.tokens import Doc

from replylint import Linter
from replylint.checks.spelling import Spelling

PIECES = st.sampled_from([
    "Hola", "hola", "tarjeta", "Sr", "e", "mail", "check", "in", "bien", "estar", "x", "ya", "á", "ñ", "JM",
    "l@s", "1ro", "tarjeta2", "2", "10:30", "$1,200", "-", "--", "—", " - ", ".-JM", "-JM", ".", ",", "¡", "?",
    " ", "  ", "\n", "\t", "@ana", "#tag", "https://ex.com/a-b", "ana@x.es", "{{nombre}}", "&lt;", "😀",
    "👍🏽", "e\u0301", "שלום",
])
DRAFTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=30).map("".join))
LINTERS = {lang: Linter(lang=lang, vocabulary=["check-in", "bien-estar"]) for lang in ("es", "en")}
SPELLING = Spelling()


def _draft(text: str, lang: str):
    linter = LINTERS[lang]
    return next(iter(linter._drafts([text], lang, linter.channel("chat"))))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DRAFTS, lang=st.sampled_from(["es", "en"]))
@example(text="Saludos .-JM", lang="es")
@example(text="un e-mail y check-in-x", lang="es")
def test_views_equal_their_definitions(text, lang):
    draft = _draft(text, lang)
    doc = draft.doc
    assert draft.texts == [t.text for t in doc]
    assert draft.starts == [t.idx for t in doc]
    assert draft.kinds == [t._.nonprose for t in doc]
    assert draft.is_space == [int(t.is_space) for t in doc]
    assert draft.norms == [t.norm for t in doc]
    assert draft.sent_start_flags == doc.to_array(SENT_START).tolist()
    assert draft._columns == doc.to_array([ORTH, IDX, LENGTH, NORM, IS_SPACE]).T.tolist()
    assert draft.word_indices == [
        i for i, t in enumerate(doc) if t._.nonprose is None and any(c.isalpha() for c in t.text)]
    assert [t.i for t in draft.words()] == draft.word_indices


# Tokens as a trained pipeline makes them ("e-mail" as "e", "-", "mail"; the shipped tokenizer
# keeps a hyphenated word whole), each with or without a space after it.
UNITS = st.sampled_from([
    ("e", "-", "mail"), ("check", "-", "in"), ("bien", "-", "estar"), ("e",), ("mail",), ("check",), ("x",),
    ("Sr",), ("á",), ("2",), ("-",), ("--",), (".",), (",",), ("JM",), ("😀",), ("\n",)])
TOKENS = st.lists(UNITS, max_size=12).map(lambda units: [w for unit in units for w in unit]).flatmap(
    lambda words: st.lists(st.booleans(), min_size=len(words), max_size=len(words)).map(
        lambda spaces: list(zip(words, spaces))))


def _draft_of_tokens(tokens: list[tuple[str, bool]], lang: str):
    base = _draft("", lang)
    doc = Doc(base.doc.vocab, words=[w for w, _ in tokens], spaces=[s for _, s in tokens])
    return dataclasses.replace(base, text=doc.text, doc=doc, spans=[])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tokens=TOKENS, lang=st.sampled_from(["es", "en"]))
@example(tokens=[("un", True), ("e", False), ("-", False), ("mail", True), ("check", False), ("-", False),
                 ("in", True), ("bien", False), ("-", False), ("estar", False), ("-", False), ("x", False)],
         lang="es")
def test_spelling_words_equal_the_compound_walk(tokens, lang):
    draft = _draft_of_tokens(tokens, lang)
    assert SPELLING._words(draft) == list(SPELLING._words_and_compounds(draft))
    assert draft.word_indices == [i for i, t in enumerate(draft.doc) if any(c.isalpha() for c in t.text)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DRAFTS, lang=st.sampled_from(["es", "en"]))
def test_spelling_words_of_whole_drafts_equal_the_compound_walk(text, lang):
    draft = _draft(text, lang)
    assert SPELLING._words(draft) == list(SPELLING._words_and_compounds(draft))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(DRAFTS | st.sampled_from(["Hola Ximena, tambien revisamos su pedido.", "ok tambien",
                                                "Gracias, Zorblax.", "el e-mail y la app",
                                                "En CDMX, el ATM y tu iPhone; ZORBLAXA", "Hola Ana. Zorblax"]),
                      min_size=1, max_size=4),
       lang=st.sampled_from(["es", "en"]))
def test_spelling_settles_strings_without_changing_its_findings(texts, lang):
    """The check that a draft holds only known words or no words (each token string judged
    once, then remembered) gives the findings of the full check, on first sight and after."""
    remembering, full = Spelling(), Spelling()
    full._all_settled = lambda draft, lexicon, settings: False
    for text in texts + texts:
        draft = _draft(text, lang)
        assert list(remembering.check(draft)) == list(full.check(_draft(text, lang)))


def test_spelling_remembers_known_words_per_lexicon_and_vocabulary():
    with_word = Linter(lang="es", vocabulary=["zorblaxa"])
    without = Linter(lang="es")
    rule = Spelling()
    for linter, flagged in ((with_word, False), (without, True), (with_word, False)):
        draft = next(iter(linter._drafts(["Tu zorblaxa llega hoy."], "es", linter.channel("chat"))))
        assert [h.start for h in rule.check(draft)] == ([3] if flagged else [])
