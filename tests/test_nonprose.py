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
