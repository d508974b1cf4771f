"""Suppressions: inline comments per file type, per-template ignore, --ignore, unused ones."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import all_rule_ids
from replylint.cli import cli

RULES = ("punctuation-spacing", "exclamation-stack", "unused-suppression")


def _run(tmp_path, monkeypatch, name, content, *args, rules=None, config=""):
    """Check ``content`` saved as ``name`` with only ``RULES`` on (``rules``: settings of those,
    e.g. ``{"unused-suppression": "off"}``; ``config``: more top-level YAML):
    (result, [(rule, line, the two characters of the file at the reported column)])."""
    settings = {r: "off" for r in all_rule_ids() if r not in RULES} | (rules or {})
    listed = "\n".join(f"  {r}: {v}" for r, v in settings.items())
    (tmp_path / ".replylint.yaml").write_text(f"lang: es\n{config}rules:\n{listed}\n", encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", name, "--format", "json", *args])
    payload = json.loads(result.stdout)
    lines = content.splitlines()
    return result, [(f["rule"], f["line"], lines[f["line"] - 1][f["column"] - 1:f["column"] + 1])
                    for r in payload["results"] for f in r["findings"]]


def test_markdown_disable_enable_and_next_line(tmp_path, monkeypatch):
    md = ("Uno ,dos!!\n"
          "<!-- replylint-disable punctuation-spacing -- texto legal -->\n"
          "Tres ,cuatro!!\n"
          "<!-- replylint-enable punctuation-spacing -->\n"
          "Cinco ,seis\n"
          "<!-- replylint-disable-next-line exclamation-stack -->\n"
          "Siete!!\n"
          "Ocho!!\n")
    _, found = _run(tmp_path, monkeypatch, "a.md", md)
    assert found == [("punctuation-spacing", 1, ",d"), ("exclamation-stack", 1, "!!"), ("exclamation-stack", 3, "!!"),
                     ("punctuation-spacing", 5, ",s"), ("exclamation-stack", 8, "!!")]


def test_disable_without_rules_covers_every_rule(tmp_path, monkeypatch):
    _, found = _run(tmp_path, monkeypatch, "a.md", "<!-- replylint-disable -->\nUno ,dos!!\n")
    assert found == []


def test_yaml_comments_and_ignore(tmp_path, monkeypatch):
    y = ("# replylint-disable-next-line exclamation-stack\n"
         "- body: Hola!! ,que\n"
         "- body: Hola!! ,que\n"
         "  ignore: [punctuation-spacing]\n"
         "- body: 'Uno # replylint-disable is text here!!'\n")
    _, found = _run(tmp_path, monkeypatch, "a.yaml", y)
    assert found == [("punctuation-spacing", 2, ",q"), ("exclamation-stack", 3, "!!"),
                     ("exclamation-stack", 5, "!!")]


def test_json_and_csv_ignore_field(tmp_path, monkeypatch):
    _, found = _run(tmp_path, monkeypatch, "a.json",
                    '[{"body": "Hola!! ,que", "ignore": ["exclamation-stack"]}, {"body": "Hola!!"}]')
    assert found == [("punctuation-spacing", 1, ",q"), ("exclamation-stack", 1, "!!")]
    _, found = _run(tmp_path, monkeypatch, "a.csv",
                    'body,ignore\n"Hola!! ,que","exclamation-stack, punctuation-spacing"\nHola!!,\n')
    assert found == [("exclamation-stack", 3, "!!")]


def test_ignore_option(tmp_path, monkeypatch):
    _, found = _run(tmp_path, monkeypatch, "a.md", "Hola!! ,que\n", "--ignore", "exclamation-stack")
    assert found == [("punctuation-spacing", 1, ",q")]
    result, _ = _run(tmp_path, monkeypatch, "b.md", "Hola.\n")
    bad = CliRunner().invoke(cli, ["check", "b.md", "--ignore", "no-such-rule"])
    assert bad.exit_code == 2 and "unknown rule 'no-such-rule'" in bad.output


def test_unused_suppressions_are_reported_as_info(tmp_path, monkeypatch):
    md = ("<!-- replylint-disable-next-line exclamation-stack -->\n"
          "Hola.\n"
          "<!-- replylint-disable punctuation-spacing, exclamation-stack -->\n"
          "Hola!!\n")
    result, found = _run(tmp_path, monkeypatch, "a.md", md)
    assert found == [("unused-suppression", 1, "<!"), ("unused-suppression", 3, "<!")]
    payload = json.loads(result.stdout)
    messages = [f["message"] for f in payload["results"][0]["findings"]]
    assert "exclamation-stack" in messages[0] and "punctuation-spacing" in messages[1]
    assert all(f["severity"] == "info" for f in payload["results"][0]["findings"])
    assert result.exit_code == 0  # info is below the default --fail-on warning
    _, found = _run(tmp_path, monkeypatch, "b.yaml", "- body: Hola.\n  ignore: exclamation-stack\n")
    assert found == [("unused-suppression", 2, "ig")]
    _, found = _run(tmp_path, monkeypatch, "a.md", md, "--ignore", "unused-suppression")
    assert found == []


def test_suppressed_findings_are_not_fixed(tmp_path, monkeypatch):
    md = "<!-- replylint-disable-next-line exclamation-stack -->\nHola!! ,que\n"
    _run(tmp_path, monkeypatch, "a.md", md, "--fix")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == md.replace(" ,que", ", que")


# -- unused-suppression, the rule -------------------------------------------------------------

STALE = {  # one stale suppression per form: (file name, content, line and two characters reported)
    "md-disable": ("a.md", "<!-- replylint-disable exclamation-stack -->\nHola.\n", (1, "<!")),
    "md-next-line": ("a.md", "Hola.\n<!-- replylint-disable-next-line punctuation-spacing -->\nAdiós.\n", (2, "<!")),
    "md-front-matter-ignore": ("a.md", "---\nignore: [exclamation-stack]\n---\nHola.\n", (2, "ig")),
    "yaml-disable": ("a.yaml", "# replylint-disable exclamation-stack\n- body: Hola.\n", (1, "# ")),
    "yaml-next-line": ("a.yaml", "- body: Hola.\n# replylint-disable-next-line punctuation-spacing\n"
                                 "- body: Adiós.\n", (2, "# ")),
    "yaml-ignore": ("a.yaml", "- body: Hola.\n  ignore: [exclamation-stack]\n", (2, "ig")),
    "json-ignore": ("a.json", '[\n  {"body": "Hola.",\n   "ignore": ["exclamation-stack"]}\n]\n', (3, '"i')),
    "csv-ignore": ("a.csv", "body,ignore\nHola.,exclamation-stack\n", (2, "ex")),
}
# the same suppressions, each hiding a finding
USED = {
    "md-disable": ("a.md", "<!-- replylint-disable exclamation-stack -->\nHola!!\n"),
    "md-next-line": ("a.md", "Hola.\n<!-- replylint-disable-next-line punctuation-spacing -->\nAdiós ,sí.\n"),
    "md-front-matter-ignore": ("a.md", "---\nignore: [exclamation-stack]\n---\nHola!!\n"),
    "yaml-disable": ("a.yaml", "# replylint-disable exclamation-stack\n- body: Hola!!\n"),
    "yaml-next-line": ("a.yaml", "- body: Hola.\n# replylint-disable-next-line punctuation-spacing\n"
                                 "- body: Adiós ,sí.\n"),
    "yaml-ignore": ("a.yaml", "- body: Hola!!\n  ignore: [exclamation-stack]\n"),
    "json-ignore": ("a.json", '[\n  {"body": "Hola!!",\n   "ignore": ["exclamation-stack"]}\n]\n'),
    "csv-ignore": ("a.csv", "body,ignore\nHola!!,exclamation-stack\n"),
}


@pytest.mark.parametrize("form", sorted(STALE))
def test_stale_suppression_is_flagged_in_every_form(tmp_path, monkeypatch, form):
    name, content, (line, chars) = STALE[form]
    result, found = _run(tmp_path, monkeypatch, name, content)
    assert found == [("unused-suppression", line, chars)], result.output
    finding = json.loads(result.stdout)["results"][0]["findings"][0]
    assert finding["severity"] == "info" and "suppresses nothing" in finding["message"]
    assert result.exit_code == 0  # info is below the default --fail-on warning


@pytest.mark.parametrize("form", sorted(USED))
def test_used_suppression_is_not_flagged(tmp_path, monkeypatch, form):
    name, content = USED[form]
    result, found = _run(tmp_path, monkeypatch, name, content)
    assert found == [], result.output


@pytest.mark.parametrize("form", sorted(STALE))
def test_unused_suppression_can_be_turned_off(tmp_path, monkeypatch, form):
    name, content, _ = STALE[form]
    _, found = _run(tmp_path, monkeypatch, name, content, rules={"unused-suppression": "off"})
    assert found == []
    _, found = _run(tmp_path, monkeypatch, name, content, "--ignore", "unused-suppression")
    assert found == []


def test_unused_suppression_off_for_one_channel(tmp_path, monkeypatch):
    content = ("- body: Hola.\n  channel: sms\n  ignore: [exclamation-stack]\n"
               "- body: Hola.\n  channel: chat\n  ignore: [exclamation-stack]\n")
    _, found = _run(tmp_path, monkeypatch, "a.yaml", content,
                    config="channels:\n  sms:\n    rules: {unused-suppression: off}\n")
    assert found == [("unused-suppression", 6, "ig")]


def test_unused_suppression_severity_override(tmp_path, monkeypatch):
    name, content, (line, chars) = STALE["md-disable"]
    result, found = _run(tmp_path, monkeypatch, name, content, rules={"unused-suppression": "warning"})
    assert found == [("unused-suppression", line, chars)]
    assert json.loads(result.stdout)["results"][0]["findings"][0]["severity"] == "warning"
    assert result.exit_code == 1  # warning meets the default --fail-on
    result, _ = _run(tmp_path, monkeypatch, name, content, rules={"unused-suppression": "{severity: error}"})
    assert json.loads(result.stdout)["results"][0]["findings"][0]["severity"] == "error"


def test_unused_suppression_is_a_listed_and_explained_rule():
    listed = CliRunner().invoke(cli, ["rules", "--isolated"])
    row = next(line for line in listed.output.splitlines() if line.startswith("unused-suppression "))
    assert " info " in row and "suppresses nothing" in row
    explained = CliRunner().invoke(cli, ["explain", "unused-suppression", "--isolated"])
    assert explained.exit_code == 0, explained.output
    assert "RUF100" in explained.output and "report-unused-disable-directives" in explained.output


@pytest.mark.parametrize("name,content,line", [
    ("a.yaml", "- body: Hola!! ,que\n  omitir: [exclamation-stack]\n", 1),
    ("a.json", '[{"body": "Hola!! ,que", "omitir": "exclamation-stack"}]', 1),
    ("a.csv", "body,omitir\n\"Hola!! ,que\",exclamation-stack\n", 2),
])
def test_ignore_key_or_column_renamed_with_template_fields(tmp_path, monkeypatch, name, content, line):
    _, found = _run(tmp_path, monkeypatch, name, content, config="template_fields: {ignore: omitir}\n")
    assert [(rule, at) for rule, at, _ in found] == [("punctuation-spacing", line)]


def test_plain_text_files_are_suppressed_from_the_config(tmp_path, monkeypatch):
    """A .txt reply has no comment syntax (a comment would reach the customer): a rule is turned
    off for some files by pointing them at a channel profile that turns it off, or by --ignore."""
    (tmp_path / "legal").mkdir()
    config = ("overrides:\n  - files: [legal/*.txt]\n    channel: chat-legal\n"
              "channels:\n  chat-legal:\n    extends: chat\n    rules: {exclamation-stack: off}\n")
    _, found = _run(tmp_path, monkeypatch, "legal/a.txt", "Hola!! ,que\n", config=config)
    assert [rule for rule, _, _ in found] == ["punctuation-spacing"]
    _, found = _run(tmp_path, monkeypatch, "b.txt", "Hola!! ,que\n", config=config)
    assert [rule for rule, _, _ in found] == ["exclamation-stack", "punctuation-spacing"]
    _, found = _run(tmp_path, monkeypatch, "b.txt", "Hola!! ,que\n", "--ignore", "exclamation-stack")
    assert [rule for rule, _, _ in found] == ["punctuation-spacing"]
