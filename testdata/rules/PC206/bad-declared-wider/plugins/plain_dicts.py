"""questions() is declared with plain dicts, the host's with TypedDicts: a dict either way."""

from __future__ import annotations

from typing import Any

from plugapi import Asker


class Plain:
    def questions(self) -> list[dict[str, Any]]:  # expect: PC206
        return [{"type": "input", "name": "subject"}]


def new() -> Asker:
    return Plain()
