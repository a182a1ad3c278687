"""Plugin is a function that makes the stage: the host's issubclass(Plugin, Stage) refuses it."""

from __future__ import annotations

from typing import Any

import khost


class Upper(khost.Stage):
    def process(self, items: Any) -> list[str]:
        return [item.upper() for item in items]


def Plugin(name: str, options: Any) -> Upper:  # expect: PC104
    return Upper(name, options)
