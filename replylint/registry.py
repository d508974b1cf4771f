"""Every rule replylint knows: Python rules in ``replylint.checks`` and YAML packs in ``rules/packs``."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from functools import lru_cache
from typing import Iterable, Mapping

from . import checks
from .errors import RulePackError
from .packs import load_pack
from .resources import rules_dir
from .rule import Rule, RuleInfo


@lru_cache(maxsize=1)
def python_rules() -> tuple[RuleInfo, ...]:
    infos = []
    for module_info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{checks.__name__}.{module_info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__ and obj.id:
                infos.append(RuleInfo.from_class(obj))
    return tuple(infos)


@lru_cache(maxsize=1)
def shipped_pack_rules() -> tuple[RuleInfo, ...]:
    infos: list[RuleInfo] = []
    root = rules_dir()
    for path in sorted((root / "packs").glob("*.yaml")):
        shown = f"rules/{path.relative_to(root).as_posix()}"
        infos.extend(
            dataclasses.replace(info, origin=info.origin.replace(str(path), shown)) for info in load_pack(path)
        )
    return tuple(infos)


def build_registry(extra: Iterable[RuleInfo] = ()) -> dict[str, RuleInfo]:
    """Rule id -> info; a pack rule may not reuse an existing id."""
    registry: dict[str, RuleInfo] = {}
    for info in (*python_rules(), *shipped_pack_rules(), *extra):
        if info.id in registry:
            path, _, line = info.origin.rpartition(":")
            raise RulePackError(
                f"rule id {info.id!r} is already defined by {registry[info.id].origin}",
                path or info.origin, int(line) if line.isdigit() else None,
            )
        registry[info.id] = info
    return registry


def load_user_packs(paths: Iterable[str], known_channels: Iterable[str]) -> list[RuleInfo]:
    infos: list[RuleInfo] = []
    for path in paths:
        infos.extend(load_pack(path, known_channels))
    return infos


def describe(registry: Mapping[str, RuleInfo]) -> list[RuleInfo]:
    return sorted(registry.values(), key=lambda info: info.id)
