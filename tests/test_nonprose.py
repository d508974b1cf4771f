import pytest

from replylint.nonprose import scan


def kinds(text):
    return [(s.kind, text[s.start:s.end]) for s in scan(text)]


@pytest.mark.parametrize("text,expected", [
    ("Visita https://banco.mx/ayuda?x=1.", [("url", "https://banco.mx/ayuda?x=1")]),
    ("o citibanamex.com/ayuda", [("url", "citibanamex.com/ayuda")]),
    ("escribe a ana.perez@banco.mx", [("email", "ana.perez@banco.mx")]),
    ("hola @juan_perez", [("mention", "@juan_perez")]),
    ("#Soporte24", [("hashtag", "#Soporte24")]),
    ("Hola {{ ticket.requester.first_name }}", [("placeholder", "{{ ticket.requester.first_name }}")]),
    ("[Su Nombre] y [NOMBRE]", [("placeholder", "[Su Nombre]"), ("placeholder", "[NOMBRE]")]),
    ("folio ABC123", [("code", "ABC123")]),
    ("$1,200.50 a las 10:30", [("number", "$1,200.50"), ("number", "10:30")]),
    ("llama al 55 1234 5678", [("number", "55 1234 5678")]),
    ("Gracias -JM", [("signature", "-JM")]),
    ("ok 👍🏽", [("emoji", "👍🏽")]),
    ("familia 👨‍👩‍👧 feliz", [("emoji", "👨‍👩‍👧")]),
    ("la opción 1 &gt; 2", [("number", "1"), ("entity", "&gt;"), ("number", "2")]),
    ("R&amp;D y &quot;hola&quot;", [("entity", "&amp;"), ("entity", "&quot;"), ("entity", "&quot;")]),
    ("it&#39;s, &#x27;ok&#X27; &nbsp;", [("entity", "&#39;"), ("entity", "&#x27;"), ("entity", "&#X27;"),
                                        ("entity", "&nbsp;")]),
])
def test_kinds(text, expected):
    assert kinds(text) == expected


def test_markdown_link_text_is_not_a_placeholder():
    assert kinds("[Aquí](https://a.com)") == [("url", "https://a.com")]


def test_html_tags_are_not_placeholders():
    assert kinds("<b>hola</b>") == []


def test_spans_are_sorted_and_disjoint():
    spans = scan("@a https://x.com/@b ana@x.es #t {{x}} 12:30 ABC1 👍")
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("text", ["Tom & Jerry", "a &b c", "&;", "& lt;", "&#;", "&#xZZ;"])
def test_ampersands_that_are_not_character_references(text):
    assert [k for k, _ in kinds(text)] == []


def test_character_references_are_not_words_or_punctuation():
    from replylint import Linter

    report = Linter(lang="es").lint("Ingresa por la opción 1 &gt; 2 &lt; 3, luego &quot;Aceptar&quot;.")
    assert [f for f in report.findings if f.rule in ("spelling", "punctuation-spacing")] == []


# -- the scan finds what one alternation of all the patterns would ----------------------------

import re  # noqa: E402

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from replylint import nonprose  # noqa: E402

_ONE_ALTERNATION = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in nonprose._ALTERNATIVES), re.MULTILINE)
_PIECES = ["https://banco.mx/x?a=1", "www.b.com", "banco.com.mx", "a.b@c.com", "@user_1", "#Tag1",
           "{{ name }}", "{{https://x", "[NOMBRE]", "[Su Nombre]", "<nombre>", "XXX", "____",
           "$ 1,200.50", "55 1234 5678", "+52 (55) 1234", "-JM", " ^AB", ".- AR", "— Ana",
           "ABC-123", "&amp;", "&#39;", "12:30", "3%", " ", "\n", "hola", "Hola", ".", "-", "@",
           "#", "{x}", "%NAME%", "x", "1", "(", ")", "!", "¿"]


def _one_alternation(text: str) -> list[tuple[str, int, int]]:
    return [(m.lastgroup, m.start(), m.end()) for m in _ONE_ALTERNATION.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join) | st.text(max_size=60))
@example("correo a.b@c.com y @user, ver banco.com.mx -JM")
@example("@a@b.com #x#y &amp;&lt; 1-2-3 ABC123")
def test_scan_matches_one_alternation_of_the_patterns(text):
    """Each pattern is searched on its own (and only where it can match); the result must be
    what a single alternation of all of them, tried left to right, finds."""
    found = [(kind, m.start(), m.end()) for kind, m in nonprose._leftmost_matches(text)]
    assert found == _one_alternation(text)


_FINDER_PIECES = _PIECES + ["http://", "https://a.b-c.com/x", "www.", "www.x", "a-b.mx", "-b.com", "x.com.mx/",
                            ".la", "a.b+c@d-e.f", "x@y", "a@b.c", "MXN 5", "USD", "$", "€ 3", "+52", "++1",
                            "ABC-12", "_", "1_a", "a_-1", "xXx", "²", "٣", "1a", "a1", "-1a", "{{x}}"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FINDER_PIECES), max_size=12).map("".join))
@example("see a.b+c@d-e.f and https://a.b-c.com/x, MXN 5 or +52 55 1234 5678, ABC-12 a_-1")
def test_each_finder_finds_what_search_would(text):
    """A finder looks for a match only where one can start; from any position it must return
    what the pattern's own search returns."""
    digits = [m.start() for m in nonprose._DIGIT_START.finditer(text)]
    for name, _, find, pattern in nonprose._table():
        for pos in range(len(text) + 1):
            found = find(pattern, text, pos, digits)
            expected = pattern.search(text, pos)
            assert (found and found.span()) == (expected and expected.span()), (name, pos)


_EMOJI_PIECES = ["👍", "🏽", "\u200d", "👨", "👩", "👧", "\ufe0f", "\ufe0e", "1", "#", "*", "\u20e3", "🇲", "🇽",
                 "🏴", "\U000e0067", "\U000e0062", "\U000e007f", "©", "®", "™", "↔", "❤", "☺", "a", " ", "é", "—",
                 "🖱", "🈯", "🈳", "🏳", "🌈", "🔥", "😊", "🙏", "⌚", "\U0001f9b0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EMOJI_PIECES), max_size=16).map("".join))
@example("ok 👍🏽, 👨\u200d👩\u200d👧 1\ufe0f\u20e3 🇲🇽 ©")
@example("🖱\ufe0f🈯\ufe0f🈳 1\ufe0f 🏳\ufe0f🌈 ❤\ufe0f\ufe0f ☺\ufe0e")
def test_emoji_found_run_by_run_are_those_of_the_whole_text(text):
    import emoji

    whole = [(e["match_start"], e["match_end"]) for e in emoji.emoji_list(text)]
    assert [(s.start, s.end) for s in nonprose.find_emoji(text)] == whole


def test_the_emoji_data_allows_reading_runs_without_joiners():
    """What ``_emoji_without_joiners`` relies on holds for the installed emoji package (if a
    release broke it, every run would go to the package: still right, only slower)."""
    begin_vs16 = nonprose._unjoined_emoji()
    assert begin_vs16 is not None
    assert {"1", "#", "🖱", "❤", "☺", "🏳"} <= begin_vs16 and "😊" not in begin_vs16


@pytest.mark.parametrize("key", ["😊😊", "🖱\ufe0f😊", "\ufe0f"])
def test_runs_go_to_the_package_when_its_emoji_break_the_reading_without_joiners(monkeypatch, key):
    """An emoji of two characters without a joiner, or with a plain character after U+FE0F, or
    one that begins with a variation selector: the package's own tokenizer reads every run."""
    monkeypatch.setattr(nonprose._emoji, "EMOJI_DATA", {**nonprose._emoji.EMOJI_DATA, key: {}})
    nonprose._unjoined_emoji.cache_clear()
    try:
        assert nonprose._unjoined_emoji() is None
    finally:
        monkeypatch.undo()
        nonprose._unjoined_emoji.cache_clear()
    assert nonprose._unjoined_emoji() is not None


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(sorted(c for key in __import__("emoji").EMOJI_DATA for c in key
                                      if not nonprose._JOINER.match(c))), max_size=6)
         | st.lists(st.sampled_from(["1", "#", "🖱", "❤", "😊", "🏳", "©", "\ufe0f"]), max_size=8).map("".join))
def test_runs_without_joiners_read_as_the_package_reads_them(run):
    import emoji

    expected = [(e["match_start"], e["match_end"]) for e in emoji.emoji_list(run)]
    found = nonprose._emoji_without_joiners(run, 0, nonprose._unjoined_emoji())
    assert [(s.start, s.end) for s in found] == expected
