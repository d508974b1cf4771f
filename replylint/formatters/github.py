"""GitHub Actions workflow commands: one ``::error|warning|notice file=...,line=...,col=...::``
line per finding, shown as annotations on the pull request."""

from __future__ import annotations

from typing import Sequence

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(results: Sequence) -> str:
    lines = []
    for item in results:
        path, report = item[0], item[1]
        ends = getattr(item, "ends", ()) or ()
        for index, f in enumerate(report.findings):
            props = [f"file={_escape_property(path)}", f"line={f.line}", f"col={f.column}"]
            if index < len(ends):
                end_line, end_col = ends[index]
                if end_line != f.line:
                    props.append(f"endLine={end_line}")
                elif end_col > f.column:
                    props.append(f"endColumn={end_col}")
            props.append(f"title={_escape_property('replylint ' + f.rule)}")
            message = f.message + (f" (suggestion: {f.suggestions[0]})" if f.suggestions else "")
            lines.append(f"::{_LEVEL[f.severity.value]} {','.join(props)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)
