"""replylint: lint customer-service reply drafts against the norms of their channel.

>>> from replylint import lint
>>> report = lint("Le enviaremos su pedido pronto!!", channel="twitter", lang="es")
>>> [f.rule for f in report.findings]  # doctest: +SKIP
['vague-promise', 'inverted-marks', 'exclamation-stack']

Offsets (``Finding.start``/``end``) are code-point offsets into the draft (Python ``str``
indices); ``line`` and ``column`` are 1-based.
"""

from . import _spacy  # noqa: F401  (first: imports spaCy without its CLI, see the module)
from .errors import ConfigError, InputError, ReplylintError, RulePackError
from .findings import Edit, Finding, Report, Severity
from .linter import Linter, lint

__version__ = "0.1.0"

__all__ = [
    "ConfigError", "Edit", "Finding", "InputError", "Linter", "Report", "ReplylintError", "RulePackError",
    "Severity", "lint", "__version__",
]
