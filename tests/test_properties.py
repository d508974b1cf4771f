"""Invariants of the engine over arbitrary drafts (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from replylint import Linter, nonprose
from replylint.positions import LineIndex

CHANNELS = ["chat", "email", "sms", "whatsapp", "twitter", "review-reply"]
PIECES = st.sampled_from([
    "Hola", "hola", "NO", "URGENTE", "pronto", "soon", "!!", "?!", "¿", "¡", "?", "!", ".", ",", " ", "  ",
    "\r\n", "\r", "\n", "\t", "😀", "👍🏽", "👨‍👩‍👧", "😡", "e\u0301", "\u200b", "\x00", "שלום", "مرحبا",
    "https://ex.com/a?b=1", "ana@x.es", "@juan", "#tag", "{{nombre}}", "[NOMBRE]", "$1,200", "10:30",
    "ABC123", "-JM", "tambien", "Gracias", "cómo estás", "WE ARE SORRY", "por favor", "…", "“", "”",
])
DRAFTS = st.one_of(
    st.text(max_size=120),
    st.lists(PIECES, max_size=25).map("".join),
)
LINTERS = {lang: Linter(lang=lang) for lang in ("es", "en")}


def _protected(text: str) -> list[str]:
    keep = (nonprose.URL, nonprose.EMAIL, nonprose.MENTION, nonprose.PLACEHOLDER)
    return sorted(text[s.start:s.end] for s in nonprose.scan(text) if s.kind in keep)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DRAFTS, channel=st.sampled_from(CHANNELS), lang=st.sampled_from(["es", "en"]))
def test_findings_are_consistent(text, channel, lang):
    report = LINTERS[lang].lint(text, channel=channel)
    lines = LineIndex(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert (f.line, f.column) == lines.line_col(f.start)
        for edit in f.fix or ():
            assert f.start <= edit.start <= edit.end <= f.end
    assert [(f.start, f.end) for f in report.findings] == sorted((f.start, f.end) for f in report.findings)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DRAFTS, channel=st.sampled_from(CHANNELS), lang=st.sampled_from(["es", "en"]))
@example(text="¡Hola?!", channel="chat", lang="es")  # two rules' fixes once chased each other
@example(text="¿Hola!", channel="chat", lang="es")
def test_fixing_is_idempotent_and_keeps_protected_text(text, channel, lang):
    linter = LINTERS[lang]
    report = linter.lint(text, channel=channel)
    again = linter.lint(report.fixed, channel=channel)
    assert again.fixed == report.fixed
    for piece in _protected(text):
        assert piece in report.fixed
