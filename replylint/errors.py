"""Errors a user can act on: each names the file and line it comes from."""

from __future__ import annotations


class ReplylintError(Exception):
    """Base class. ``str(err)`` is one line: ``path:line: message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(ReplylintError):
    """A configuration file or option is malformed or names something unknown."""


class RulePackError(ConfigError):
    """A YAML rule pack or channel profile file is malformed."""


class InputError(ReplylintError):
    """A draft cannot be read (missing, unreadable, binary, bad encoding, too large)."""
