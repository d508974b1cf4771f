from __future__ import annotations

import functools

import pytest

from replylint import Linter
from replylint.registry import build_registry


@functools.lru_cache(maxsize=None)
def all_rule_ids() -> tuple[str, ...]:
    return tuple(build_registry())


@functools.lru_cache(maxsize=256)
def _only(rule_id: str, options_key: str, extra_key: str) -> Linter:
    import json

    options = json.loads(options_key)
    extra = json.loads(extra_key)
    rules = {other: "off" for other in all_rule_ids() if other != rule_id}
    rules[rule_id] = {"enabled": True, **options}
    return Linter(rules=rules, **extra)


def linter_with_only(rule_id: str, options: dict | None = None, **extra) -> Linter:
    """A linter that runs just ``rule_id`` (with ``options``); ``extra`` are other config keys."""
    import json

    return _only(rule_id, json.dumps(options or {}, sort_keys=True), json.dumps(extra, sort_keys=True))


@pytest.fixture(scope="session")
def es_linter() -> Linter:
    return Linter(lang="es")


@pytest.fixture(scope="session")
def en_linter() -> Linter:
    return Linter(lang="en")
