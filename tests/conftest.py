from __future__ import annotations

import contextlib
import functools
import threading

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


@contextlib.contextmanager
def serving(max_bytes: int, max_items: int):
    """A ``replylint serve`` instance on a free port of 127.0.0.1, in a thread: yields (host, port)."""
    from replylint.serve import LintService, make_server

    server = make_server(LintService(Linter(), max_bytes=max_bytes, max_items=max_items), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()
