"""Invariants over arbitrary drafts, in every channel, both languages, ``lang: auto`` and both
modes: linting never raises; every finding's offsets, text, line and column agree with the draft;
fixing is idempotent, only touches the fixed spans and never loses protected text."""

from __future__ import annotations

import bisect
import collections
import functools

from hypothesis import given
from hypothesis import strategies as st

from replylint import Linter, nonprose
from replylint.fixes import apply_edits, select_edits

from ._common import PROFILE

CHANNELS = sorted(Linter().channels)
PIECES = st.sampled_from([
    "Hola", "hola", "NO", "URGENTE", "pronto", "soon", "!!", "?!", "¿", "¡", "?", "!", ".", ",", " ", "  ",
    "\r\n", "\r", "\n", "\n\n", "\t", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
    "😀", "👍🏽", "👨‍👩‍👧", "😡", "🇪🇸", "❤️", "e\u0301", "n\u0303", "\u0301", "\u200b", "\u200c", "\u200d",
    "\ufeff", "\u2060", "\u00ad", "\u202e", "\u200f", "\u061c", "שלום", "مرحبا", "日本語", "𝐇𝐨𝐥𝐚", "ﬁ",
    "https://ex.com/a?b=1", "http://x.y/(a)", "www.ejemplo.com", "ana@x.es", "@juan", "#tag",
    "{{nombre}}", "{{ cliente.nombre }}", "{nombre}", "[NOMBRE]", "%NOMBRE%", "{{", "}}", "{{{x}}}",
    "$1,200", "1.234,56 €", "10:30", "+34 600 000 000", "ABC123", "TK-1234", "-JM", "--", "…", "“", "”",
    "<b>", "</b>", "**", "_", "`x`", "> ", "- ", "1. ", "tambien", "Gracias", "cómo estás", "WE ARE SORRY",
    "por favor", "ESTIMADO CLIENTE", "Sr.", "etc.", "q", "xq", "pls", "asap",
])
DRAFTS = st.one_of(
    st.text(max_size=200),
    st.text(st.characters(codec="utf-8"), max_size=80),
    st.lists(PIECES, max_size=30).map("".join),
    st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join),
)
PROTECTED = (nonprose.URL, nonprose.EMAIL, nonprose.MENTION, nonprose.PLACEHOLDER, nonprose.NUMBER)


@functools.lru_cache(maxsize=None)
def linter(lang: str, mode: str) -> Linter:
    return Linter(lang=lang, mode=mode, time_budget_ms=0)


def line_starts(text: str) -> list[int]:
    """Reference: offsets where lines start; ``\r\n``, ``\r`` and ``\n`` each end a line."""
    starts, i = [0], 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1:i + 2] == "\n":
            i += 2
            starts.append(i)
        elif text[i] in "\r\n":
            i += 1
            starts.append(i)
        else:
            i += 1
    return starts


def line_col(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    starts = line_starts(text) if starts is None else starts
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def check_report(text: str, report) -> None:
    assert report.text == text
    starts = line_starts(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start:f.end] == f.text, f
        assert (f.line, f.column) == line_col(text, f.start, starts), f
        assert f.message and "\n" not in f.message, f
        for edit in f.fix or ():
            assert 0 <= edit.start <= edit.end <= len(text), f
            assert isinstance(edit.replacement, str)
    spans = [(f.start, f.end) for f in report.findings]
    assert spans == sorted(spans)


def check_fix(text: str, report, lint, scan_pattern=None) -> None:
    # one pass changes exactly the selected edits' spans and keeps everything between them
    edits = select_edits(report.findings)
    once = apply_edits(text, edits)
    position, shift = 0, 0
    for edit in edits:
        assert once[position + shift:edit.start + shift] == text[position:edit.start]
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
    assert once[position + shift:] == text[position:]
    # fixing again changes nothing
    again = lint(report.fixed)
    assert again.fixed == report.fixed
    check_report(report.fixed, again)
    # protected text (URLs, e-mail addresses, mentions, placeholders, numbers) is never lost
    spans = nonprose.scan(text, scan_pattern)
    pieces = collections.Counter(text[s.start:s.end] for s in spans if s.kind in PROTECTED)
    for piece, count in pieces.items():
        assert report.fixed.count(piece) >= count, (piece, report.fixed)


@PROFILE
@given(text=DRAFTS, channel=st.sampled_from(CHANNELS), lang=st.sampled_from(["es", "en", "auto"]),
       mode=st.sampled_from(["send", "template"]))
def test_any_draft_in_any_channel(text, channel, lang, mode):
    engine = linter(lang if lang != "auto" else "es", mode)
    lint = functools.partial(engine.lint, channel=channel, lang=lang)
    report = lint(text)
    check_report(text, report)
    syntax = engine.settings.placeholder_syntax
    check_fix(text, report, lint, syntax.scan_pattern if mode == "template" and syntax else None)


@PROFILE
@given(texts=st.lists(DRAFTS, min_size=2, max_size=6), lang=st.sampled_from(["es", "en", "auto"]))
def test_lint_many_matches_lint(texts, lang):
    lint = linter("es", "send")
    many = lint.lint_many(texts, channel="chat", lang=lang)
    assert [r.text for r in many] == texts
    for text, report in zip(texts, many):
        check_report(text, report)
        assert report.findings == lint.lint(text, channel="chat", lang=lang).findings


def test_reference_line_col_matches_the_documented_rule():
    text = "a\r\nb\rc\nd"
    assert [line_col(text, i) for i in (0, 3, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]
