"""A handler with no on_enter, which the host's Handler declares: the host reads it only where
it has one (vapi/validating.py), so the plugin's pair works though it is no pair of Handlers."""

from __future__ import annotations

from typing import Any


class Quiet:
    def on_exit(self, data: object) -> None:
        print(data)


class QuietPlugin:
    def new_validator(self, schema: dict[str, Any], name: str) -> tuple[Quiet, None]:
        return Quiet(), None


plugin = QuietPlugin()
