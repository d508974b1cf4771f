"""``{"version": 1, "results": [{"path", "channel", "lang", "findings": [...]}]}``."""

from __future__ import annotations

import json
from typing import Sequence

from ..findings import Report

JSON_VERSION = 1


def format_json(results: Sequence[tuple[str, Report]]) -> str:
    payload = {
        "version": JSON_VERSION,
        "results": [{"path": path, **report.to_dict()} for path, report in results],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
