from __future__ import annotations

from typing import Iterable

from ..draft import Draft
from ..findings import Severity
from ..rule import Hit, Rule


class UnusedSuppression(Rule):
    """A suppression that suppresses nothing: a ``replylint-disable`` /
    ``replylint-disable-next-line`` comment, or a rule in a template's ``ignore:``, that matched
    no finding.

    Norm: a stale suppression is a blind spot. It no longer hides anything today, but it will
    silently hide the next real problem of that rule on those lines, so it should be removed as
    soon as it stops being needed. The source is the convention of code linters rather than the
    seed articles (which say nothing about tooling): ruff's ``RUF100`` (unused ``noqa``) and
    eslint's ``--report-unused-disable-directives``.

    Flagged, in template files (``replylint check`` on ``.md``, ``.yaml``, ``.json``, ``.csv``):
    each rule named in an inline directive (``<!-- replylint-disable rule -->`` in Markdown,
    ``# replylint-disable rule`` in YAML, and their ``-enable`` / ``-disable-next-line`` forms)
    that suppressed no finding on the lines it covers; a directive without rules that suppressed
    nothing; each rule in a template's ``ignore:`` that suppressed no finding of that template.
    The finding points at the comment or at the ``ignore`` key. Not flagged: a suppression that
    hid at least one finding; ``--ignore RULE`` on the command line (it is not written in a file).
    A single draft (``--text``, stdin, the library, ``replylint serve``) has no suppressions, so
    the rule reports nothing there.

    Nothing is fixed automatically: remove the comment or the ``ignore`` entry by hand (or turn
    the rule ``off`` where stale suppressions are tolerated).
    """

    id = "unused-suppression"
    summary = "A replylint-disable comment or ignore: entry that suppresses nothing"
    severity = Severity.INFO

    def check(self, draft: Draft) -> Iterable[Hit]:
        # Suppressions live in template files, not in drafts: the file checker
        # (replylint.batch) reports this rule with the severity resolved here.
        return ()
