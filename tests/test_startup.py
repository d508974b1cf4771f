"""Start-up cost: spaCy is imported without its CLI package, and fixes are computed on demand."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from replylint import Linter


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_replylint_leaves_spacys_cli_unimported():
    out = _python("""
        import sys
        import replylint
        print("spacy" in sys.modules, "spacy.cli" in sys.modules, "typer" in sys.modules)
    """)
    assert out == "True False False"


def test_spacys_cli_still_works_after_replylint():
    out = _python("""
        import replylint, spacy
        print(callable(spacy.cli.download))
        from spacy.cli import info
        print(callable(info))
        print(spacy.info()["spacy_version"] == spacy.__version__)
        import spacy.cli
        print(spacy.cli.__file__.endswith("__init__.py"))
    """)
    assert out.split() == ["True"] * 4


def test_nothing_changes_when_spacy_was_imported_first():
    out = _python("""
        import sys
        import spacy
        import replylint
        print("spacy.cli" in sys.modules, spacy.cli.__file__.endswith("__init__.py"))
    """)
    assert out == "True True"


def test_fixed_text_is_computed_on_first_access_only(monkeypatch):
    linter = Linter(lang="es")
    calls = []
    original = Linter._fixed

    def counting(self, *args):
        calls.append(args[0])
        return original(self, *args)

    monkeypatch.setattr(Linter, "_fixed", counting)
    reports = linter.lint_many(["Hola!! ¿Cómo estás?", "Gracias por escribir."], channel="chat")
    assert calls == []  # findings only: no fix passes
    assert reports[0].fixed == "¡Hola! ¿Cómo estás?"
    assert reports[0].fixed == "¡Hola! ¿Cómo estás?"
    assert calls == ["Hola!! ¿Cómo estás?"]  # computed once
    assert reports[1].fixed == "Gracias por escribir."  # nothing to fix: no passes either
    assert len(calls) == 1


def test_reports_compare_equal_whether_or_not_fixed_was_read():
    linter = Linter(lang="es")
    first, second = (linter.lint("Hola!!", channel="chat") for _ in range(2))
    first.fixed
    assert first == second and first.fixed == second.fixed
