"""YAML loading that remembers the line of every key, for error messages.

Hostile YAML is refused with a one-line error naming the file and line: nesting deeper than
:data:`MAX_DEPTH`, recursive aliases, and alias "bombs" (more than :data:`MAX_NODES` values once
aliases are expanded); unknown tags and bad merge keys are errors too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import ConfigError

Path_ = tuple[Any, ...]

MAX_DEPTH = 64
MAX_NODES = 200_000

# libyaml's parser when PyYAML was built with it (the PyPI wheels are): several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_line(exc: Exception) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


@dataclass
class Sourced:
    """Parsed YAML data plus the 1-based line of each key path (``("rules", "shouting")``)."""

    data: Any
    path: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, key_path: Path_) -> int | None:
        """Line of ``key_path``, or of its closest ancestor that has one."""
        key_path = tuple(key_path)
        while key_path:
            if key_path in self.lines:
                return self.lines[key_path]
            key_path = key_path[:-1]
        return self.lines.get((), None)

    def error(self, key_path: Path_, message: str, cls: type[ConfigError] = ConfigError) -> ConfigError:
        return cls(message, self.path, self.line(key_path))


def load_yaml(text: str, path: str, error_cls: type[ConfigError] = ConfigError) -> Sourced:
    """Parse ``text``; duplicate keys and syntax errors raise ``error_cls`` with the line."""
    try:
        _check_depth(text, path, error_cls)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error_cls(f"invalid YAML: {problem}", path, _mark_line(exc)) from None
    except RecursionError:
        raise error_cls(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", path) from None
    sourced = Sourced(None, path)
    if node is None:
        sourced.data = None
        return sourced
    constructor = yaml.SafeLoader("")
    sourced.lines[()] = node.start_mark.line + 1
    budget = [MAX_NODES]
    try:
        sourced.data = _build(node, (), sourced, constructor, error_cls, set(), budget)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error_cls(f"invalid YAML: {problem}", path, _mark_line(exc)) from None
    return sourced


def _check_depth(text: str, path: str, error_cls) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing (PyYAML's composer recurses)."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise error_cls(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", path,
                                event.start_mark.line + 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _construct(constructor: yaml.SafeLoader, node: yaml.Node, sourced: Sourced, error_cls) -> Any:
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise
    except Exception:  # PyYAML's own constructors fail on some malformed tagged values
        raise error_cls(f"invalid YAML value {str(node.value)[:40]!r} ({node.tag})", sourced.path,
                        node.start_mark.line + 1) from None


def _build(node: yaml.Node, key_path: Path_, sourced: Sourced, constructor: yaml.SafeLoader, error_cls,
           active: set[int], budget: list[int]) -> Any:
    line = node.start_mark.line + 1
    budget[0] -= 1
    if budget[0] < 0:
        raise error_cls(f"invalid YAML: more than {MAX_NODES} values (aliases expanding too much?)",
                        sourced.path, line)
    if len(key_path) > MAX_DEPTH:
        raise error_cls(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", sourced.path, line)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in active:
            raise error_cls("invalid YAML: recursive alias", sourced.path, line)
        active.add(id(node))
        try:
            return _build_collection(node, key_path, sourced, constructor, error_cls, active, budget)
        finally:
            active.discard(id(node))
    return _construct(constructor, node, sourced, error_cls)


def _build_collection(node: yaml.Node, key_path: Path_, sourced: Sourced, constructor: yaml.SafeLoader, error_cls,
                      active: set[int], budget: list[int]) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        constructor.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise error_cls("unsupported key: a key must be a plain value", sourced.path,
                                key_node.start_mark.line + 1)
            key = _construct(constructor, key_node, sourced, error_cls)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise error_cls(f"unsupported key {key!r}", sourced.path, key_node.start_mark.line + 1)
            if key in result:
                raise error_cls(f"duplicate key {key!r}", sourced.path, key_node.start_mark.line + 1)
            child = key_path + (key,)
            sourced.lines[child] = key_node.start_mark.line + 1
            result[key] = _build(value_node, child, sourced, constructor, error_cls, active, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = key_path + (index,)
            sourced.lines[child] = item.start_mark.line + 1
            items.append(_build(item, child, sourced, constructor, error_cls, active, budget))
        return items
    raise AssertionError("not a collection")
