"""SARIF 2.1.0: one run, the rules that fired described in ``tool.driver.rules``, one result
per finding with its region (lines and columns in code points) and, for a finding with a safe
fix that can be written back into its file, a ``fixes`` entry with the replacements."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Mapping, Sequence
from urllib.parse import quote

from .. import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """``artifactLocation.uri``: a relative path stays relative (what code-scanning services
    resolve against the repository root), an absolute one becomes a ``file:`` URI; both are
    percent-encoded (spaces, ``#``, non-ASCII letters), as ``uri-reference`` requires."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _fix(path: str, finding, edits) -> dict:
    """A SARIF ``fix``: the finding's edits as replacements in its file (applied together)."""
    replacements = []
    for (start_line, start_column, end_line, end_column), text in edits:
        replacements.append({
            "deletedRegion": {"startLine": start_line, "startColumn": start_column,
                              "endLine": end_line, "endColumn": end_column},
            "insertedContent": {"text": text},
        })
    suggestion = finding.suggestions[0] if finding.suggestions else ""
    description = f"{finding.rule}: " + (f"“{suggestion}”" if suggestion.strip() else "safe fix")
    return {"description": {"text": description},
            "artifactChanges": [{"artifactLocation": {"uri": _uri(path)}, "replacements": replacements}]}


def format_sarif(results: Sequence, registry: Mapping | None = None) -> str:
    if registry is None:
        from ..registry import build_registry

        registry = build_registry()
    from ..budget import RULE_TIMEOUT, RULE_TIMEOUT_EXPLANATION, RULE_TIMEOUT_SUMMARY

    rule_ids = sorted({f.rule for item in results for f in item[1].findings})
    rules = []
    for rule_id in rule_ids:
        info = registry.get(rule_id)
        if info is not None:
            summary, explanation, level = info.summary, info.explanation, _LEVEL[info.severity.value]
        elif rule_id == RULE_TIMEOUT:
            summary, explanation, level = RULE_TIMEOUT_SUMMARY, RULE_TIMEOUT_EXPLANATION, "warning"
        else:
            summary, explanation, level = rule_id, rule_id, "warning"
        rules.append({
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": explanation},
            "defaultConfiguration": {"level": level},
            "help": {"text": explanation},
        })
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    sarif_results = []
    for item in results:
        path, report = item[0], item[1]
        ends = getattr(item, "ends", ()) or ()
        fixes = getattr(item, "fixes", ()) or ()
        for i, f in enumerate(report.findings):
            region = {"startLine": f.line, "startColumn": f.column}
            if i < len(ends):
                region["endLine"], region["endColumn"] = ends[i]
            if f.text:
                region["snippet"] = {"text": f.text}
            message = f.message + (f" (suggestion: {f.suggestions[0]})" if f.suggestions else "")
            result = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity.value],
                "message": {"text": message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(path)},
                    "region": region,
                }}],
            }
            if f.fix:
                result["properties"] = {"fixable": True}
            if i < len(fixes) and fixes[i]:
                result["fixes"] = [_fix(path, f, fixes[i])]
            sarif_results.append(result)
    payload = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "replylint",
                "version": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
