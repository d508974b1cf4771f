from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from replylint.cli import cli

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<rule>[a-z-]+) .+$")


def run(*args, input=None):
    return CliRunner().invoke(cli, ["check", "--isolated", *args], input=input)


def test_stdin_text_format_and_exit_code():
    result = run("--channel", "twitter", "--lang", "es", "-", input="Hola, le enviaremos su pedido pronto!!\n")
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    parsed = [LINE.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    assert {m["rule"] for m in parsed} >= {"vague-promise", "exclamation-stack"}
    assert all(m["path"] == "<stdin>" for m in parsed)
    assert "(suggestion: antes del {fecha})" in result.output
    assert lines[-1].startswith("Found ")


def test_clean_draft_exits_zero():
    result = run("--lang", "es", "--text", "Tu pedido llega el viernes 12 antes de las 14:00.")
    assert result.exit_code == 0, result.output
    assert "No problems" in result.output


def test_fail_on_controls_exit_code():
    text = "Llega pronto."
    assert run("--lang", "es", "--text", text).exit_code == 1
    assert run("--lang", "es", "--text", text, "--fail-on", "error").exit_code == 0


def test_fix_text_prints_fixed_draft():
    result = CliRunner().invoke(cli, ["check", "--isolated", "--text", "WE ARE SORRY!!! 😡", "--channel", "email",
                                      "--lang", "en", "--fix", "--fail-on", "error"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "We are sorry!"


def test_json_format_shape(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("Thanks!! We will fix it soon 😊", encoding="utf-8")
    result = run("--channel", "sms", "--lang", "en", str(draft), "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["version"] == 1
    (entry,) = payload["results"]
    assert entry["path"] == str(draft) and entry["channel"] == "sms" and entry["lang"] == "en"
    keys = {"rule", "severity", "message", "line", "column", "start", "end", "text", "suggestions", "fix"}
    for finding in entry["findings"]:
        assert set(finding) == keys
        assert draft.read_text(encoding="utf-8")[finding["start"]:finding["end"]] == finding["text"]
    fixes = [f["fix"] for f in entry["findings"] if f["fix"]]
    assert fixes and all({"start", "end", "replacement"} == set(edit) for fix in fixes for edit in fix)
    assert any(f["fix"] is None for f in entry["findings"])


def test_fix_rewrites_file_keeping_crlf_and_bom(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_bytes(b"\xef\xbb\xbfHola!!\r\nGracias  por escribir.\r\n")
    result = run("--lang", "es", str(draft), "--fix")
    assert result.exit_code in (0, 1), result.output
    assert draft.read_bytes() == "\ufeff¡Hola!\r\nGracias por escribir.\r\n".encode("utf-8")
    again = run("--lang", "es", str(draft), "--fix")
    assert draft.read_bytes() == "\ufeff¡Hola!\r\nGracias por escribir.\r\n".encode("utf-8"), again.output


def test_diff_shows_fix_and_changes_nothing(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text("Hola!!\n", encoding="utf-8")
    result = run("--lang", "es", str(draft), "--diff")
    assert "-Hola!!" in result.output and "+¡Hola!" in result.output
    assert draft.read_text(encoding="utf-8") == "Hola!!\n"


def test_fix_follows_symlink_and_keeps_it(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("Hola!!", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("--lang", "es", str(link), "--fix")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "¡Hola!"


def test_fix_read_only_file_is_an_error(tmp_path):
    draft = tmp_path / "ro.txt"
    draft.write_text("Hola!!", encoding="utf-8")
    draft.chmod(0o444)
    result = run("--lang", "es", str(draft), "--fix")
    assert result.exit_code == 2 and "read-only" in result.output
    assert draft.read_text(encoding="utf-8") == "Hola!!"


def test_folder_of_drafts(tmp_path):
    (tmp_path / "a.txt").write_text("Hola!!", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Gracias.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored!!", encoding="utf-8")
    result = run("--lang", "es", str(tmp_path), "--format", "json")
    paths = [r["path"] for r in json.loads(result.output)["results"]]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]


@pytest.mark.parametrize("content,fragment", [
    (b"Hola\xff\xfe mundo", "not valid utf-8"),
    (b"PK\x03\x04\x00\x00binary", "binary"),
])
def test_unreadable_input_is_a_one_line_error(tmp_path, content, fragment):
    draft = tmp_path / "bad.txt"
    draft.write_bytes(content)
    result = run("--lang", "es", str(draft))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert str(draft) in line and fragment in line


def test_encoding_option(tmp_path):
    draft = tmp_path / "latin1.txt"
    draft.write_bytes("¿Cómo estás?!".encode("latin-1"))
    result = run("--lang", "es", str(draft), "--encoding", "latin-1", "--fix")
    assert draft.read_bytes() == "¿Cómo estás?".encode("latin-1"), result.output


def test_missing_file_and_unknown_channel_exit_2(tmp_path):
    result = run("--lang", "es", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "no such file" in result.output
    result = run("--channel", "fax", "--text", "hola")
    assert result.exit_code == 2 and "unknown channel 'fax'" in result.output


def test_bad_config_exit_2_names_file_and_line(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("lang: es\nrules:\n  shouting: [1, 2]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "--text", "hola"])
    assert result.exit_code == 2
    assert f"{config}:3:" in result.output


def test_usage_errors_exit_2():
    assert CliRunner().invoke(cli, ["check"]).exit_code == 2
    assert CliRunner().invoke(cli, ["check", "--text", "x", "--fix", "--diff"]).exit_code == 2


def test_rules_explain_channels():
    runner = CliRunner()
    rules = runner.invoke(cli, ["rules", "--isolated"])
    assert rules.exit_code == 0
    ids = [line.split()[0] for line in rules.output.splitlines()]
    assert {"shouting", "exclamation-stack", "vague-promise", "spelling", "length", "emoji-policy",
            "inverted-marks", "punctuation-spacing", "placeholder"} <= set(ids)
    explain = runner.invoke(cli, ["explain", "vague-promise", "--isolated"])
    assert explain.exit_code == 0 and "pronto" in explain.output
    assert runner.invoke(cli, ["explain", "nope", "--isolated"]).exit_code == 2
    channels = runner.invoke(cli, ["channels", "--isolated", "--format", "json"])
    names = {c["name"] for c in json.loads(channels.output)}
    assert names >= {"chat", "email", "sms", "whatsapp", "messenger", "instagram-dm", "twitter", "twitter-dm",
                     "facebook-comment", "review-reply"}


def test_real_subprocess(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Hola, cómo estás?", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "replylint", "check", "--isolated", "--lang", "es",
                           "--format", "json", str(draft)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    payload = json.loads(proc.stdout)
    assert [f["rule"] for f in payload["results"][0]["findings"]] == ["inverted-marks"]
    proc = subprocess.run([sys.executable, "-m", "replylint", "check", "--isolated", "--lang", "es", "--fix", "-"],
                          input="Hola, cómo estás?", capture_output=True, text=True, timeout=120)
    assert proc.stdout == "Hola, ¿cómo estás?\n" and proc.returncode == 0


def test_timings_table_on_stderr_names_every_stage_and_rule_that_ran():
    result = CliRunner().invoke(cli, ["check", "--isolated", "--timings", "--channel", "twitter", "--text",
                                      "Hola, tambien te ayudamos PRONTO!!"])
    assert result.exit_code == 1
    assert "spelling" in result.stdout and "scan for non-prose" not in result.stdout
    table = result.stderr
    assert table.startswith("1 draft, ")
    rows = [line.split("  ")[0].strip() for line in table.splitlines()[2:]]
    assert "scan for non-prose" in rows and "spaCy: tokens, non-prose merge" in rows
    assert {"rule spelling", "rule shouting", "rule exclamation-stack"} <= set(rows)
    seconds = [float(line.split()[-3]) for line in table.splitlines()[2:]]
    assert seconds == sorted(seconds, reverse=True)  # slowest first


def test_timings_need_one_process():
    result = CliRunner().invoke(cli, ["check", "--isolated", "--timings", "--jobs", "2", "--text", "hola"])
    assert result.exit_code == 2 and "--jobs 1" in result.output


def test_timings_in_the_library_count_drafts_rules_and_fix_passes():
    from replylint import Linter
    from replylint.timings import Timings

    linter = Linter()
    linter.timings = Timings()
    reports = linter.lint_many(["Hola!! gracias", "Todo bien, saludos."], channel="chat", lang="es")
    ran = {f"rule {entry.info.id}" for entry in linter.active_rules("es", "chat")}
    assert linter.timings.drafts == 2 and ran <= set(linter.timings.seconds)
    assert all(seconds >= 0 for seconds in linter.timings.seconds.values())
    reports[0].fixed  # the fix pass lints the fixed draft again: counted too
    assert linter.timings.drafts == 3
