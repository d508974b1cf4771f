"""User rule packs: every kind from a user's file, filters, fixes, and malformed packs rejected
with the file, the line and the reason."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import Linter
from replylint.cli import cli
from replylint.errors import RulePackError
from replylint.registry import build_registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "packs" / "team-rules.yaml"


def write(tmp_path: Path, body: str, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def only(pack: Path, *rule_ids: str, **extra) -> Linter:
    """A linter with just the pack's rules (and ``rule_ids``) on."""
    from replylint.packs import load_pack

    own = {info.id for info in load_pack(pack)} | set(rule_ids)
    rules = {rid: "off" for rid in build_registry() if rid not in own}
    return Linter(packs=[str(pack)], rules=rules, **extra)


def found(linter: Linter, text: str, rule: str, channel: str = "chat", lang: str = "es"):
    return [f for f in linter.lint(text, channel=channel, lang=lang).findings if f.rule == rule]


# -- each kind ---------------------------------------------------------------------------------

PHRASE = """
rules:
  - id: team-competitor
    kind: phrase
    summary: Do not name competitors
    message: {es: "No menciones a “{match}”", en: "Do not name “{match}”"}
    suggestions: {es: [otros bancos], en: [other banks]}
    phrases:
      es: [Banco Rival, {phrase: Financiera Sol, suggestions: [otra financiera]}]
      en: [Rival Bank]
    exceptions:
      es: [Banco Rival de Ejemplo]
"""


def test_phrase_kind_messages_suggestions_and_exceptions(tmp_path):
    linter = only(write(tmp_path, PHRASE))
    (hit,) = found(linter, "Eso no pasa en banco rival, te lo aseguro.", "team-competitor")
    assert hit.text == "banco rival" and hit.message == "No menciones a “banco rival”"
    assert hit.suggestions == ("otros bancos",) and hit.fix is None
    (own,) = found(linter, "Como en Financiera Sol.", "team-competitor")
    assert own.suggestions == ("Otra financiera",)  # per-entry suggestion, case of the match
    assert not found(linter, "Lee el caso del Banco Rival de Ejemplo.", "team-competitor")
    (en,) = found(linter, "Unlike Rival Bank, we don't charge.", "team-competitor", lang="en")
    assert en.message == "Do not name “Rival Bank”"


def test_pattern_kind(tmp_path):
    pack = write(tmp_path, """
        rules:
          - id: team-no-podemos
            kind: pattern
            summary: Say what you can do
            suggestions: {es: [lo que sí podemos hacer es]}
            patterns:
              es:
                - [{LOWER: "no"}, {LOWER: {IN: [podemos, puedo]}}, {LOWER: "hacer"}]
                - [{NORM: "imposible"}]
        """)
    linter = only(pack)
    hits = found(linter, "No podemos hacer nada. Es IMPOSIBLE.", "team-no-podemos")
    assert [h.text for h in hits] == ["No podemos hacer", "IMPOSIBLE"]
    assert hits[0].suggestions == ("Lo que sí podemos hacer es",)
    assert not found(linter, "No podemos hacerlo hoy, pero mañana sí.", "team-no-podemos")
    assert not found(linter, "Imposible", "team-no-podemos", lang="en")  # es only


def test_pattern_kind_sees_sentence_starts(tmp_path):
    """A token pattern may ask for IS_SENT_START: the draft's sentence starts are set before it
    matches (they are otherwise worked out only when a rule first asks for them)."""
    pack = write(tmp_path, """
        rules:
          - id: team-opening-but
            kind: pattern
            summary: Do not open a sentence with "pero"
            patterns:
              es:
                - [{IS_SENT_START: true, LOWER: "pero"}]
        """)
    linter = only(pack)
    hits = found(linter, "Pero claro. Lo revisamos, pero hoy no.\nPero mañana sí.", "team-opening-but")
    assert [h.start for h in hits] == [0, 39]


def test_regex_kind_skips_nonprose_and_fixes(tmp_path):
    pack = write(tmp_path, """
        rules:
          - id: team-brand-case
            kind: regex
            summary: Write the brand as "BancoSol"
            regex: '\\bbanco ?sol\\b'
            suggestions: [BancoSol]
            fix: true
        """)
    linter = only(pack)
    report = linter.lint("Gracias por elegir banco sol. Visita https://bancosol.mx", channel="chat", lang="es")
    hits = [f for f in report.findings if f.rule == "team-brand-case"]
    assert [h.text for h in hits] == ["banco sol"]
    assert report.fixed == "Gracias por elegir BancoSol. Visita https://bancosol.mx"
    assert found(linter, "Thanks for choosing Banco Sol.", "team-brand-case", lang="en")  # one regex, both languages


def test_regex_kind_case_sensitive(tmp_path):
    pack = write(tmp_path, """
        rules:
          - id: team-ticket-format
            kind: regex
            summary: Ticket numbers are written TK-000000
            ignorecase: false
            regex: {es: '\\btk\\d{6}\\b'}
        """)
    linter = only(pack)
    assert found(linter, "Tu caso tk123456 sigue abierto.", "team-ticket-format")
    assert not found(linter, "Tu caso TK123456 sigue abierto.", "team-ticket-format")


def test_limit_kinds(tmp_path):
    pack = write(tmp_path, """
        rules:
          - id: team-short
            kind: limit
            summary: At most 8 words
            count: words
            max: 8
            message: "{count} palabras; máximo {max}"
          - id: team-one-question
            kind: limit
            summary: One question per reply
            regex: '\\?'
            max: 1
          - id: team-channel-words
            kind: limit
            summary: Sentence length from the channel profile
            count: words
            scope: sentence
            max: sentence_words
        """)
    linter = only(pack)
    (short,) = found(linter, "Uno dos tres cuatro cinco seis siete ocho nueve diez.", "team-short")
    assert short.message == "10 palabras; máximo 8"
    assert not found(linter, "Uno dos tres.", "team-short")
    (question,) = found(linter, "¿Lo recibiste? ¿Y la factura?", "team-one-question")
    assert question.text == "?"
    assert not found(linter, "¿Lo recibiste?", "team-one-question")
    long_sentence = " ".join(["palabra"] * 22) + "."
    assert found(linter, long_sentence, "team-channel-words", channel="sms")  # sms: 20 words
    assert not found(linter, long_sentence, "team-channel-words", channel="email")  # email: 35 words


# -- filters ----------------------------------------------------------------------------------

FILTERS = """
rules:
  - id: team-public-only
    kind: phrase
    summary: No internal names in public
    public_only: true
    phrases: [mesa de control]
  - id: team-sms-only
    kind: phrase
    summary: No links talk on SMS
    channels: [sms]
    phrases: [haz clic]
  - id: team-english-only
    kind: phrase
    summary: English only
    languages: [en]
    phrases: [mesa de control]
  - id: team-disabled
    kind: phrase
    summary: Off unless enabled
    enabled: false
    phrases: [mesa de control]
"""


def test_channel_language_and_public_filters(tmp_path):
    pack = write(tmp_path, FILTERS)
    linter = Linter(packs=[str(pack)])
    text = "Lo pasamos a mesa de control; haz clic aquí."
    rules = lambda channel, lang="es": {f.rule for f in linter.lint(text, channel=channel, lang=lang).findings}  # noqa: E731
    assert "team-public-only" in rules("twitter") and "team-public-only" not in rules("chat")
    assert "team-sms-only" in rules("sms") and "team-sms-only" not in rules("twitter")
    assert "team-english-only" in rules("chat", "en") and "team-english-only" not in rules("chat", "es")
    assert "team-disabled" not in rules("twitter")
    enabled = Linter(packs=[str(pack)], rules={"team-disabled": "error"})
    (hit,) = [f for f in enabled.lint(text, channel="chat", lang="es").findings if f.rule == "team-disabled"]
    assert hit.severity.value == "error"


def test_pack_rule_severity_per_channel(tmp_path):
    pack = write(tmp_path, PHRASE)
    linter = Linter(packs=[str(pack)], channels={"twitter": {"rules": {"team-competitor": "off"}}})
    assert found(linter, "Como Banco Rival.", "team-competitor", channel="chat")
    assert not found(linter, "Como Banco Rival.", "team-competitor", channel="twitter")


def test_pack_from_config_file_is_relative_to_it(tmp_path):
    (tmp_path / "rules").mkdir()
    write(tmp_path, PHRASE, "rules/team.yaml")
    config = tmp_path / ".replylint.yaml"
    config.write_text("lang: es\npacks: [rules/team.yaml]\n", encoding="utf-8")
    linter = Linter.from_config(config)
    assert "team-competitor" in linter.registry


# -- malformed packs --------------------------------------------------------------------------

BAD = [
    ("bad yaml", "rules:\n  - id: x\n    kind: phrase\n   summary: s\n", 4, "invalid YAML"),
    ("not a pack", "- id: x\n", 1, "a rule pack is a mapping with a 'rules' list"),
    ("unknown top key", "rule: []\nrules: []\n", 1, "unknown top-level key 'rule'"),
    ("missing summary", "rules:\n  - id: team-x\n    kind: phrase\n    phrases: [a]\n", 2, "summary"),
    ("missing phrases", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n", 2, "needs phrases"),
    ("missing id", "rules:\n  - kind: phrase\n    summary: s\n    phrases: [a]\n", 2, "rule id"),
    ("bad id", "rules:\n  - id: Team_X\n    kind: phrase\n    summary: s\n    phrases: [a]\n", 2, "rule id"),
    ("unknown kind", "rules:\n  - id: team-x\n    kind: words\n    summary: s\n", 3, "kind must be one of"),
    ("unknown key", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n    phrases: [a]\n    colour: red\n",
     6, "unknown key 'colour'"),
    ("key of another kind", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n    phrases: [a]\n    max: 3\n",
     6, "unknown key 'max' for kind phrase"),
    ("bad severity", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n    severity: fatal\n    phrases: [a]\n",
     5, "unknown severity"),
    ("bad regex", "rules:\n  - id: team-x\n    kind: regex\n    summary: s\n    regex: '(abc'\n", 5, "invalid regex"),
    ("nested quantifier", "rules:\n  - id: team-x\n    kind: regex\n    summary: s\n    regex: '(a+)+$'\n",
     5, "nested quantifier"),
    ("duplicate id", "rules:\n  - {id: team-x, kind: phrase, summary: s, phrases: [a]}\n"
     "  - {id: team-x, kind: phrase, summary: s, phrases: [b]}\n", 3, "duplicate rule id 'team-x'"),
    ("duplicate key", "rules:\n  - id: team-x\n    id: team-y\n", 3, "duplicate key 'id'"),
    ("bad token pattern", "rules:\n  - id: team-x\n    kind: pattern\n    summary: s\n    patterns:\n"
     "      es:\n        - [{LOWR: hola}]\n", 7, "invalid token pattern"),
    ("pattern not a list", "rules:\n  - id: team-x\n    kind: pattern\n    summary: s\n    patterns: {es: [hola]}\n",
     5, "token patterns"),
    ("unknown channel", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n    channels: [telegram]\n"
     "    phrases: [a]\n", 5, "unknown channel 'telegram'"),
    ("bad language code", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n    phrases: {spanish: [a]}\n",
     5, "not a language code"),
    ("bad flag", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n    fix: yes please\n    phrases: [a]\n",
     5, "fix must be true or false"),
    ("limit without max", "rules:\n  - id: team-x\n    kind: limit\n    summary: s\n    count: words\n", 2, "max"),
    ("limit unknown setting", "rules:\n  - id: team-x\n    kind: limit\n    summary: s\n    count: words\n"
     "    max: emojis\n", 6, "unknown channel setting 'emojis'"),
    ("empty phrase list", "rules:\n  - id: team-x\n    kind: phrase\n    summary: s\n    phrases: {es: []}\n",
     5, "non-empty list"),
]


@pytest.mark.parametrize("body,line,reason", [pytest.param(b, ln, r, id=name) for name, b, ln, r in BAD])
def test_malformed_packs_name_file_line_and_reason(tmp_path, body, line, reason):
    pack = tmp_path / "bad.yaml"
    pack.write_text(body, encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        Linter(packs=[str(pack)])
    assert err.value.path == str(pack), str(err.value)
    assert err.value.line == line, str(err.value)
    assert reason in err.value.message, str(err.value)
    assert str(err.value).startswith(f"{pack}:{line}: ")


def test_id_clashing_with_builtin_rule(tmp_path):
    pack = write(tmp_path, "rules:\n  - id: team-ok\n    kind: phrase\n    summary: s\n    phrases: [a]\n"
                           "  - id: vague-promise\n    kind: phrase\n    summary: s\n    phrases: [b]\n")
    with pytest.raises(RulePackError) as err:
        Linter(packs=[str(pack)])
    assert err.value.path == str(pack) and err.value.line == 6
    assert "already defined" in err.value.message


def test_id_clashing_between_two_packs(tmp_path):
    a = write(tmp_path, PHRASE, "a.yaml")
    b = write(tmp_path, PHRASE, "b.yaml")
    with pytest.raises(RulePackError) as err:
        Linter(packs=[str(a), str(b)])
    assert err.value.path == str(b) and "already defined" in err.value.message


def test_missing_and_non_utf8_packs(tmp_path):
    with pytest.raises(RulePackError, match="cannot read rule pack"):
        Linter(packs=[str(tmp_path / "missing.yaml")])
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("rules:\n  - id: team-x\n    kind: phrase\n    summary: señal\n    phrases: [a]\n".encode("latin-1"))
    with pytest.raises(RulePackError, match="not UTF-8"):
        Linter(packs=[str(latin)])


def test_bad_pack_is_a_usage_error_on_the_command_line(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("rules:\n  - id: team-x\n    kind: regex\n    summary: s\n    regex: '(a+)+'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "--isolated", "--pack", str(pack)])
    assert result.exit_code == 2
    assert f"{pack}:5:" in result.output and "nested quantifier" in result.output


# -- CLI: rules --pack and explain ------------------------------------------------------------

def test_rules_pack_lists_only_the_pack(tmp_path):
    pack = write(tmp_path, FILTERS)
    result = CliRunner().invoke(cli, ["rules", "--isolated", "--pack", str(pack)])
    assert result.exit_code == 0, result.output
    ids = [line.split()[0] for line in result.output.strip().splitlines()]
    assert ids == ["team-disabled", "team-english-only", "team-public-only", "team-sms-only"]
    assert "(off by default)" in result.output
    as_json = CliRunner().invoke(cli, ["rules", "--isolated", "--pack", str(pack), "--format", "json"])
    data = {r["id"]: r for r in json.loads(as_json.output)}
    assert data["team-sms-only"]["channels"] == ["sms"]
    assert data["team-english-only"]["languages"] == ["en"]
    assert data["team-disabled"]["enabled_by_default"] is False


def test_explain_pack_rule(tmp_path):
    pack = write(tmp_path, """
        rules:
          - id: team-competitor
            kind: phrase
            summary: Do not name competitors
            explanation: |
              Naming another bank in public invites comparison (team style guide, section 3).
            severity: error
            channels: [twitter, facebook-comment]
            phrases: {es: [Banco Rival]}
        """)
    result = CliRunner().invoke(cli, ["explain", "--isolated", "team-competitor", "--pack", str(pack)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("team-competitor  (error)")
    assert "languages: es; channels: facebook-comment, twitter" in result.output
    assert f"defined in {pack}:2" in result.output
    assert "team style guide, section 3" in result.output
    missing = CliRunner().invoke(cli, ["explain", "--isolated", "team-competitor"])
    assert missing.exit_code == 2 and "unknown rule" in missing.output


# -- the example pack ---------------------------------------------------------------------------

def test_example_pack_loads_and_uses_every_kind():
    from replylint.packs import load_pack

    infos = load_pack(EXAMPLE)
    linter = Linter(packs=[str(EXAMPLE)])
    kinds = set()
    for info in infos:
        assert info.id in linter.registry
        rule = info.build(None)
        kinds.add(rule.entry.kind)
    assert kinds == {"phrase", "pattern", "regex", "limit"}


@pytest.mark.parametrize("text,channel,lang,rule", [
    ("Eso es culpa de Banco Rival.", "twitter", "es", "acme-competitors"),
    ("Tu caso pasó a la mesa de control.", "chat", "es", "acme-internal-terms"),
    ("We moved it to the back office.", "chat", "en", "acme-internal-terms"),
    ("Por política del banco no podemos hacer nada.", "chat", "es", "acme-policy-blame"),
    ("Tu folio es 12345.", "chat", "es", "acme-folio-format"),
    ("Gracias por escribir a banco acme.", "chat", "es", "acme-brand-name"),
    ("Thanks for choosing ACME bank.", "chat", "en", "acme-brand-name"),
    (" ".join(["palabra"] * 50), "twitter", "es", "acme-public-length"),
])
def test_example_pack_rules_fire(text, channel, lang, rule):
    linter = Linter(packs=[str(EXAMPLE)])
    rules = {f.rule for f in linter.lint(text, channel=channel, lang=lang).findings}
    assert rule in rules, rules
