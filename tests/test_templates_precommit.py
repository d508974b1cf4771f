"""The pre-commit hooks for real: a template repository whose .pre-commit-config.yaml uses
this repository's .pre-commit-hooks.yaml; a commit with a broken template is blocked, a good
one goes through, and replylint-fix rewrites the template.

It builds a virtual environment with replylint and its dependencies (from the package index,
or pip's cache), so it runs only when CI is set (CI=true) or REPLYLINT_PRECOMMIT_TEST=1; there
it fails, not skips, if pre-commit is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENABLED = bool(os.environ.get("CI") or os.environ.get("REPLYLINT_PRECOMMIT_TEST"))

pytestmark = pytest.mark.skipif(not ENABLED, reason="slow: set REPLYLINT_PRECOMMIT_TEST=1 (always on under CI)")

PACKAGE_FILES = ("replylint", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _hooks_repo(tmp_path: Path) -> tuple[Path, str]:
    """A committed copy of this package (the working tree as it is, for pre-commit to clone)."""
    repo = tmp_path / "replylint-hooks"
    repo.mkdir()
    for name in PACKAGE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-q", "-m", "replylint").returncode == 0
    return repo, _git(repo, "rev-parse", "HEAD").stdout.strip()


def test_pre_commit_hooks_block_bad_templates_and_fix(tmp_path):
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.fail("pre-commit is not installed (pip install pre-commit)")
    hooks, rev = _hooks_repo(tmp_path)
    project = tmp_path / "templates"
    shutil.copytree(ROOT / "examples" / "template-repo", project)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n"
        "      - id: replylint\n        files: ^templates/\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(Path(os.environ.get("REPLYLINT_PRECOMMIT_HOME",
                                                                    tmp_path / "pre-commit-home")))}
    _git(project, "init", "-q")
    pre_commit_cmd = [sys.executable, "-m", "pre_commit"]
    installed = subprocess.run([*pre_commit_cmd, "install"], cwd=project, env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(message: str) -> subprocess.CompletedProcess:
        _git(project, "add", "-A")
        return subprocess.run(["git", "commit", "-q", "-m", message], cwd=project, capture_output=True, text=True,
                              timeout=900, env={**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                                                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})

    good = commit("example templates")
    assert good.returncode == 0, good.stdout + good.stderr

    bad = project / "templates" / "chat" / "roto.yaml"
    bad.write_text("- id: roto\n  body: \"Hola {{nombre}, gracias por escribir.\"\n", encoding="utf-8")
    blocked = commit("broken template")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "templates/chat/roto.yaml:2:15: error placeholder" in output
    assert "roto" not in _git(project, "log", "--name-only").stdout

    bad.write_text("- id: roto\n  body: \"Hola {{ ticket.requester.first_name }}, gracias por escribir.\"\n",
                   encoding="utf-8")
    assert commit("fixed template").returncode == 0

    # replylint-fix: rewrites the reply text; pre-commit then reports the modified file.
    fixable = project / "templates" / "chat" / "arreglar.yaml"
    fixable.write_text("- id: arreglar  # keep\n  body: Gracias ,hasta pronto!!\n", encoding="utf-8")
    _git(project, "add", "-A")
    ran = subprocess.run([*pre_commit_cmd, "try-repo", str(hooks), "replylint-fix", "--files",
                          "templates/chat/arreglar.yaml"], cwd=project, env=env, capture_output=True, text=True,
                         timeout=900)
    assert ran.returncode != 0 and "files were modified by this hook" in ran.stdout, ran.stdout + ran.stderr
    assert fixable.read_text(encoding="utf-8") == "- id: arreglar  # keep\n  body: Gracias, ¡hasta pronto!\n"
