"""Suppressions: inline comments per file type, per-template ignore, --ignore, unused ones."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import all_rule_ids
from replylint.cli import cli

RULES = ("punctuation-spacing", "exclamation-stack")


def _run(tmp_path, monkeypatch, name, content, *args):
    off = "\n".join(f"  {r}: off" for r in all_rule_ids() if r not in RULES)
    (tmp_path / ".replylint.yaml").write_text(f"lang: es\nrules:\n{off}\n", encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", name, "--format", "json", *args])
    payload = json.loads(result.stdout)
    lines = content.splitlines()
    # (rule, line, the two characters of the file at the reported column)
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
