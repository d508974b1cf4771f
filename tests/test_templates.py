"""Template mode (placeholder syntax, declared variables, length) and files of templates
(positions in each format, per-path defaults, fixes written back in place)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import all_rule_ids, linter_with_only
from replylint import Linter
from replylint.cli import cli
from replylint.errors import ConfigError

FIXABLE = ("punctuation-spacing", "exclamation-stack")


# -- template mode ------------------------------------------------------------------------------
def _template(rule: str, text: str, lang: str = "es", channel: str = "chat", **config):
    linter = linter_with_only(rule, None, mode="template", **config)
    return [f for f in linter.lint(text, channel=channel, lang=lang).findings if f.rule == rule]


@pytest.mark.parametrize("slot,kind", [
    ("{{nombre}", "Marcador mal formado"), ("{{ }}", "Marcador vacío"), ("{{ nombre", "Marcador mal formado"),
    ("{nombre}}", "Marcador mal formado"),
])
def test_malformed_liquid_slots_are_errors(slot, kind):
    text = f"Hola {slot}, gracias por escribir."
    (finding,) = _template("placeholder", text)
    assert finding.text == slot and finding.message.startswith(kind)
    assert finding.severity.value == "error"
    assert text[finding.start:finding.end] == slot


def test_well_formed_liquid_is_not_reported_and_suggestion_repairs():
    assert not _template("placeholder", "Hola {{ ticket.requester.first_name }}, {% if x %}sí{% endif %}.")
    assert not _template("placeholder", "Hola {{ nombre | capitalize }} y {{nombre}}.")
    (finding,) = _template("placeholder", "Hola {{nombre}.")
    assert finding.suggestions == ("{{ nombre }}",)


def test_slot_in_another_syntax_is_an_error_in_template_mode():
    (finding,) = _template("placeholder", "Estimado [NOMBRE], gracias.")
    assert finding.text == "[NOMBRE]" and "no es un marcador liquid" in finding.message
    assert finding.suggestions == ("{{ NOMBRE }}",)


@pytest.mark.parametrize("syntax,good,bad", [
    ("handlebars", "Hola {{nombre}} {{#if vip}}VIP{{/if}}", "Hola {{nombre}"),
    ("braces", "Hola {nombre}, su pedido {pedido.id}", "Hola {nombre, ya"),
    ("brackets", "Hola [NOMBRE], mire [el enlace](https://a.com)", "Hola [NOMBRE, ya"),
    ("percent", "Hola %NOMBRE%, un 50% menos", "Hola %NOMBRE, ya"),
])
def test_configurable_syntax(syntax, good, bad):
    assert not _template("placeholder", good, placeholder_syntax=syntax)
    assert len(_template("placeholder", bad, placeholder_syntax=syntax)) == 1


URL_AFTER_OPENING = [  # (syntax, template, the malformed opening, the URL)
    ("liquid", "Hola {{https://example.com/x para ver", "{{", "https://example.com/x"),
    ("liquid", "Mira {{https://exmaple.com/Pedidoo!!,ok y ya!!", "{{", "https://exmaple.com/Pedidoo!!,ok"),
    ("liquid", "Ver {{ https://ejemplo.com/a_b ,gracias", "{{ ", "https://ejemplo.com/a_b"),
    ("liquid", "Ver {{www.ejemplo.com/Pagina!!,b listo", "{{", "www.ejemplo.com/Pagina!!,b"),
    ("handlebars", "Hola {{https://a.com/b!!,c ,ya", "{{", "https://a.com/b!!,c"),
    ("braces", "Hola {https://a.com/b!!,c ,ya", "{", "https://a.com/b!!,c"),
    ("brackets", "Ver [https://ejemplo.com/a!!,b ,ok", "[", "https://ejemplo.com/a!!,b"),
]


@pytest.mark.parametrize("syntax,text,opening,url", URL_AFTER_OPENING)
def test_unclosed_opening_before_a_url(syntax, text, opening, url):
    """The malformed opening is a placeholder error; the URL after it stays a URL."""
    from replylint import nonprose

    linter = Linter(mode="template", placeholder_syntax=syntax, lang="es")
    spans = [(s.kind, text[s.start:s.end]) for s in nonprose.scan(text, linter.settings.placeholder_syntax.scan_pattern)]
    assert ("placeholder", opening) in spans and ("url", url) in spans
    report = linter.lint(text)
    placeholder = [f for f in report.findings if f.rule == "placeholder"]
    assert [f.text for f in placeholder] == [opening] and placeholder[0].severity.value == "error"
    start = text.index(url)
    assert not any(f.rule == "spelling" and start <= f.start < start + len(url) for f in report.findings)
    assert url in report.fixed  # fixes elsewhere in the text, none inside the URL


def test_fix_on_a_template_file_never_changes_the_url(tmp_path):
    body = "Mira {{https://exmaple.com/Pedidoo!!,ok y ya!! ,gracias"
    path = tmp_path / "t.yaml"
    path.write_text(f"- id: a\n  body: '{body}'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--lang", "es", "--mode", "template", "--fix", str(path)])
    # the prose around the URL is fixed ("¡", "!!", " ,"), the URL is kept as written
    assert path.read_text(encoding="utf-8") == "- id: a\n  body: '¡Mira {{https://exmaple.com/Pedidoo!!,ok y ya!, gracias'\n"
    assert result.exit_code == 1 and "placeholder" in result.output  # the opening is still an error


def test_custom_regex_syntax_names_group():
    found = _template("unknown-placeholder", "Hola <<nombre>> y <<pedido>>.",
                      placeholder_syntax=r"<<(?P<name>\w+)>>", placeholders=["nombre"])
    assert [f.text for f in found] == ["<<pedido>>"]


def test_bad_syntax_regex_is_a_config_error():
    with pytest.raises(ConfigError, match="placeholder_syntax"):
        Linter(mode="template", placeholder_syntax="([unclosed")


def test_send_mode_still_flags_every_slot():
    linter = linter_with_only("placeholder")
    report = linter.lint("Hola {{ nombre }}, soy [Su Nombre].", lang="es")
    assert [f.text for f in report.findings] == ["{{ nombre }}", "[Su Nombre]"]


def test_unknown_placeholder_suggests_closest_declared_name():
    declared = ["ticket.requester.first_name", "ticket.id", "agent.*"]
    found = _template("unknown-placeholder",
                      "Hola {{ ticket.requester.frist_name }}, caso {{ticket.id}}, {{ agent.name }}, {{ foo }}.",
                      placeholders=declared)
    assert [f.text for f in found] == ["{{ ticket.requester.frist_name }}", "{{ foo }}"]
    assert found[0].suggestions == ("{{ ticket.requester.first_name }}",)
    assert "ticket.requester.first_name" in found[0].message
    assert found[0].severity.value == "warning"
    assert found[1].suggestions == ()


def test_placeholders_file(tmp_path):
    names = tmp_path / "vars.txt"
    names.write_text("# variables\nnombre\npedido  # id del pedido\n", encoding="utf-8")
    config = tmp_path / ".replylint.yaml"
    config.write_text("mode: template\nplaceholders_file: vars.txt\n", encoding="utf-8")
    linter = Linter.from_config(config)
    assert linter.settings.placeholders == ("nombre", "pedido")


def test_placeholder_is_opaque_to_prose_rules():
    linter = linter_with_only("shouting", None, mode="template", placeholder_syntax="percent")
    assert not linter.lint("Hola %NOMBRE_CLIENTE%, gracias.", lang="es").findings


def test_length_counts_a_placeholder_as_its_width():
    slot = "{{ ticket.requester.first_name }}"  # 33 characters of code
    text = slot + " " + "a" * 150  # 184 characters written, 161 as sent with a 10-character name
    found = _template("length", text, channel="sms", placeholder_width=10)
    assert found and "cada marcador cuenta como 10 caracteres" in found[0].message
    assert not _template("length", slot + " " + "a" * 140, channel="sms", placeholder_width=10)
    assert _template("length", slot + " " + "a" * 140, channel="sms", placeholder_width=30)


# -- files -------------------------------------------------------------------------------------
def _config(tmp_path: Path, extra: str = "", rules: tuple[str, ...] = FIXABLE) -> None:
    off = "\n".join(f"  {r}: off" for r in all_rule_ids() if r not in rules)
    (tmp_path / ".replylint.yaml").write_text(f"lang: es\nchannel: chat\n{extra}\nrules:\n{off}\n", encoding="utf-8")


def _check(tmp_path, monkeypatch, *args, input=None):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(cli, ["check", *args], input=input)


def _findings(result) -> list[dict]:
    payload = json.loads(result.stdout)
    return [{**f, "path": r["path"], "id": r.get("id"), "channel": r["channel"], "lang": r["lang"]}
            for r in payload["results"] for f in r["findings"]]


def _at(path: Path, line: int, column: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1:]


def test_markdown_front_matter_and_positions(tmp_path, monkeypatch):
    _config(tmp_path)
    md = tmp_path / "r.md"
    md.write_text("---\nid: saludo\nchannel: email\nlang: es\n---\n\nHola ,que tal\n<!-- nota -->\nGracias!!\n",
                  encoding="utf-8")
    result = _check(tmp_path, monkeypatch, "r.md", "--format", "json")
    found = _findings(result)
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [
        ("punctuation-spacing", 7, 6), ("exclamation-stack", 9, 8)]
    assert found[0]["id"] == "saludo" and found[0]["channel"] == "email"
    for f in found:
        assert _at(md, f["line"], f["column"]).startswith(f["text"])


def test_yaml_collection_positions_in_each_scalar_style(tmp_path, monkeypatch):
    _config(tmp_path)
    y = tmp_path / "t.yaml"
    y.write_text(
        "templates:\n"
        "  - id: plain\n    body: Hola ,que tal\n"
        "  - id: quoted\n    channel: email\n    body: \"Dice \\\"hola\\\"\\ny ,bien\"\n"
        "  - id: block\n    lang: en\n    body: |\n      First line.\n      Thanks!!\n",
        encoding="utf-8")
    found = _findings(_check(tmp_path, monkeypatch, "t.yaml", "--format", "json"))
    assert [(f["id"], f["rule"], f["line"], f["column"]) for f in found] == [
        ("plain", "punctuation-spacing", 3, 16),
        ("quoted", "punctuation-spacing", 6, 29),
        ("block", "exclamation-stack", 11, 13),
    ]
    assert [(f["channel"], f["lang"]) for f in found] == [("chat", "es"), ("email", "es"), ("chat", "en")]
    assert _at(y, 3, 16).startswith(",") and _at(y, 6, 29).startswith(",") and _at(y, 11, 13).startswith("!!")


def test_json_positions_through_escapes(tmp_path, monkeypatch):
    _config(tmp_path)
    j = tmp_path / "t.json"
    j.write_text('[\n  {"id": "a", "body": "Caf\\u00e9 \\ud83d\\ude00 ,ok"},\n  {"id": 2, "body": "x\\ny ,z"}\n]\n',
                 encoding="utf-8")
    found = _findings(_check(tmp_path, monkeypatch, "t.json", "--format", "json"))
    assert [(f["id"], f["line"], f["column"]) for f in found] == [("a", 2, 47), ("2", 3, 27)]
    assert _at(j, 2, 47).startswith(",ok") and _at(j, 3, 27).startswith(",z")


def test_csv_positions_quoted_multiline_and_semicolon(tmp_path, monkeypatch):
    _config(tmp_path)
    c = tmp_path / "t.csv"
    c.write_text('id,channel,body\nc1,email,"Dice ""hola"",\nvale ,bien"\nc2,,Hola!!\n', encoding="utf-8")
    found = _findings(_check(tmp_path, monkeypatch, "t.csv", "--format", "json"))
    assert [(f["id"], f["channel"], f["line"], f["column"]) for f in found] == [
        ("c1", "email", 3, 6), ("c2", "chat", 4, 9)]
    s = tmp_path / "s.csv"
    s.write_text("id;texto\nx;Hola ,que\n", encoding="utf-8")
    _config(tmp_path, "template_fields: {body: texto}")
    found = _findings(_check(tmp_path, monkeypatch, "s.csv", "--format", "json"))
    assert [(f["line"], f["column"]) for f in found] == [(2, 8)]


def test_zendesk_macros_plain_and_html(tmp_path, monkeypatch):
    _config(tmp_path)
    z = tmp_path / "macros.json"
    z.write_text(json.dumps({"macros": [
        {"id": 11, "title": "a", "actions": [{"field": "comment_value", "value": "Hola ,que tal"}]},
        {"id": 12, "title": "b", "actions": [{"field": "status", "value": "solved"},
                                              {"field": "comment_value_html",
                                               "value": "<p>Hola &amp; adiós!!</p><p>Otra ,línea</p>"}]},
    ]}, ensure_ascii=False, indent=1), encoding="utf-8")
    found = _findings(_check(tmp_path, monkeypatch, "macros.json", "--format", "json"))
    assert [(f["id"], f["rule"]) for f in found] == [
        ("11", "punctuation-spacing"), ("12", "exclamation-stack"), ("12", "punctuation-spacing")]
    for f in found:
        assert _at(z, f["line"], f["column"]).startswith(f["text"])


def test_unknown_extension_is_an_error(tmp_path, monkeypatch):
    _config(tmp_path)
    (tmp_path / "a.docx").write_text("Hola", encoding="utf-8")
    result = _check(tmp_path, monkeypatch, "a.docx")
    assert result.exit_code == 2
    assert "a.docx: unsupported file type '.docx'" in result.output


def test_malformed_collection_is_an_error_with_line(tmp_path, monkeypatch):
    _config(tmp_path)
    (tmp_path / "a.yaml").write_text("- id: a\n  text: hola\n", encoding="utf-8")
    result = _check(tmp_path, monkeypatch, "a.yaml")
    assert result.exit_code == 2 and "a.yaml:1: template has no 'body'" in result.output
    (tmp_path / "b.json").write_text('[{"body": "x", "channel": "fax"}]', encoding="utf-8")
    result = _check(tmp_path, monkeypatch, "b.json")
    assert result.exit_code == 2 and "unknown channel 'fax'" in result.output


def test_overrides_exclude_and_template_mode_folders(tmp_path, monkeypatch):
    _config(tmp_path, "mode: template\noverrides:\n  - files: sms/**\n    channel: sms\n    lang: en\n"
                      "exclude:\n  - drafts/\n  - '*.bak.md'\n")
    for name in ("sms/a.md", "chat/b.yaml", "drafts/c.md", "chat/d.bak.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
    (tmp_path / "sms/a.md").write_text("Hi ,there", encoding="utf-8")
    (tmp_path / "chat/b.yaml").write_text("- body: Hola ,que\n", encoding="utf-8")
    (tmp_path / "drafts/c.md").write_text("Hola ,x", encoding="utf-8")
    (tmp_path / "chat/d.bak.md").write_text("Hola ,x", encoding="utf-8")
    payload = json.loads(_check(tmp_path, monkeypatch, ".", "--format", "json").stdout)
    got = sorted((Path(r["path"]).as_posix(), r["channel"], r["lang"]) for r in payload["results"])
    assert got == [("chat/b.yaml", "chat", "es"), ("sms/a.md", "sms", "en")]
    # The command line's --channel beats overrides; a template's own channel beats both.
    payload = json.loads(_check(tmp_path, monkeypatch, "sms/a.md", "--channel", "email", "--format", "json").stdout)
    assert payload["results"][0]["channel"] == "email"


# -- fixes written back ---------------------------------------------------------------------------
FIX_CASES = {
    "r.md": ("---\nid: a  # comment kept\n---\n\nHola ,que tal!!\n<!-- nota -->\n",
             "---\nid: a  # comment kept\n---\n\nHola, que tal!\n<!-- nota -->\n"),
    "t.yaml": ("# templates\n- id: a   # first\n  body: Hola ,que tal!!\n- id: b\n  body: \"Dice \\\"hola\\\" ,ok\"\n"
               "- id: c\n  body: |\n    Uno ,dos\n    Tres!!\n",
               "# templates\n- id: a   # first\n  body: Hola, que tal!\n- id: b\n  body: \"Dice \\\"hola\\\", ok\"\n"
               "- id: c\n  body: |\n    Uno, dos\n    Tres!\n"),
    "t.json": ('[\n    {"id": "a",   "body": "Caf\\u00e9 ,ok!!"},\n    {"body": "x\\ny ,z"}\n]\n',
               '[\n    {"id": "a",   "body": "Caf\\u00e9, ok!"},\n    {"body": "x\\ny, z"}\n]\n'),
    "t.csv": ('id,body\r\na,"Dice ""hola"" ,ok!!"\r\nb,Hola!!\r\n',
              'id,body\r\na,"Dice ""hola"", ok!"\r\nb,Hola!\r\n'),
}


@pytest.mark.parametrize("name", sorted(FIX_CASES))
def test_fix_rewrites_only_the_reply_text(tmp_path, monkeypatch, name):
    _config(tmp_path)
    before, after = FIX_CASES[name]
    path = tmp_path / name
    path.write_bytes(before.encode("utf-8"))
    diff = _check(tmp_path, monkeypatch, name, "--diff")
    assert path.read_bytes() == before.encode("utf-8") and f"--- {name}" in diff.stdout
    result = _check(tmp_path, monkeypatch, name, "--fix")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == after.encode("utf-8")
    assert not list(tmp_path.glob(".replylint-*"))


def test_fix_that_cannot_be_written_safely_leaves_file_unchanged(tmp_path, monkeypatch):
    _config(tmp_path)
    path = tmp_path / "f.yaml"
    before = "- body: >\n    Hola ,que\n    tal\n"
    path.write_text(before, encoding="utf-8")
    result = _check(tmp_path, monkeypatch, "f.yaml", "--fix")
    assert result.exit_code == 1
    assert "fix them by hand" in result.stderr
    assert path.read_text(encoding="utf-8") == before


def test_many_templates_in_three_formats(tmp_path, monkeypatch):
    _config(tmp_path, "mode: template", rules=tuple(all_rule_ids()))
    bodies = [f"Hola, {{{{ ticket.requester.first_name }}}}. Su pedido {i} sale hoy. ¡Gracias!" for i in range(100)]
    (tmp_path / "a.yaml").write_text("".join(f"- id: t{i}\n  body: \"{b}\"\n" for i, b in enumerate(bodies)),
                                     encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"id": i, "body": b} for i, b in enumerate(bodies)]),
                                     encoding="utf-8")
    (tmp_path / "c.csv").write_text("id,body\n" + "".join(f'{i},"{b}"\n' for i, b in enumerate(bodies)),
                                    encoding="utf-8")
    result = _check(tmp_path, monkeypatch, ".", "--format", "json", "--fail-on", "error")
    assert len(json.loads(result.stdout)["results"]) == 300
