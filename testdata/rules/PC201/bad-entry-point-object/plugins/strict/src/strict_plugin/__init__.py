"""A plugin that requires a third argument the host never passes: TypeError on every schema."""

from __future__ import annotations

from typing import Any


class StrictPlugin:
    def new_validator(self, schema: dict[str, Any], name: str, mode: str) -> tuple[None, None]:
        return None, None


plugin = StrictPlugin()  # expect: PC201
