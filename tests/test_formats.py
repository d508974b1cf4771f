"""Output formats: SARIF 2.1.0, GitHub workflow commands, auto, --statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import cli

# The official OASIS SARIF 2.1.0 schema, vendored unchanged (origin and license: tests/data/README.md).
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
EXAMPLE_REPO = Path(__file__).resolve().parent.parent / "examples" / "template-repo"


def _files(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text("Hola!! Le escribimos pronto ,gracias", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("- id: t1\n  body: \"Hola {{nombre}, ¡gracias!\"\n", encoding="utf-8")
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.yaml")]


def _run(*args, env=None):
    return CliRunner(env=env).invoke(cli, ["check", "--isolated", "--lang", "es", *args])


def _validate_sarif(text: str) -> dict:
    """The SARIF log in ``text``, after checking it against the full official schema (formats
    included: ``uri`` and ``uri-reference`` need rfc3986-validator, in the test extra)."""
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        end = (region.get("endLine", region["startLine"]), region.get("endColumn", region["startColumn"]))
        assert end >= (region["startLine"], region["startColumn"])
    return log


def test_full_schema_rejects_what_the_subset_let_through():
    """The vendored schema is the full one: it checks deep objects and URI formats."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/errata01/os/schemas/sarif-schema-2.1.0.json") and len(schema["definitions"]) == 52
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a%20b.md"}, "region": {"startLine": 1}}}]}]}]}
    assert validator.is_valid(good)
    location = good["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    for bad in ({"uri": "a b.md"}, {"uri": "<text>"}):
        location["artifactLocation"] = bad
        assert not validator.is_valid(good)
    location["artifactLocation"] = {"uri": "a.md"}
    location["region"] = {"startLine": 0}
    assert not validator.is_valid(good)


def test_sarif_is_valid_and_describes_rules(tmp_path):
    result = _run(*_files(tmp_path), "--mode", "template", "--format", "sarif")
    assert result.exit_code == 1
    log = _validate_sarif(result.stdout)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {"placeholder", "exclamation-stack", "vague-promise"} <= {r["id"] for r in rules}
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
    placeholder = next(r for r in run["results"] if r["ruleId"] == "placeholder")
    region = placeholder["locations"][0]["physicalLocation"]["region"]
    assert placeholder["level"] == "error"
    assert placeholder["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("b.yaml")
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 15, 2, 24)
    assert region["snippet"]["text"] == "{{nombre}"
    fixable = [r for r in run["results"] if r.get("properties", {}).get("fixable")]
    assert {r["ruleId"] for r in fixable} >= {"exclamation-stack", "punctuation-spacing"}


def test_sarif_with_no_findings_is_valid(tmp_path):
    (tmp_path / "ok.txt").write_text("Su pedido llega el viernes 12.", encoding="utf-8")
    result = _run(str(tmp_path / "ok.txt"), "--format", "sarif")
    log = _validate_sarif(result.stdout)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    assert result.exit_code == 0


MIXED = {  # findings of several rules in every template format
    "t/a.md": "---\nid: a\nchannel: email\n---\nHola {{nombre}!! Le escribimos pronto ,gracias\n",
    "t/b.yaml": "- id: b1\n  body: LE ESCRIBIMOS PRONTO!!\n- id: b2\n  channel: sms\n  body: Hola 😀😀😀 ,que tal\n",
    "t/c.json": '[{"id": "c1", "body": "Hola!! te escribimos pronto"}, {"id": "c2", "body": "Bien."}]',
    "t/z.json": '{"macros": [{"id": 7, "actions": [{"field": "comment_value", "value": "Gracias!! ,adios"},'
                ' {"field": "comment_value_html", "value": "<p>HOLA A TODOS!!</p>"}]}]}',
    "t/d.csv": "id,channel,body\nd1,sms,Hola!! le escribimos pronto\nd2,chat,Todo bien.\n",
}


def test_sarif_of_every_template_format(tmp_path, monkeypatch):
    for name, content in MIXED.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _run("t", "--mode", "template", "--format", "sarif")
    assert result.exit_code == 1, result.output
    log = _validate_sarif(result.stdout)
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == set(MIXED)
    assert len({r["ruleId"] for r in results}) >= 5
    assert {r["level"] for r in results} >= {"error", "warning"}


def test_sarif_of_the_example_template_repository(monkeypatch):
    monkeypatch.chdir(EXAMPLE_REPO)
    result = CliRunner().invoke(cli, ["check", "templates", "--format", "sarif"])
    assert result.exit_code == 0, result.output
    _validate_sarif(result.stdout)


def test_sarif_unused_suppression_timeout_and_odd_paths(tmp_path):
    folder = tmp_path / "plantillas con espacio"
    folder.mkdir()
    (folder / "año #1.md").write_text("<!-- replylint-disable shouting -->\nHola!! ,que\n", encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text("lang: es\nmode: template\ntime_budget_ms: 0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), str(folder / "año #1.md"),
                                      "--format", "sarif"])
    log = _validate_sarif(result.stdout)
    (run,) = log["runs"]
    (uri,) = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uri.startswith("file:///") and uri.endswith("/plantillas%20con%20espacio/a%C3%B1o%20%231.md")
    unused = next(r for r in run["results"] if r["ruleId"] == "unused-suppression")
    assert unused["level"] == "note"
    assert run["tool"]["driver"]["rules"][unused["ruleIndex"]]["defaultConfiguration"]["level"] == "note"
    text = _run("--text", "Hola!!", "--format", "sarif")
    (res, *_) = _validate_sarif(text.stdout)["runs"][0]["results"]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%3Ctext%3E"


def test_sarif_rule_timeout_is_described(tmp_path):
    from replylint.budget import timeout_finding
    from replylint.findings import Report
    from replylint.formatters.sarif import format_sarif

    report = Report("Hola", "chat", "es", (timeout_finding(["spelling"], 5),))
    log = _validate_sarif(format_sarif([("a.txt", report)]))
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "rule-timeout" and "time budget" in rule["fullDescription"]["text"]


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


def test_sarif_describes_the_rules_of_user_packs(tmp_path):
    pack = Path(__file__).resolve().parent.parent / "examples" / "packs" / "team-rules.yaml"
    config = tmp_path / ".replylint.yaml"
    config.write_text(f"packs: [{json.dumps(str(pack))}]\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("Le recomendamos no ir a Banco Rival.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "--lang", "es", "--channel", "twitter",
                                      "--format", "sarif", str(draft)])
    log = _validate_sarif(result.stdout)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["acme-competitors"]["shortDescription"]["text"] == "Never name another bank in a public reply"
    assert "competitor" in rules["acme-competitors"]["fullDescription"]["text"]
    assert rules["acme-competitors"]["defaultConfiguration"]["level"] == "error"


def _apply_sarif_fix(text: str, fix: dict) -> str:
    """``text`` with one SARIF fix applied (regions in 1-based lines and code-point columns)."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    edits = []
    for change in fix["artifactChanges"]:
        for r in change["replacements"]:
            d = r["deletedRegion"]
            start = starts[d["startLine"] - 1] + d["startColumn"] - 1
            end = starts[d["endLine"] - 1] + d["endColumn"] - 1
            edits.append((start, end, r["insertedContent"]["text"]))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_sarif_fixes_are_valid_and_rewrite_the_file_as_the_finding_says(tmp_path, monkeypatch):
    from replylint.sources import read_templates
    from replylint.files import SourceFile

    monkeypatch.chdir(tmp_path)
    draft = "Hola!! gracias\nTodo BIEN , saludos\n"
    template = "- id: t1\n  body: LE ESCRIBIMOS PRONTO!!\n- id: t2\n  body: \"Hola \\\"amigo\\\"!! ,que tal\"\n"
    Path("a.txt").write_text(draft, encoding="utf-8")
    Path("t.yaml").write_text(template, encoding="utf-8")
    log = _validate_sarif(_run("a.txt", "--format", "sarif").stdout)
    fixed = {r["ruleId"]: _apply_sarif_fix(draft, r["fixes"][0]) for r in log["runs"][0]["results"] if "fixes" in r}
    assert fixed["exclamation-stack"] == "Hola! gracias\nTodo BIEN , saludos\n"
    assert fixed["shouting"] == "Hola!! gracias\nTodo bien , saludos\n"
    assert fixed["inverted-marks"].startswith("¡Hola!!")
    log = _validate_sarif(_run("t.yaml", "--mode", "template", "--format", "sarif").stdout)
    with_fixes = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert with_fixes
    for result in with_fixes:  # each fix keeps the file a template file and changes its reply only
        changed = _apply_sarif_fix(template, result["fixes"][0])
        entries = read_templates(SourceFile("t.yaml", changed, Path("t.yaml")), {}).entries
        assert [e.id for e in entries] == ["t1", "t2"] and changed != template
