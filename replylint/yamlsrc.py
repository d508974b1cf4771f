"""YAML loading that remembers the line of every key, for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import ConfigError

Path_ = tuple[Any, ...]


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
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error_cls(f"invalid YAML: {problem}", path, line) from None
    sourced = Sourced(None, path)
    if node is None:
        sourced.data = None
        return sourced
    constructor = yaml.SafeLoader("")
    sourced.lines[()] = node.start_mark.line + 1
    sourced.data = _build(node, (), sourced, constructor, error_cls)
    return sourced


def _build(node: yaml.Node, key_path: Path_, sourced: Sourced, constructor: yaml.SafeLoader, error_cls) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        constructor.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise error_cls(f"unsupported key {key!r}", sourced.path, key_node.start_mark.line + 1)
            if key in result:
                raise error_cls(f"duplicate key {key!r}", sourced.path, key_node.start_mark.line + 1)
            child = key_path + (key,)
            sourced.lines[child] = key_node.start_mark.line + 1
            result[key] = _build(value_node, child, sourced, constructor, error_cls)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = key_path + (index,)
            sourced.lines[child] = item.start_mark.line + 1
            items.append(_build(item, child, sourced, constructor, error_cls))
        return items
    return constructor.construct_object(node, deep=True)
