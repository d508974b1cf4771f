"""The rule interface.

A rule is a small unit with an ``id``, a docstring that states the norm it enforces and where
that norm comes from, typed options with defaults (a frozen dataclass), and a ``check`` method
that yields :class:`Hit` objects for a :class:`~replylint.draft.Draft`. The engine turns hits
into :class:`~replylint.findings.Finding` records (line, column, severity, text).

Rules written in Python live one per module in ``replylint/checks/``; rules written as data live
in YAML packs (``rules/packs/*.yaml`` and the user's ``packs:``), see :mod:`replylint.packs`.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Mapping

from .findings import Edit, Severity

if TYPE_CHECKING:
    from .draft import Draft


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports; the engine adds position, severity and the matched text."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    fix: tuple[Edit, ...] | None = None
    severity: Severity | None = None  # None: the rule's configured severity


@dataclass(frozen=True)
class NoOptions:
    """This rule takes no options."""


class Rule:
    """Base class for rules written in Python."""

    id: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    languages: ClassVar[frozenset[str] | None] = None  # None: every language
    enabled_by_default: ClassVar[bool] = True
    # Rules that inspect non-prose text on purpose (placeholders, length, personal data) set this;
    # hits of other rules that fall inside a URL, mention, placeholder... are dropped.
    sees_nonprose: ClassVar[bool] = False
    Options: ClassVar[type] = NoOptions

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, draft: "Draft") -> Iterable[Hit]:
        raise NotImplementedError

    @staticmethod
    def say(draft: "Draft", es: str, en: str) -> str:
        """The message in the draft's language: agents read findings in the language they write."""
        return es if draft.lang == "es" else en

    def hit(self, start: int, end: int, message: str, suggestions: Iterable[str] = (),
            fix: Iterable[Edit] | None = None, severity: Severity | None = None) -> Hit:
        return Hit(start, end, message, tuple(suggestions), None if fix is None else tuple(fix), severity)


@dataclass(frozen=True)
class OptionSpec:
    name: str
    type: Any
    default: Any
    doc: str = ""


@dataclass(frozen=True)
class RuleInfo:
    """Everything the engine and the CLI need to know about a rule, Python or YAML."""

    id: str
    summary: str
    severity: Severity
    explanation: str
    languages: frozenset[str] | None
    channels: frozenset[str] | None
    enabled_by_default: bool
    options_type: type
    origin: str
    build: Callable[[Any], Rule]

    def applies_to(self, lang: str, channel: str) -> bool:
        return (self.languages is None or lang in self.languages) and (
            self.channels is None or channel in self.channels
        )

    @property
    def options(self) -> list[OptionSpec]:
        return option_specs(self.options_type)

    def parse_options(self, raw: Mapping[str, Any]) -> Any:
        """Typed options from a config mapping; raises ``ValueError`` naming the bad key."""
        specs = {spec.name: spec for spec in self.options}
        values = {}
        for key, value in raw.items():
            if key not in specs:
                known = ", ".join(sorted(specs)) or "none"
                raise ValueError(f"rule {self.id!r} has no option {key!r} (options: {known})")
            values[key] = coerce_option(self.id, specs[key], value)
        return self.options_type(**values)

    @classmethod
    def from_class(cls, rule_cls: type[Rule]) -> "RuleInfo":
        return cls(
            id=rule_cls.id,
            summary=rule_cls.summary,
            severity=rule_cls.severity,
            explanation=inspect.cleandoc(rule_cls.__doc__ or rule_cls.summary),
            languages=rule_cls.languages,
            channels=None,
            enabled_by_default=rule_cls.enabled_by_default,
            options_type=rule_cls.Options,
            origin=f"{rule_cls.__module__}.{rule_cls.__name__}",
            build=rule_cls,
        )


def option_specs(options_type: type) -> list[OptionSpec]:
    hints = typing.get_type_hints(options_type)
    docs = getattr(options_type, "__option_docs__", {})
    specs = []
    for f in dataclasses.fields(options_type):
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else None  # type: ignore[misc]
        )
        specs.append(OptionSpec(f.name, hints[f.name], default, docs.get(f.name, "")))
    return specs


_UNIONS = (typing.Union, types.UnionType)


def type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is None:
        return getattr(tp, "__name__", str(tp))
    args = [a for a in typing.get_args(tp) if a is not Ellipsis]
    if origin in _UNIONS:
        return " or ".join("null" if a is type(None) else type_name(a) for a in args)
    return f"list of {type_name(args[0])}" if args else "list"


def coerce_option(rule_id: str, spec: OptionSpec, value: Any) -> Any:
    """Check ``value`` against the option's type hint; lists become tuples."""
    tp = spec.type
    problem = f"rule {rule_id!r} option {spec.name!r} must be {type_name(tp)}, not {value!r}"
    origin = typing.get_origin(tp)
    if origin in _UNIONS:
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return coerce_option(rule_id, OptionSpec(spec.name, arg, spec.default), value)
            except ValueError:
                continue
        raise ValueError(problem)
    if origin in (tuple, list, frozenset):
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ValueError(problem)
        item_type = typing.get_args(tp)[0] if typing.get_args(tp) else str
        items = tuple(coerce_option(rule_id, OptionSpec(spec.name, item_type, None), v) for v in value)
        return frozenset(items) if origin is frozenset else items
    if tp is bool:
        if not isinstance(value, bool):
            raise ValueError(problem)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(problem)
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(problem)
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ValueError(problem)
        return value
    raise ValueError(problem)
