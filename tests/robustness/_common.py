"""Robustness suite. ``REPLYLINT_SOAK=1`` runs the long mode: many more generated examples,
the full-size adversarial drafts and the timing bounds the README states."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

SOAK = os.environ.get("REPLYLINT_SOAK", "") not in ("", "0")

settings.register_profile(
    "robust", max_examples=80, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile(
    "robust-soak", max_examples=1500, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = settings.get_profile("robust-soak" if SOAK else "robust")

soak_only = pytest.mark.skipif(not SOAK, reason="soak mode only (REPLYLINT_SOAK=1)")
