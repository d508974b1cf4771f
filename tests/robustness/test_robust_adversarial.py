"""Adversarial drafts: huge runs of emoji, one enormous word, thousands of placeholders, deep
markup, tens of thousands of lines. Each completes (the rule time is capped by the draft's time
budget, reported as ``rule-timeout``) with consistent findings. Normal runs use smaller sizes and
no clock; ``REPLYLINT_SOAK=1`` runs the full sizes against the bounds the README states."""

from __future__ import annotations

import functools
import time

import pytest

from replylint import Linter
from replylint.budget import RULE_TIMEOUT

from ._common import SOAK, soak_only
from .test_robust_drafts import check_report

SCALE = 1 if SOAK else 20  # normal runs: a twentieth of the stated sizes
CASES = {
    "100k emoji": lambda n: "😀" * n,
    "100k emoji with spaces": lambda n: "👍🏽 " * (n // 2),
    "1 MB single word": lambda n: "a" * (10 * n),
    "1 MB of exclamation marks": lambda n: "!" * (10 * n),
    "10k placeholders": lambda n: " ".join("{{nombre}}" for _ in range(n // 10)),
    "10k glued placeholders": lambda n: "{{nombre}}" * (n // 10),
    "nested html": lambda n: "<b>" * (n // 10) + "hola" + "</b>" * (n // 10),
    "nested markdown": lambda n: "**" * (n // 10) + "hola" + "**" * (n // 10),
    "nested brackets": lambda n: "(" * (n // 10) + "hola" + ")" * (n // 10),
    "50k lines": lambda n: "Hola, ¿cómo estás? Gracias!!\n" * (n // 2),
    "50k CRLF lines": lambda n: "ESTIMADO CLIENTE\r\n" * (n // 2),
    "zero-width and combining": lambda n: "e\u0301\u200b" * (n // 3),
    "RTL and NUL": lambda n: "\u202eשלום\x00" * (n // 6),
}
SIZE = 100_000 // SCALE
BOUND_SECONDS = 90  # stated in the README: a draft of up to 1 MB completes within 90 s on a 2-core machine


@functools.lru_cache(maxsize=None)
def linter(budget_ms: int) -> Linter:
    return Linter(lang="es", time_budget_ms=budget_ms)


@pytest.mark.parametrize("name", sorted(CASES))
def test_adversarial_draft_completes_with_consistent_findings(name):
    text = CASES[name](SIZE)
    started = time.monotonic()
    report = linter(500).lint(text, channel="whatsapp")
    elapsed = time.monotonic() - started
    check_report(text, report)
    timeouts = [f for f in report.findings if f.rule == RULE_TIMEOUT]
    assert len(timeouts) <= 1
    if SOAK:
        assert elapsed < BOUND_SECONDS, f"{name}: {elapsed:.1f}s"


def test_a_tiny_budget_reports_rule_timeout_and_keeps_going():
    text = "Hola!! ESTIMADO CLIENTE, le escribimos pronto. " * (2000 // SCALE + 50)
    report = Linter(lang="es", time_budget_ms=1).lint(text, channel="chat")
    (timeout,) = [f for f in report.findings if f.rule == RULE_TIMEOUT]
    assert (timeout.start, timeout.end, timeout.line, timeout.column) == (0, 0, 1, 1)
    assert "time_budget_ms" in timeout.message
    check_report(text, report)


def test_rule_timeout_on_the_command_line_can_be_ignored(tmp_path):
    from click.testing import CliRunner

    from replylint.cli import cli

    config = tmp_path / ".replylint.yaml"
    config.write_text("time_budget_ms: 1\n", encoding="utf-8")
    text = "Hola!! ESTIMADO CLIENTE, le escribimos pronto. " * 200
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "--format", "json", "--text", text])
    assert "rule-timeout" in result.output
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "--ignore", "rule-timeout", "--text", text])
    assert "rule-timeout" not in result.output and result.exit_code in (0, 1)


@soak_only
def test_memory_is_bounded_for_a_5mb_draft():
    import resource

    text = ("Hola Ana, lamentamos el retraso. Tu pedido llegará mañana. " * 90_000)[:5_000_000]
    linter(5000).lint(text, channel="email")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 3_000_000  # KiB: under 3 GB


# -- deeply nested markup: the markup rule is linear in the number of tags ---------------------
DEEP = 20_000  # stated in the README
_TAGS = ("div", "p", "span", "b", "i", "li", "em", "u")
DEEP_MARKUP = {  # shape -> (draft, markup findings expected)
    "nested tags": ("<b>" * DEEP + "hola" + "</b>" * DEEP, 2 * DEEP),
    "nested mixed tags": ("".join(f"<{t}>" for t in _TAGS * (DEEP // 8)) + "hola"
                          + "".join(f"</{t}>" for t in reversed(_TAGS * (DEEP // 8))), 2 * DEEP),
    "unclosed links": ('<a href="https://x.mx">' * DEEP + "hola", DEEP),
}
DEEP_RULE_SECONDS = 20  # the rule alone; it took minutes when each tag was compared with every other
DEEP_LINT_SECONDS = 60  # every rule, no time budget, fixes included


@pytest.mark.parametrize("shape", sorted(DEEP_MARKUP))
def test_deeply_nested_markup_rule_is_linear(shape):
    from conftest import linter_with_only

    text, expected = DEEP_MARKUP[shape]
    only = linter_with_only("markup", None, time_budget_ms=0)
    draft = next(only._drafts([text], "es", only.channel("whatsapp")))
    (rule,) = [entry.rule for entry in only.active_rules("es", "whatsapp") if entry.info.id == "markup"]
    started = time.monotonic()
    hits = list(rule.check(draft))
    elapsed = time.monotonic() - started
    assert len(hits) == expected
    assert elapsed < DEEP_RULE_SECONDS, f"{shape}: {elapsed:.1f}s"


@soak_only
@pytest.mark.parametrize("shape", sorted(DEEP_MARKUP))
def test_deeply_nested_markup_full_lint_within_bound(shape):
    text, expected = DEEP_MARKUP[shape]
    started = time.monotonic()
    report = linter(0).lint(text, channel="whatsapp")
    elapsed = time.monotonic() - started
    check_report(text, report)
    assert sum(f.rule == "markup" for f in report.findings) == expected
    assert "<" not in report.fixed
    assert elapsed < DEEP_LINT_SECONDS, f"{shape}: {elapsed:.1f}s"
