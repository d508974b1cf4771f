"""``{"version": 1, "results": [{"path", "channel", "lang", "findings": [...]}]}``."""

from __future__ import annotations

import json
from typing import Sequence

from ..findings import Report

JSON_VERSION = 1


def format_json(results: Sequence[tuple[str, Report]]) -> str:
    payload = {
        "version": JSON_VERSION,
        "results": [_result(item) for item in results],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _result(item) -> dict:
    """``item`` is ``(path, report)`` or a :class:`replylint.batch.Result` (which adds ``id``)."""
    result = {"path": item[0]}
    template_id = getattr(item, "id", None)
    if template_id is not None:
        result["id"] = template_id
    result.update(item[1].to_dict())
    return result
