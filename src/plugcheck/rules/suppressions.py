"""PC9xx: meta rules about plugcheck's own suppressions."""

from __future__ import annotations

from plugcheck.model import Severity
from plugcheck.rules.base import rule

PC901 = rule(
    "PC901",
    "unused-suppression",
    Severity.INFO,
    "A `# plugcheck: ignore[...]` comment or a `per-plugin-ignores` entry silences nothing.",
)

PER_PLUGIN_IGNORES = "per-plugin-ignores"
"""Checked by ``config.per_plugin_codes`` (a key every contract may set)."""
