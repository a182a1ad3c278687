"""Builds the plugin."""

from __future__ import annotations

from typing import Any

PREFIX = "tick"


def build(cls: Any) -> Any:
    made = cls()
    return made
