"""A plugin module whose constants the host reads."""

from __future__ import annotations

API_NAME = "greeter"
API_VERSIONS = {"1": "greeter.v1.Client"}
RETRIES = True
OPTIONS = ("--greeting",)
RENDERERS = {"table": str}
NAMES = ["greeter"]
