"""Output formats: SARIF 2.1.0, GitHub workflow commands, auto, --statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import cli

SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json"


def _files(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text("Hola!! Le escribimos pronto ,gracias", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("- id: t1\n  body: \"Hola {{nombre}, ¡gracias!\"\n", encoding="utf-8")
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.yaml")]


def _run(*args, env=None):
    return CliRunner(env=env).invoke(cli, ["check", "--isolated", "--lang", "es", *args])


def test_sarif_is_valid_and_describes_rules(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    result = _run(*_files(tmp_path), "--mode", "template", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")),
                        format_checker=jsonschema.FormatChecker())
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and {"placeholder", "exclamation-stack", "vague-promise"} <= set(ids)
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
    placeholder = next(r for r in run["results"] if r["ruleId"] == "placeholder")
    region = placeholder["locations"][0]["physicalLocation"]["region"]
    assert placeholder["level"] == "error"
    assert placeholder["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("b.yaml")
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 15, 2, 24)
    assert region["snippet"]["text"] == "{{nombre}"


def test_sarif_with_no_findings_is_valid(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    (tmp_path / "ok.txt").write_text("Su pedido llega el viernes 12.", encoding="utf-8")
    result = _run(str(tmp_path / "ok.txt"), "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert log["runs"][0]["results"] == [] and result.exit_code == 0


def test_github_workflow_commands(tmp_path):
    paths = _files(tmp_path)
    result = _run(*paths, "--mode", "template", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    placeholder = next(line for line in lines if "placeholder" in line)
    assert placeholder.startswith(f"::error file={paths[1]},line=2,col=15,endColumn=24,title=replylint placeholder::")
    assert "(suggestion: {{ nombre }})" in placeholder


def test_github_escapes_properties_and_data():
    from replylint.findings import Finding, Report, Severity
    from replylint.formatters.github import format_github

    finding = Finding("r", Severity.INFO, "50% done\nnext", 0, 1, 1, 1, "x")
    out = format_github([("dir,a:b.txt", Report("x", "chat", "es", (finding,)))])
    assert out == "::notice file=dir%2Ca%3Ab.txt,line=1,col=1,title=replylint r::50%25 done%0Anext\n"


@pytest.mark.parametrize("env,expected", [({"GITHUB_ACTIONS": "true"}, "::"), ({"GITHUB_ACTIONS": ""}, "a.txt:1:")])
def test_auto_format(tmp_path, env, expected):
    (tmp_path / "a.txt").write_text("Hola!!", encoding="utf-8")
    result = _run(str(tmp_path / "a.txt"), "--format", "auto", env=env)
    assert result.stdout.splitlines()[0].startswith(expected if expected == "::" else str(tmp_path / expected))


def test_statistics_text_and_json(tmp_path):
    paths = _files(tmp_path)
    result = _run(*paths, "--mode", "template", "--statistics")
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("Found ")
    rows = [line.split() for line in lines[:-1]]
    assert all(row[0].isdigit() for row in rows)
    counts = {row[1]: int(row[0]) for row in rows}
    assert counts["placeholder"] == 1 and counts["exclamation-stack"] == 1
    assert result.exit_code == 1
    payload = json.loads(_run(*paths, "--mode", "template", "--statistics", "--format", "json").stdout)
    assert {r["rule"]: r["count"] for r in payload["statistics"]} == counts
    bad = _run(*paths, "--statistics", "--format", "sarif")
    assert bad.exit_code == 2


def test_json_results_carry_template_id(tmp_path):
    paths = _files(tmp_path)
    payload = json.loads(_run(*paths, "--mode", "template", "--format", "json").stdout)
    assert "id" not in payload["results"][0]
    assert payload["results"][1]["id"] == "t1"
