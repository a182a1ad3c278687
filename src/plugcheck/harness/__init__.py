"""The dynamic harness: load and drive every plugin in its own process (see docs/harness.md).

``run(units, env, jobs=..., on_result=...)`` is the entry point; :class:`PluginResult` is what
it returns, one per plugin, and what ``on_result`` receives as each plugin finishes.
"""

from __future__ import annotations

from plugcheck.harness.results import Failure, Frame, Outcome, PluginResult, StepResult
from plugcheck.harness.runner import HarnessError, Limits, OnResult, run

__all__ = [
    "Failure",
    "Frame",
    "HarnessError",
    "Limits",
    "OnResult",
    "Outcome",
    "PluginResult",
    "StepResult",
    "run",
]
