"""Per-rule fixture files: ``tests/fixtures/<rule-id>.yaml``.

Each file has ``rule:`` and ``cases:``; a case is one of

- ``fail_str``: the rule must report at least one finding (``count``: exactly that many);
  ``fix_str``: the text after the rule's safe fixes (omit when the rule offers no fix;
  ``fix_str`` equal to ``fail_str`` asserts that nothing is fixed);
- ``pass_str``: the rule must report nothing.

plus ``lang`` (es/en, required), ``channel`` (default chat), ``options`` (rule options) and
``config`` (other config keys, e.g. ``acronyms`` or ``mode``). Fixes must be idempotent: the
fixed text has nothing more for the rule to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import linter_with_only

FIXTURES = Path(__file__).parent / "fixtures"


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = data["rule"]
        for index, case in enumerate(data["cases"]):
            kind = "fail" if "fail_str" in case else "pass"
            yield pytest.param(rule, case, id=f"{rule}-{index}-{case['lang']}-{kind}")


def _run(rule: str, case: dict, text: str):
    linter = linter_with_only(rule, case.get("options"), **case.get("config", {}))
    return linter.lint(text, channel=case.get("channel", "chat"), lang=case["lang"])


@pytest.mark.parametrize("rule,case", list(_cases()))
def test_fixture(rule: str, case: dict) -> None:
    if "pass_str" in case:
        report = _run(rule, case, case["pass_str"])
        found = [(f.text, f.message) for f in report.findings if f.rule == rule]
        assert not found, f"{rule} should pass {case['pass_str']!r} but reported {found}"
        return
    report = _run(rule, case, case["fail_str"])
    found = [f for f in report.findings if f.rule == rule]
    assert found, f"{rule} should flag {case['fail_str']!r}"
    if "count" in case:
        assert len(found) == case["count"], [(f.text, f.message) for f in found]
    for finding in found:
        assert report.text[finding.start:finding.end] == finding.text
    if "fix_str" in case:
        assert report.fixed == case["fix_str"]
        again = _run(rule, case, report.fixed)
        assert again.fixed == report.fixed, "fixing the fixed text changed it again"


# Rules a draft-level case cannot express, and the file-level tests that cover them instead.
EXEMPT = {
    # Suppressions are comments and ignore: keys of template files (Markdown, YAML, JSON, CSV);
    # a draft has none, so the rule reports only through `replylint check` on files.
    "unused-suppression": "tests/test_suppress.py",
}


def test_every_rule_has_five_flag_and_five_pass_fixtures_per_language() -> None:
    from conftest import all_rule_ids
    from replylint.registry import build_registry

    registry = build_registry()
    missing = []
    for rule_id in all_rule_ids():
        if rule_id in EXEMPT:
            assert (Path(__file__).parent.parent / EXEMPT[rule_id]).is_file()
            continue
        path = FIXTURES / f"{rule_id}.yaml"
        if not path.is_file():
            missing.append(f"{rule_id}: no fixture file")
            continue
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        languages = registry[rule_id].languages or frozenset({"es", "en"})
        for lang in sorted(languages):
            flags = sum(1 for c in cases if c["lang"] == lang and "fail_str" in c)
            passes = sum(1 for c in cases if c["lang"] == lang and "pass_str" in c)
            if flags < 5 or passes < 5:
                missing.append(f"{rule_id}: {lang} has {flags} must-flag and {passes} must-pass cases (5 each needed)")
    assert not missing, missing
