"""The cheap early returns of rules skip only drafts where the rule finds nothing: on drafts built
from pieces that exercise each rule, its hits with the early return equal its hits with the early
return disabled, in both languages (hypothesis)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from replylint import Linter, packs
from replylint.checks import (
    brand_casing, exclamation_stack, long_sentence, public_personal_data, punctuation_spacing, sentence_case,
)
from replylint.checks.brand_casing import BrandCasing
from replylint.checks.exclamation_stack import ExclamationStack
from replylint.checks.long_sentence import LongSentence, LongSentenceOptions
from replylint.checks.public_personal_data import PublicPersonalData
from replylint.checks.punctuation_spacing import PunctuationSpacing
from replylint.checks.sentence_case import SentenceCase, SentenceCaseOptions

LANGS = st.sampled_from(["es", "en"])
LINTERS = {lang: Linter(lang=lang, vocabulary=["=Citibanamex", "=WhatsApp"]) for lang in ("es", "en")}
COMMON = [
    " ", "  ", "\n", "\t", ".", ",", "!", "?", "¡", "¿", "Hola", "hola", "gracias", "@ana", "@115886",
    "https://ex.com/a!b", "ana@x.es", "#tag", "{{nombre}}", "😀", "👍🏽", "$1,200", "10:30", "-JM", "…",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _draft(text: str, lang: str, channel: str = "chat"):
    linter = LINTERS[lang]
    return next(iter(linter._drafts([text], lang, linter.channel(channel))))


def _drafts(pieces: list[str], max_size: int = 30):
    return st.one_of(st.text(max_size=60), st.lists(st.sampled_from(pieces + COMMON), max_size=max_size).map("".join))


def _same_hits(rule, draft, target, **disabled) -> None:
    """The rule's hits equal its hits with the attributes of ``target`` that make its early
    return replaced by ``disabled`` ones (which never return early)."""
    fast = list(rule.check(draft))
    with mock.patch.multiple(target, **disabled):
        slow = list(rule.check(draft))
    assert fast == slow


# -- pack rules --------------------------------------------------------------------------------

LIMITS = """
rules:
  - {id: bangs, kind: limit, summary: s, count: matches, max: 1, regex: '!+'}
  - {id: bangs-per-sentence, kind: limit, summary: s, count: matches, scope: sentence, max: 0, regex: '!+'}
  - {id: channel-bangs, kind: limit, summary: s, count: matches, max: exclamations, regex: '(?x) ! +'}
  - {id: two-questions, kind: limit, summary: s, count: matches, max: 2, regex: '[?]', ignorecase: false}
  - {id: fuzzy-bang, kind: limit, summary: s, count: matches, max: 0, regex: '!{e<=1}'}
  - {id: bang-words, kind: regex, summary: s, regex: '!+\\w+'}
"""
LIMIT_RULES = [info.build(None) for info in packs._load_pack_text(LIMITS, "limits.yaml", None)]


def test_first_character_only_when_every_match_starts_with_it():
    first = packs._first_character
    assert [first(p) for p in ("!+", "!", "\\!+?", "!++", "\\?", "#\\w+", "1+")] == ["!", "!", "!", "!", "?", "#", "1"]
    # a letter has other cases; "{" may be a fuzzy match or a repeat of zero; optional,
    # alternated, grouped or classes: not said plainly enough
    assert [first(p) for p in ("a+", "K", "!{e<=1}", "!{2,}", "!*", "!?", "!|x", "[!?]", "\\w", "", "(?x) ! +",
                               "[?]", "(?:!)+x", "\\1", "\\")] == [None] * 15


@SETTINGS
@given(text=_drafts(["!", "!!", "!!!", "¡Hola!", "?", "??", "a!b", "!x"]), lang=LANGS,
       channel=st.sampled_from(["chat", "email", "twitter"]))
@example(text="¡Hola! ¡Gracias!! Adiós!", lang="es", channel="email")
@example(text="Wow! https://ex.com/a!b !!", lang="en", channel="chat")
def test_limit_and_regex_rules_skip_only_when_too_few_matches(text, lang, channel):
    draft = _draft(text, lang, channel)
    shipped = [e.rule for e in LINTERS[lang].active_rules(lang, channel) if e.info.id == "exclamation-count"]
    for rule in LIMIT_RULES + shipped:
        _same_hits(rule, draft, packs, _first_character=lambda source: None)


def _pack_words(lang: str) -> list[str]:
    """The words of the shipped phrase and pattern rules (phrases, exceptions, NORM values)."""
    words: set[str] = set()
    entries = [e.rule.entry for e in LINTERS[lang].active_rules(lang, "chat") if hasattr(e.rule, "entry")]
    for entry in (entry for entry in entries if entry.kind in ("phrase", "pattern")):
        for item in entry.per_lang.get(lang, ()):
            if isinstance(item, packs.Phrase):
                words.update(item.text.split())
                continue
            for spec in item["pattern"] if isinstance(item, Mapping) else item:
                value = spec.get("NORM", spec.get("LOWER")) if isinstance(spec, Mapping) else None
                words.update([value] if isinstance(value, str) else value.get("IN", []) if isinstance(value, Mapping)
                             else [])
        for phrase in entry.exceptions.get(lang, ()):
            words.update(phrase.text.split())
    return sorted(words)


PACK_WORDS = {lang: _pack_words(lang) for lang in ("es", "en")}


@SETTINGS
@given(data=st.data(), lang=LANGS)
@example(data=None, lang="es")
def test_phrase_and_pattern_rules_skip_only_drafts_lacking_a_needed_word(data, lang):
    words = PACK_WORDS[lang]
    if data is None:
        text = "Como ya le dije, no podemos hacer nada. ¡Saludos!"
    else:
        pieces = st.sampled_from(words + [w.upper() for w in words[:40]] + [" ", ", ", ". ", "\n", "😀", "@ana"])
        text = data.draw(st.lists(pieces, max_size=20).map(" ".join))
    draft = _draft(text, lang, "twitter")
    rules = [e.rule for e in LINTERS[lang].active_rules(lang, "twitter")
             if getattr(e.rule, "entry", None) is not None and e.rule.entry.kind in ("phrase", "pattern")]
    assert {"blame", "dismissive", "vague-promise"} <= {r.entry.id for r in rules}
    for rule in rules:
        _same_hits(rule, draft, packs._NormIndex, may_match=lambda self, norms: True)


def test_norm_index_looks_up_every_pattern():
    strings = {"no": 1, "podemos": 2, "puedo": 3, "ya": 4}
    required = ((frozenset([1]), frozenset([2, 3])), (frozenset([4]), frozenset([1])))
    index = packs._NormIndex(required)
    assert index.may_match(frozenset([1, 3])) and index.may_match(frozenset([4, 1, 9]))
    assert not index.may_match(frozenset([1, 9])) and not index.may_match(frozenset([4, 2]))
    assert not packs._NormIndex(()).may_match(frozenset(strings.values()))


# -- Python rules ------------------------------------------------------------------------------

@SETTINGS
@given(text=_drafts(["palabra", "word", "don't", "www.banco.mx", "\u2003", "\u00a0", "\x1c", "\u200b", "—", "-",
                     "a-b", "1", "_", "a_b"]),
       lang=LANGS, limit=st.integers(1, 6))
@example(text="uno\x1cdos tres\u2003cuatro", lang="es", limit=2)
def test_long_sentence_skips_only_sentences_with_few_runs_of_non_spaces(text, lang, limit):
    rule = LongSentence(LongSentenceOptions(max_words=limit))
    _same_hits(rule, _draft(text, lang, "twitter"), long_sentence, _runs=lambda text: 10**9)


@SETTINGS
@given(text=_drafts(["hola", "Hola", "y", "iPhone", "1", "Cd. ", ". ", "? ", "! ", "... ", ": ", "\"", "(",
                     "«", "www.banco.mx", "@ana ", "😀 ", "#tag "]),
       lang=LANGS, after_mentions=st.booleans(), channel=st.sampled_from(["chat", "twitter"]))
@example(text="@ana y los domingos", lang="es", after_mentions=True, channel="twitter")
@example(text="@ana hola, gracias", lang="es", after_mentions=True, channel="twitter")
@example(text="Hola. 😀 gracias. «bien»", lang="es", after_mentions=False, channel="chat")
def test_sentence_case_settles_by_first_token_only_what_it_would_not_report(text, lang, after_mentions, channel):
    rule = SentenceCase(SentenceCaseOptions(after_mentions=after_mentions))
    _same_hits(rule, _draft(text, lang, channel), sentence_case, _settled=lambda word, kind, after_mentions: False)


@SETTINGS
@given(text=_drafts(["!!", "?!", "¡¡", "¿¡", "!¡", "¿?", "Hola", "de verdad"]), lang=LANGS)
@example(text="¿De verdad?! ¡¡Gracias!!", lang="es")
def test_exclamation_stack_skips_only_drafts_without_two_marks_in_a_row(text, lang):
    _same_hits(ExclamationStack(), _draft(text, lang), exclamation_stack, _TWO_MARKS=re.compile(""))


ID_PIECES = ["HEGG560427MVZRRL04", "GODE561231GR8", "&ODE561231GR8", "ÑODE561231GR8", "12345678Z", "12345678-Z",
             "X1234567L", "X-1234567-L", "12.345.678-5", "1.234.567-K", "123456", "1234567", "ABCD", "Ñ", "&",
             "-", "X", "Y", "Z", "tu CURP es ", "mi DNI: ", "RUT "]


@SETTINGS
@given(text=st.one_of(_drafts(ID_PIECES), st.text(alphabet="ABCXYZÑ&0123456789.-kK @", max_size=40)), lang=LANGS)
@example(text="@115886 HEGG560427MVZRRL04", lang="en")
@example(text="1.234.12345678Z y X-1234567-L", lang="es")
def test_national_ids_are_looked_for_from_where_one_can_start(text, lang):
    _same_hits(PublicPersonalData(), _draft(text, lang, "twitter"), public_personal_data, _ID_DIGITS=re.compile(""))


@SETTINGS
@given(text=_drafts(["hola", "Hola", "ab", "a", "12", "  ", " ,", " .", ";", ":", "!.", "?.", ":)", "¿ ", "¡ ",
                     "\t"]),
       lang=LANGS)
@example(text="Hola ,mundo!. ¿ Qué tal?Bien:bien", lang="es")
def test_punctuation_spacing_skips_only_checks_whose_marks_are_absent(text, lang):
    always = tuple((pattern, messages, replacement, ("",), at)
                   for pattern, messages, replacement, _, at in punctuation_spacing._CHECKS)
    _same_hits(PunctuationSpacing(), _draft(text, lang), punctuation_spacing, _CHECKS=always)


class _EveryNorm:
    """Stands for the NORM hashes of every declared word: ``x & norms`` is ``norms``."""

    def __and__(self, norms):
        return norms


@SETTINGS
@given(text=_drafts(["Citibanamex", "CitiBanamex", "citibanamex", "CITIBANAMEX", "WhatsApp", "whatsapp",
                     "Whatsapp", "DM", "dm", "Dm", "iPhone", "IPHONE", "iphone", "mercado", "https://whatsapp.com",
                     "@whatsapp", "#DM", "cómo"]),
       lang=LANGS)
@example(text="Escríbenos por whatsapp o Dm a CitiBanamex", lang="es")
def test_brand_casing_looks_only_at_tokens_folding_to_a_declared_word(text, lang):
    _same_hits(BrandCasing(), _draft(text, lang), brand_casing, _norm_hashes=lambda *sets: _EveryNorm())


@pytest.mark.parametrize("lang", ["es", "en"])
def test_pieces_exercise_the_rules(lang):
    """The drafts above do reach the rules' findings (not only their early returns)."""
    found = {f.rule for text in ("¡Hola! ¡Gracias!! ¡Adiós! ¿ Qué ,tal? hola. tu CURP es HEGG560427MVZRRL04",
                                 "Escríbenos por whatsapp, como ya le dije")
             for f in LINTERS[lang].lint(text, channel="email").findings}
    assert {"exclamation-count", "exclamation-stack", "punctuation-spacing", "brand-casing"} <= found
