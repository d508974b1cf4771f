"""Config and rule-pack loading on malformed, mistyped, huge and hostile input: every problem is
one ``path:line: message`` error (exit code 2 on the command line), never a crash or a hang; a
catastrophic pattern in a user pack ends in a ``rule-timeout`` finding."""

from __future__ import annotations

import time

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from replylint import Linter
from replylint.budget import RULE_TIMEOUT
from replylint.cli import cli
from replylint.config import KEYS, load_config
from replylint.errors import ConfigError, RulePackError
from replylint.packs import load_pack
from replylint.yamlsrc import MAX_DEPTH, MAX_NODES

from ._common import PROFILE

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["es", "en", "auto", "off", "error", "chat", "sms",
                                                           "phrase", "regex", "limit", "pattern", "(a+)+"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8) | st.sampled_from(sorted(KEYS)), inner,
                                                 max_size=4)), max_leaves=12)
BAD_VALUES = [None, True, 0, -1, 1.5, "", "x", [], {}, [1], ["x"], {"a": 1}, {"es": ["x"]}, [[{"LOWER": 1}]]]
PACK_KEYS = ["id", "kind", "summary", "explanation", "severity", "message", "channels", "public_only", "languages",
             "suggestions", "fix", "enabled", "phrases", "exceptions", "patterns", "regex", "ignorecase", "count",
             "scope", "max"]
VALID_RULES = {
    "phrase": {"id": "my-phrase", "kind": "phrase", "summary": "s", "phrases": {"es": ["en breve"]}},
    "pattern": {"id": "my-pattern", "kind": "pattern", "summary": "s", "patterns": {"es": [[{"LOWER": "ya"}]]}},
    "regex": {"id": "my-regex", "kind": "regex", "summary": "s", "regex": r"\bfolio\b"},
    "limit": {"id": "my-limit", "kind": "limit", "summary": "s", "count": "words", "max": 3},
}


def assert_one_line(err: Exception, path) -> None:
    text = str(err)
    assert "\n" not in text
    assert text.startswith(str(path)), text


def load_config_or_error(path):
    try:
        config = load_config(path)
        Linter.from_config(path)
        return config
    except ConfigError as err:
        assert_one_line(err, path)
        return err


# -- configuration --------------------------------------------------------------------------

@PROFILE
@given(text=st.text(max_size=300))
def test_any_text_as_config(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("cfg") / ".replylint.yaml"
    path.write_text(text, encoding="utf-8")
    load_config_or_error(path)


@PROFILE
@given(data=st.dictionaries(st.sampled_from(sorted(KEYS)) | st.text(max_size=6), VALUES, max_size=5))
def test_any_values_at_any_key(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("cfg") / ".replylint.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_config_or_error(path)


@pytest.mark.parametrize("key", sorted(KEYS))
@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
def test_wrong_type_at_every_key(tmp_path, key, value):
    path = tmp_path / ".replylint.yaml"
    path.write_text(f"lang: es\n{yaml.safe_dump({key: value}, allow_unicode=True)}", encoding="utf-8")
    result = load_config_or_error(path)
    if isinstance(result, ConfigError):
        assert result.line is not None and result.line >= 2, result  # the key or the item in it


HOSTILE_YAML = {
    "deep flow": "rules: " + "[" * 5000 + "]" * 5000,
    "deep block": "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)),
    "recursive alias": "rules: &x [*x]\n",
    "alias bomb": "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh")),
    "unknown tag": "lang: !!python/object:os.system x\n",
    "bad timestamp": "lang: !!timestamp xx\n",
    "bad merge": "a: &x 1\nrules:\n  <<: *x\n",
    "complex key": "? [a, b]\n: 1\n",
    "duplicate key": "lang: es\nlang: en\n",
    "tab indent": "rules:\n\tshouting: off\n",
    "NUL": "lang: es\x00\n",
    "unclosed": "rules: {shouting: off\n",
    "not a mapping": "- lang\n- es\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_config(tmp_path, name):
    path = tmp_path / ".replylint.yaml"
    path.write_text(HOSTILE_YAML[name], encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert_one_line(info.value, path)
    assert time.monotonic() - started < 30  # bounded (well under a second on a laptop)
    if name not in ("NUL",):
        assert info.value.line is not None, info.value


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_pack(tmp_path, name):
    path = tmp_path / "pack.yaml"
    path.write_text(HOSTILE_YAML[name], encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    assert_one_line(info.value, path)


def test_yaml_limits_are_generous_for_real_files(tmp_path):
    path = tmp_path / ".replylint.yaml"
    path.write_text("vocabulary:\n" + "".join(f"  - palabra{i}\n" for i in range(MAX_NODES // 20)), encoding="utf-8")
    assert len(load_config(path).vocabulary) == MAX_NODES // 20


def test_huge_config_and_pack_are_refused_before_reading(tmp_path):
    config = tmp_path / ".replylint.yaml"
    config.write_text("vocabulary:\n" + "  - palabra\n" * 200_000, encoding="utf-8")
    with pytest.raises(ConfigError, match="larger than"):
        load_config(config)
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n" + "  - {}\n" * 500_000, encoding="utf-8")
    with pytest.raises(RulePackError, match="larger than"):
        load_pack(pack)


def test_config_not_utf8(tmp_path):
    path = tmp_path / ".replylint.yaml"
    path.write_bytes(b"lang: \xe9s\n")
    with pytest.raises(ConfigError, match="not UTF-8") as info:
        load_config(path)
    assert_one_line(info.value, path)


def test_cli_bad_config_exit_2_one_line(tmp_path):
    path = tmp_path / "cfg.yaml"
    path.write_text("lang: es\nrules:\n  shouting: loud\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(path), "--text", "Hola"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and f"{path}:3:" in lines[0], result.output


# -- rule packs -----------------------------------------------------------------------------

def write_pack(tmp_path, rules, name="pack.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", sorted(VALID_RULES))
def test_valid_pack_rules_load(tmp_path, kind):
    assert [i.id for i in load_pack(write_pack(tmp_path, [VALID_RULES[kind]]))] == [VALID_RULES[kind]["id"]]


@pytest.mark.parametrize("kind", sorted(VALID_RULES))
@pytest.mark.parametrize("key", PACK_KEYS)
@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
def test_wrong_type_at_every_pack_key(tmp_path, kind, key, value):
    rule = dict(VALID_RULES[kind], **{key: value})
    path = write_pack(tmp_path, [rule])
    try:
        infos = load_pack(path)
        linter = Linter(packs=[str(path)], time_budget_ms=2000)
        linter.lint("Hola, su folio ya está en breve. Gracias", channel="chat")
        assert infos
    except RulePackError as err:
        assert_one_line(err, path)
        assert err.line is not None, err


@PROFILE
@given(rules=st.lists(st.fixed_dictionaries({}, optional={k: VALUES for k in PACK_KEYS}), max_size=3))
def test_any_pack_entries(tmp_path_factory, rules):
    path = write_pack(tmp_path_factory.mktemp("pack"), rules)
    try:
        load_pack(path)
        Linter(packs=[str(path)], time_budget_ms=2000).lint("Hola, ya está. Gracias", channel="chat")
    except RulePackError as err:
        assert_one_line(err, path)


def test_duplicate_ids_name_the_second_line(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("rules:\n  - {id: a-rule, kind: regex, summary: s, regex: x}\n"
                    "  - {id: a-rule, kind: regex, summary: s, regex: y}\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="duplicate rule id") as info:
        load_pack(path)
    assert info.value.line == 3


def test_pack_id_clashing_with_a_shipped_rule(tmp_path):
    path = write_pack(tmp_path, [dict(VALID_RULES["regex"], id="shouting")])
    with pytest.raises(RulePackError, match="already defined") as info:
        Linter(packs=[str(path)])
    assert_one_line(info.value, path)


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(x+x+)+y", r"(\w+)*!", r"([a-z]*)*z"])
def test_obvious_nested_quantifiers_are_refused(tmp_path, pattern):
    with pytest.raises(RulePackError, match="nested quantifier"):
        load_pack(write_pack(tmp_path, [dict(VALID_RULES["regex"], regex=pattern)]))


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(a|aa|aaa)*$"])
def test_catastrophic_regex_is_bounded_by_the_time_budget(tmp_path, pattern):
    path = write_pack(tmp_path, [dict(VALID_RULES["regex"], regex=pattern)])
    linter = Linter(packs=[str(path)], time_budget_ms=300)
    text = "a" * 40 + "!" + " " + "palabra " * 10
    started = time.monotonic()
    report = linter.lint(text, channel="chat")
    elapsed = time.monotonic() - started
    timeouts = [f for f in report.findings if f.rule == RULE_TIMEOUT]
    assert len(timeouts) == 1 and "my-regex" in timeouts[0].message
    assert timeouts[0].severity.value == "warning" and timeouts[0].text == ""
    assert elapsed < 30  # the pattern alone would run for hours


def test_catastrophic_regex_on_the_command_line(tmp_path):
    path = write_pack(tmp_path, [dict(VALID_RULES["regex"], regex=r"(a|aa)+$")])
    config = tmp_path / ".replylint.yaml"
    config.write_text(f"packs: [{path.name}]\ntime_budget_ms: 200\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "--text", "a" * 40 + "!"])
    assert result.exit_code == 1, result.output
    assert "rule-timeout" in result.output and "my-regex" in result.output


@pytest.mark.parametrize("value", [-1, 1.5, "fast", True, None, [100]], ids=repr)
def test_time_budget_must_be_a_whole_number(tmp_path, value):
    path = tmp_path / ".replylint.yaml"
    path.write_text(yaml.safe_dump({"time_budget_ms": value}), encoding="utf-8")
    with pytest.raises(ConfigError, match="time_budget_ms") as info:
        load_config(path)
    assert info.value.line == 1


def test_no_budget_means_no_timeout():
    report = Linter(time_budget_ms=0).lint("Hola!! " * 200, channel="chat")
    assert all(f.rule != RULE_TIMEOUT for f in report.findings)
