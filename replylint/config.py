"""Configuration: the keys of ``.replylint.yaml`` (and of ``Linter(**options)``), validated.

Discovery: ``--config PATH``; else ``.replylint.yaml`` or ``.replylint.yml`` in the current
directory or a parent; else ``[tool.replylint]`` in the nearest ``pyproject.toml``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .budget import DEFAULT_TIME_BUDGET_MS
from .errors import ConfigError
from .findings import Severity
from .yamlsrc import Sourced, load_yaml

LANGS = ("es", "en")
MODES = ("send", "template")
CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
MAX_CONFIG_BYTES = 1_000_000

KEYS = {
    "lang": "language of the drafts: es, en or auto",
    "variant": "language variant for spelling: es-ES, es-MX, es-AR, en-US, en-GB...",
    "address": "how Spanish replies address the customer: tu, usted or vos (default: not fixed)",
    "channel": "default channel profile",
    "vocabulary": "words never flagged by spelling (=Word for exact case)",
    "vocabulary_files": "files of vocabulary words, one per line, # comments",
    "acronyms": "words in capitals that are never shouting",
    "rules": "rule id -> off | info | warning | error | {severity, options...}",
    "mode": "send (default) or template",
    "placeholders": "declared template variables (an entry ending in .* declares a prefix)",
    "placeholders_file": "file of declared template variables, one per line, # comments",
    "placeholder_syntax": "template mode: liquid (default), handlebars, braces, brackets, percent or a regex",
    "placeholder_width": "template mode: characters a placeholder counts for length (default 10)",
    "overrides": "per-path defaults: list of {files: [globs], channel, lang, mode}",
    "exclude": "globs of files never checked",
    "template_fields": "key or column names in YAML/JSON/CSV templates: {id, channel, lang, body, ignore}",
    "channels": "changes to channel profiles, or new channels (extends: chat)",
    "packs": "YAML rule packs to load",
    "models": "trained spaCy pipeline per language, e.g. {es: es_core_news_sm}",
    "time_budget_ms": "rule time per draft before a rule-timeout finding (default 5000; 0: no limit)",
}


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool = True
    severity: Severity | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None


TEMPLATE_FIELDS = ("id", "channel", "lang", "body", "ignore")


@dataclass(frozen=True)
class PathOverride:
    """Defaults for the files matching ``files`` (globs relative to the config's folder)."""

    files: tuple[str, ...]
    channel: str | None = None
    lang: str | None = None
    mode: str | None = None
    line: int | None = None


@dataclass
class Config:
    lang: str = "es"
    variant: str | None = None
    address: str | None = None  # tu | usted | vos
    channel: str = "chat"
    vocabulary: tuple[str, ...] = ()
    vocabulary_files: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    mode: str = "send"
    placeholders: tuple[str, ...] = ()
    placeholders_file: str | None = None
    placeholder_syntax: str = "liquid"
    placeholder_width: int = 10
    overrides: tuple["PathOverride", ...] = ()
    exclude: tuple[str, ...] = ()
    template_fields: dict[str, str] = field(default_factory=dict)
    base_dir: str | None = None  # folder the globs of overrides/exclude are relative to
    channels: dict[str, Any] = field(default_factory=dict)
    packs: tuple[str, ...] = ()
    models: dict[str, str] = field(default_factory=dict)
    time_budget_ms: int = DEFAULT_TIME_BUDGET_MS
    source: Sourced | None = None

    @property
    def path(self) -> str:
        return self.source.path if self.source else "<options>"


def parse_rule_setting(value: Any, src: Sourced, where: tuple) -> RuleSetting:
    line = src.line(where)
    if value is False or value == "off":
        return RuleSetting(enabled=False, line=line)
    if value is True or value == "on":
        return RuleSetting(line=line)
    if isinstance(value, str):
        try:
            return RuleSetting(severity=Severity.parse(value), line=line)
        except ValueError:
            raise src.error(where, f"rule setting must be off, info, warning, error or a mapping, not {value!r}") from None
    if isinstance(value, Mapping):
        options = dict(value)
        enabled = options.pop("enabled", True)
        if not isinstance(enabled, bool):
            raise src.error(where + ("enabled",), "enabled must be true or false")
        severity = options.pop("severity", None)
        if severity is not None:
            if severity is False or severity == "off":
                return RuleSetting(enabled=False, options=options, line=line)
            try:
                severity = Severity.parse(severity)
            except ValueError as exc:
                raise src.error(where + ("severity",), str(exc)) from None
        return RuleSetting(enabled=enabled, severity=severity, options=options, line=line)
    raise src.error(where, f"rule setting must be off, info, warning, error or a mapping, not {value!r}")


def _string_list(src: Sourced, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise src.error((key,), f"{key} must be a list of strings")
    return tuple(value)


def _check_file(src: Sourced, where: tuple, path: str) -> None:
    """A file named in the configuration must exist: else an error at the line that names it."""
    if not path or not os.path.isfile(path):
        what = "is not a file" if path and os.path.exists(path) else "no such file"
        raise src.error(where, f"{where[0]}: {path!r} {what}")


def _overrides(src: Sourced, value: Any) -> tuple[PathOverride, ...]:
    if not isinstance(value, list):
        raise src.error(("overrides",), "overrides must be a list of {files, channel, lang, mode}")
    result = []
    for index, item in enumerate(value):
        where = ("overrides", index)
        if not isinstance(item, Mapping) or "files" not in item:
            raise src.error(where, "each override needs files: (a glob or a list of globs)")
        unknown = set(item) - {"files", "channel", "lang", "mode"}
        if unknown:
            raise src.error(where, f"unknown key {sorted(unknown)[0]!r} in override (known: files, channel, lang, mode)")
        files = item["files"]
        if isinstance(files, str):
            files = [files]
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise src.error(where + ("files",), "files must be a glob or a list of globs")
        lang = item.get("lang")
        if lang is not None and lang not in (*LANGS, "auto"):
            raise src.error(where + ("lang",), f"lang must be es, en or auto, not {lang!r}")
        mode = item.get("mode")
        if mode is not None and mode not in MODES:
            raise src.error(where + ("mode",), f"mode must be send or template, not {mode!r}")
        channel = item.get("channel")
        if channel is not None and not isinstance(channel, str):
            raise src.error(where + ("channel",), "channel must be a channel name")
        result.append(PathOverride(tuple(files), channel, lang, mode, src.line(where)))
    return tuple(result)


def parse_config(data: Any, src: Sourced, base_dir: Path | None = None) -> Config:
    """Validate a config mapping. Paths in it are relative to ``base_dir``."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise src.error((), "configuration must be a mapping of keys")
    config = Config(source=src, base_dir=str(base_dir) if base_dir is not None else None)
    for key, value in data.items():
        if key not in KEYS:
            raise src.error((key,), f"unknown key {key!r} (known: {', '.join(KEYS)})")
        if key == "lang":
            if value not in (*LANGS, "auto"):
                raise src.error((key,), f"lang must be es, en or auto, not {value!r}")
            config.lang = value
        elif key == "variant":
            if value is not None and not isinstance(value, str):
                raise src.error((key,), "variant must be a string such as es-MX")
            config.variant = value
        elif key == "address":
            folded = {"tú": "tu", "tu": "tu", "usted": "usted", "vos": "vos"}.get(value) if isinstance(value, str) else None
            if value is not None and folded is None:
                raise src.error((key,), f"address must be tu, usted or vos, not {value!r}")
            config.address = folded
        elif key == "channel":
            if not isinstance(value, str):
                raise src.error((key,), "channel must be a channel name")
            config.channel = value
        elif key == "mode":
            if value not in MODES:
                raise src.error((key,), f"mode must be send or template, not {value!r}")
            config.mode = value
        elif key in ("vocabulary", "acronyms", "placeholders"):
            setattr(config, key, _string_list(src, key, value))
        elif key in ("vocabulary_files", "packs"):
            paths = _string_list(src, key, value)
            if base_dir is not None:
                paths = tuple(str(base_dir / p) if p else p for p in paths)
            for index, path in enumerate(paths if base_dir is not None else ()):
                _check_file(src, (key, index) if isinstance(value, list) else (key,), path)
            setattr(config, key, paths)
        elif key == "placeholders_file":
            if not isinstance(value, str):
                raise src.error((key,), "placeholders_file must be a path")
            config.placeholders_file = str(base_dir / value) if base_dir is not None and value else value
            if base_dir is not None:
                _check_file(src, (key,), config.placeholders_file)
        elif key == "placeholder_syntax":
            from .placeholders import get_syntax

            if not isinstance(value, str):
                raise src.error((key,), "placeholder_syntax must be a syntax name or a regular expression")
            try:
                get_syntax(value)
            except ValueError as exc:
                raise src.error((key,), str(exc)) from None
            config.placeholder_syntax = value
        elif key == "placeholder_width":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise src.error((key,), "placeholder_width must be a whole number of characters")
            config.placeholder_width = value
        elif key == "exclude":
            config.exclude = _string_list(src, key, value)
        elif key == "overrides":
            config.overrides = _overrides(src, value)
        elif key == "template_fields":
            if not isinstance(value, Mapping) or not all(
                k in TEMPLATE_FIELDS and isinstance(v, str) for k, v in value.items()
            ):
                raise src.error((key,), f"template_fields must map {', '.join(TEMPLATE_FIELDS)} to key names")
            config.template_fields = dict(value)
        elif key == "rules":
            if value is None:
                continue
            if not isinstance(value, Mapping):
                raise src.error((key,), "rules must be a mapping of rule id to setting")
            config.rules = {str(rule_id): parse_rule_setting(setting, src, (key, rule_id))
                            for rule_id, setting in value.items()}
        elif key == "channels":
            if value is None:
                continue
            if not isinstance(value, Mapping):
                raise src.error((key,), "channels must be a mapping of channel name to profile changes")
            config.channels = dict(value)
        elif key == "models":
            if isinstance(value, str):
                value = {"es": value} if value.startswith("es_") else {"en": value}
            if not isinstance(value, Mapping) or not all(
                k in LANGS and isinstance(v, str) for k, v in value.items()
            ):
                raise src.error((key,), "models must map es/en to an installed spaCy pipeline name")
            config.models = dict(value)
        elif key == "time_budget_ms":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise src.error((key,), f"time_budget_ms must be a whole number of milliseconds (0: no limit), not {value!r}")
            config.time_budget_ms = value
    return config


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"configuration file larger than {MAX_CONFIG_BYTES} bytes", str(path))
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"configuration is not UTF-8 ({exc.reason})", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", str(path)) from None


def load_config(path: str | os.PathLike) -> Config:
    """Load a ``.replylint.yaml`` or a ``pyproject.toml`` (its ``[tool.replylint]`` table)."""
    path = Path(path)
    text = _read(path)
    if path.name == "pyproject.toml":
        data = _pyproject_table(text, path)
        return parse_config(data, Sourced(data, str(path)), path.parent)
    src = load_yaml(text, str(path))
    return parse_config(src.data, src, path.parent)


def _pyproject_table(text: str, path: Path) -> Any:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    return data.get("tool", {}).get("replylint")


def discover_config(start: str | os.PathLike | None = None) -> Path | None:
    """The config file that applies to ``start`` (a directory), or None."""
    directory = Path(start or os.getcwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    for folder in (directory, *directory.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                if _pyproject_table(_read(candidate), candidate) is not None:
                    return candidate
            except ConfigError:
                raise
            break
    return None
