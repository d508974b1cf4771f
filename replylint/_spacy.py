"""Import spaCy without its command-line package.

``import spacy`` also imports ``spacy.cli`` (typer, requests, weasel and every CLI command),
only to expose ``spacy.info``. That is about a third of spaCy's import time, and
``replylint check`` pays it on every run. This module imports spaCy with a stand-in for
``spacy.cli`` and then removes the stand-in, so that:

* ``import spacy.cli`` (or ``from spacy.cli import download``) later imports the real package;
* ``spacy.info(...)`` and ``spacy.cli.<name>`` load the real package on first use.

Nothing is done when spaCy is already imported, and any surprise falls back to a plain import.
Imported first by ``replylint/__init__.py``.
"""

from __future__ import annotations

import importlib
import sys
import types

_STAND_INS = ("spacy.cli", "spacy.cli.info")


def _real_cli() -> types.ModuleType:
    module = importlib.import_module("spacy.cli")  # the stand-ins left sys.modules after import
    setattr(sys.modules["spacy"], "cli", module)
    return module


def _info(*args, **kwargs):
    _real_cli()
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def _cli_getattr(name: str):
    return getattr(_real_cli(), name)


def import_spacy() -> None:
    if "spacy" in sys.modules:
        return
    cli = types.ModuleType("spacy.cli")
    info = types.ModuleType("spacy.cli.info")
    cli.__path__ = []  # a package: "import spacy.cli.x" looks for the real submodule
    cli.info = info
    cli.__getattr__ = _cli_getattr  # type: ignore[attr-defined]
    info.info = _info  # type: ignore[attr-defined]
    for module in (cli, info):
        module.__replylint_stand_in__ = True  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy  # noqa: F401
    except Exception:
        for name in list(sys.modules):
            if name == "spacy" or name.startswith("spacy."):
                del sys.modules[name]
        import spacy  # noqa: F401  (a plain import, which raises the real error if any)
    finally:
        for name in _STAND_INS:
            if getattr(sys.modules.get(name), "__replylint_stand_in__", False):
                del sys.modules[name]
    spacy = sys.modules.get("spacy")
    if spacy is not None and "cli" not in vars(spacy):
        spacy.cli = cli  # type: ignore[attr-defined]  # loads the real package on first attribute


import_spacy()
