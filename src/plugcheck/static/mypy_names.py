"""What plugcheck's generated check modules, its mypy hook (``mypy_hook``) and the reader of
mypy's messages (``typecheck``) agree on; here so that neither side imports the other (the hook
imports mypy, which the planner does not load)."""

from __future__ import annotations

SUPPORT = "_plugcheck_support"
"""Module name of the generated support module holding ``export`` and ``lifecycle``."""
MARKER = "PLUGCHECK "
"""How the hook's messages start: ``PLUGCHECK <json>``, one judgement."""

__all__ = ["MARKER", "SUPPORT"]
