from __future__ import annotations

import pytest

from replylint import ConfigError, Finding, Linter, Report, Severity, lint
from replylint.fixes import apply_edits
from replylint.positions import LineIndex


def test_lint_returns_report_with_positions():
    report = lint("Le enviaremos su pedido pronto!!", channel="twitter", lang="es")
    assert isinstance(report, Report)
    assert report.channel == "twitter" and report.lang == "es"
    rules = [f.rule for f in report.findings]
    assert "vague-promise" in rules and "exclamation-stack" in rules
    for f in report.findings:
        assert isinstance(f, Finding)
        assert report.text[f.start:f.end] == f.text
        assert (f.line, f.column) == LineIndex(report.text).line_col(f.start)
    assert [f.start for f in report.findings] == sorted(f.start for f in report.findings)
    assert report.fixed == "¡Le enviaremos su pedido pronto!"


def test_findings_are_immutable():
    finding = lint("Hola!!", lang="es").findings[0]
    with pytest.raises(AttributeError):
        finding.rule = "other"  # type: ignore[misc]


def test_offsets_are_code_points_with_emoji_accents_and_crlf():
    text = "Hola 😀 María\r\nAquí está tu pedido!!\r\n¿Algo más?!"
    report = lint(text, channel="whatsapp", lang="es")
    stacks = [f for f in report.findings if f.rule == "exclamation-stack"]
    assert [(f.text, f.line, f.column) for f in stacks] == [("!!", 2, 20), ("?!", 3, 10)]
    assert text[stacks[0].start:stacks[0].end] == "!!"
    assert report.fixed == "Hola 😀 María\r\n¡Aquí está tu pedido!\r\n¿Algo más?"


def test_lone_cr_ends_a_line():
    report = lint("Hola\rQué tal!!", lang="es")
    stack = next(f for f in report.findings if f.rule == "exclamation-stack")
    assert (stack.line, stack.column) == (2, 8)


def test_fix_changes_nothing_outside_finding_spans_and_is_idempotent():
    text = "Hola ,  NO podemos hoy!! 😡 Gracias"
    linter = Linter(lang="es", channel="chat")
    report = linter.lint(text)
    for finding in report.findings:
        for edit in finding.fix or ():
            assert finding.start <= edit.start <= edit.end <= finding.end, finding
    assert linter.lint(report.fixed).fixed == report.fixed
    assert not any(f.fix for f in linter.lint(report.fixed).findings)


def test_no_fixes_means_fixed_equals_text():
    report = lint("Tu pedido llega el viernes.", lang="es")
    assert report.fixed == report.text


def test_severity_override_and_rule_off():
    linter = Linter(lang="es", rules={"exclamation-stack": "error", "vague-promise": "off"})
    report = linter.lint("Llega pronto!!")
    assert {f.rule: f.severity for f in report.findings}.get("exclamation-stack") == Severity.ERROR
    assert "vague-promise" not in {f.rule for f in report.findings}


def test_rule_options_from_config():
    report = Linter(lang="en", rules={"emoji-policy": {"negative": ["🎉"]}}).lint("Done 🎉", channel="whatsapp")
    assert [f.rule for f in report.findings] == ["emoji-policy"]


def test_lint_many_keeps_order_and_detects_languages():
    linter = Linter(lang="auto")
    reports = linter.lint_many(["Gracias por escribirnos!!", "Thanks for writing!!", "¿Cómo estás?"])
    assert [r.lang for r in reports] == ["es", "en", "es"]
    assert [r.text for r in reports] == ["Gracias por escribirnos!!", "Thanks for writing!!", "¿Cómo estás?"]


def test_channel_profiles_can_be_changed_and_added():
    linter = Linter(lang="en", channels={"sms": {"length": {"target": 2}}, "kiosk": {"extends": "sms"}})
    assert linter.channels["sms"].target == 2
    assert linter.channels["kiosk"].counter == "sms"
    text = "Your order ships today and will arrive tomorrow. " * 4
    assert not [f for f in linter.lint(text, channel="sms").findings if f.rule == "length"]


def test_channel_profile_rules_are_data():
    linter = Linter(lang="es", channels={"chat": {"rules": {"exclamation-stack": "off"}}})
    assert not [f for f in linter.lint("Hola!!").findings if f.rule == "exclamation-stack"]
    assert [f for f in linter.lint("Hola!!", channel="whatsapp").findings if f.rule == "exclamation-stack"]


@pytest.mark.parametrize("options,fragment", [
    ({"lang": "fr"}, "lang must be es, en or auto"),
    ({"channel": "fax"}, "unknown channel 'fax'"),
    ({"rules": {"no-such-rule": "error"}}, "unknown rule 'no-such-rule'"),
    ({"rules": {"shouting": "loud"}}, "rule setting must be"),
    ({"rules": {"shouting": {"min_letters": "two"}}}, "must be int"),
    ({"rules": {"shouting": {"colour": 1}}}, "has no option 'colour'"),
    ({"mode": "draft"}, "mode must be send or template"),
    ({"vocabulary": "Citibanamex"}, None),
    ({"colour": "red"}, "unknown key 'colour'"),
    ({"channels": {"sms": {"length": {"limit": -1}}}}, "positive integer"),
    ({"channels": {"x": {"extends": "nope"}}}, "extends unknown channel"),
])
def test_bad_options_raise_config_error(options, fragment):
    if fragment is None:
        Linter(**options)
        return
    with pytest.raises(ConfigError) as err:
        Linter(**options)
    assert fragment in str(err.value)


def test_config_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / ".replylint.yaml"
    path.write_text("lang: es\nrules:\n  shouting: error\n  nope: warning\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Linter.from_config(path)
    assert str(err.value) == f"{path}:4: unknown rule 'nope' (see 'replylint rules')"


def test_config_file_and_pyproject(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.replylint]\nlang = "en"\nchannel = "sms"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    linter = Linter.from_config()
    assert linter.config.lang == "en" and linter.config.channel == "sms"
    (tmp_path / ".replylint.yml").write_text("lang: es\nvocabulary: [Citibanamex]\n", encoding="utf-8")
    linter = Linter.from_config()
    assert linter.config.lang == "es" and linter.settings.in_vocabulary("CITIBANAMEX")


def test_vocabulary_files_and_exact_case(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# brands\n=iPhone\nCitibanamex  # bank\n", encoding="utf-8")
    config = tmp_path / ".replylint.yaml"
    config.write_text("vocabulary_files: [words.txt]\n", encoding="utf-8")
    settings = Linter.from_config(config).settings
    assert settings.in_vocabulary("iPhone") and not settings.in_vocabulary("iphone")
    assert settings.in_vocabulary("citibanamex")


def test_drafts_must_be_strings():
    with pytest.raises(TypeError):
        Linter().lint_many([b"bytes"])  # type: ignore[list-item]


def test_apply_edits_rejects_overlaps():
    from replylint.findings import Edit

    assert apply_edits("abcdef", [Edit(4, 6, "X"), Edit(0, 1, "")]) == "bcdX"
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])


def test_messages_follow_the_draft_language():
    (es,) = [f for f in lint("Hola!!", lang="es").findings if f.rule == "exclamation-stack"]
    (en,) = [f for f in lint("Hello!!", lang="en").findings if f.rule == "exclamation-stack"]
    assert "basta con un" in es.message and "is enough" in en.message


def test_option_types_accept_optional_unions():
    from replylint.rule import OptionSpec, coerce_option

    assert coerce_option("r", OptionSpec("x", int | None, None), None) is None
    assert coerce_option("r", OptionSpec("x", int | None, None), 3) == 3
    with pytest.raises(ValueError, match="must be int or null"):
        coerce_option("r", OptionSpec("x", int | None, None), "three")


def test_fixes_of_different_rules_on_one_word_both_land():
    """sentence-case and spelling both fix "tambien" after "Hola!!": the first pass applies one,
    the next finds the other again (the capitalised word after the greeting is not taken for a
    name: it is a lower-case word without its accent)."""
    report = Linter().lint("Hola!! tambien te ayudamos", channel="chat", lang="es")
    assert {"sentence-case", "spelling"} <= {f.rule for f in report.findings}
    assert report.fixed == "¡Hola! También te ayudamos"


@pytest.mark.parametrize("lang, text, other", [
    ("en", "@ana Lamentamos el inconveniente, por favor escríbenos por mensaje directo para ayudarte.", "Spanish"),
    ("es", "@ana Thank you for your message, we will check your order today and reply soon.", "inglés"),
])
def test_a_reply_in_the_other_language_gets_one_spelling_finding_over_its_words(lang, text, other):
    report = Linter().lint(text, channel="twitter", lang=lang)
    (finding,) = [f for f in report.findings if f.rule == "spelling"]
    assert other in finding.message and finding.fix is None
    assert finding.start == text.index(" ") + 1 and finding.end == len(text) - 1  # first word to last


def test_a_reply_in_neither_language_keeps_its_word_findings():
    text = "Hi, wir erhalten die Filme und Serien so vom jeweiligen Studio."
    report = Linter().lint(text, channel="twitter", lang="en")
    words = [f.text for f in report.findings if f.rule == "spelling"]
    assert "erhalten" in words and len(words) >= 3
