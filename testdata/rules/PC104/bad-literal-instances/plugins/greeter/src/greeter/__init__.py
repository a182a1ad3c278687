"""A plugin module whose constants are not what the host reads."""

from __future__ import annotations

API_NAME = 2  # expect: PC104
OPTIONS = None  # expect: PC104
RENDERERS = [("table", str)]  # expect: PC104
