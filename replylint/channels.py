"""Channel profiles, loaded from ``rules/channels.yaml`` and the user's config."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

from .errors import ConfigError, RulePackError
from .lengths import COUNTERS
from .resources import data_file
from .yamlsrc import Sourced, load_yaml

EMOJI_POLICIES = ("allowed", "none")
MARKUPS = ("plain", "markdown", "html")


@dataclass(frozen=True)
class Channel:
    name: str
    description: str
    public: bool
    counter: str
    limit: int | None
    target: int | None
    emoji_policy: str
    emoji_max: int | None
    sentence_words: int
    exclamations: int
    abbreviations: bool
    markup: str
    rules: Mapping[str, Any] = field(default_factory=dict)

    @property
    def length_unit(self) -> str:
        return "parts" if self.counter == "sms" else "characters"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "public": self.public,
            "length": {"counter": self.counter, "limit": self.limit, "target": self.target, "unit": self.length_unit},
            "emoji": {"policy": self.emoji_policy, "max": self.emoji_max},
            "sentence_words": self.sentence_words,
            "exclamations": self.exclamations,
            "abbreviations": self.abbreviations,
            "markup": self.markup,
            "rules": dict(self.rules),
        }


_PROFILE_KEYS = {
    "extends", "description", "public", "length", "emoji", "sentence_words", "exclamations",
    "abbreviations", "markup", "rules",
}


def _deep_merge(base: dict, update: Mapping) -> dict:
    merged = copy.deepcopy(base)
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _build(name: str, raw: Mapping, src: Sourced, where: tuple, error_cls: type[ConfigError]) -> Channel:
    def fail(key: tuple, message: str) -> ConfigError:
        return src.error(where + key, f"channel {name!r}: {message}", error_cls)

    for key in raw:
        if key not in _PROFILE_KEYS:
            raise fail((key,), f"unknown key {key!r} (known: {', '.join(sorted(_PROFILE_KEYS))})")

    def get(key: str, kind: type | tuple, default: Any = None, required: bool = True) -> Any:
        value = raw.get(key, default)
        if value is None and not required:
            return None
        if value is None or (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            raise fail((key,), f"{key} must be {getattr(kind, '__name__', kind)}, not {value!r}")
        return value

    length = get("length", dict)
    emoji = get("emoji", dict)
    for key in length:
        if key not in ("counter", "limit", "target"):
            raise fail(("length", key), f"unknown length key {key!r}")
    for key in emoji:
        if key not in ("policy", "max"):
            raise fail(("emoji", key), f"unknown emoji key {key!r}")
    counter = length.get("counter", "characters")
    if counter not in COUNTERS:
        raise fail(("length", "counter"), f"unknown counter {counter!r} (known: {', '.join(COUNTERS)})")
    limits = {}
    for key in ("limit", "target"):
        value = length.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            raise fail(("length", key), f"length.{key} must be a positive integer or null, not {value!r}")
        limits[key] = value
    policy = emoji.get("policy", "allowed")
    if policy not in EMOJI_POLICIES:
        raise fail(("emoji", "policy"), f"emoji.policy must be one of {', '.join(EMOJI_POLICIES)}, not {policy!r}")
    emoji_max = emoji.get("max")
    if emoji_max is not None and (isinstance(emoji_max, bool) or not isinstance(emoji_max, int) or emoji_max < 0):
        raise fail(("emoji", "max"), f"emoji.max must be a non-negative integer or null, not {emoji_max!r}")
    markup = raw.get("markup", "plain")
    if markup not in MARKUPS:
        raise fail(("markup",), f"markup must be one of {', '.join(MARKUPS)}, not {markup!r}")
    rules = raw.get("rules") or {}
    if not isinstance(rules, Mapping):
        raise fail(("rules",), "rules must be a mapping of rule id to setting")
    return Channel(
        name=name,
        description=get("description", str, ""),
        public=get("public", bool, False),
        counter=counter,
        limit=limits["limit"],
        target=limits["target"],
        emoji_policy=policy,
        emoji_max=0 if policy == "none" else emoji_max,
        sentence_words=get("sentence_words", int, 25),
        exclamations=get("exclamations", int, 2),
        abbreviations=get("abbreviations", bool, False),
        markup=markup,
        rules=dict(rules),
    )


@lru_cache(maxsize=1)
def _shipped() -> tuple[Sourced, dict[str, dict]]:
    path = data_file("channels.yaml")
    src = load_yaml(path.read_text(encoding="utf-8"), str(path), RulePackError)
    profiles = (src.data or {}).get("channels")
    if not isinstance(profiles, dict):
        raise src.error(("channels",), "channels.yaml must have a 'channels' mapping", RulePackError)
    return src, profiles


def load_channels(user: Mapping[str, Any] | None = None, src: Sourced | None = None) -> dict[str, Channel]:
    """Shipped profiles with the user's ``channels:`` changes and additions applied."""
    shipped_src, shipped = _shipped()
    raw: dict[str, dict] = copy.deepcopy(shipped)
    origin: dict[str, tuple[Sourced, tuple]] = {name: (shipped_src, ("channels", name)) for name in shipped}
    user_src = src or Sourced(user, "<options>")
    for name, change in (user or {}).items():
        where = ("channels", name)
        if not isinstance(name, str) or not isinstance(change, Mapping):
            raise user_src.error(where, f"channel {name!r} must be a mapping of profile keys")
        parent = change.get("extends")
        if parent is not None:
            if parent not in raw:
                raise user_src.error(where + ("extends",), f"channel {name!r} extends unknown channel {parent!r}")
            base = raw[parent]
        else:
            base = raw.get(name)
            if base is None:
                base = raw["chat"]
        raw[name] = _deep_merge(base, {k: v for k, v in change.items() if k != "extends"})
        origin[name] = (user_src, where)
    channels: dict[str, Channel] = {}
    for name, profile in raw.items():
        source, where = origin[name]
        error_cls = RulePackError if source is shipped_src else ConfigError
        channels[name] = _build(name, profile, source, where, error_cls)
    return channels
