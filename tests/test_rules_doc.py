"""docs/rules.md is generated from the registry and must match it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "tools" / "gen_rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_rules_doc_is_up_to_date():
    expected = _generator().render()
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is out of date: run python tools/gen_rules_doc.py"


def test_rules_doc_covers_every_rule():
    from replylint.registry import build_registry

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id in build_registry():
        assert f"\n## {rule_id}\n" in text, rule_id
