"""Logs its own construction in its own __init__; the host's base stays as it is."""

from __future__ import annotations

from collections.abc import Mapping

import hostbase

_created: list[str] = []


class Plugin(hostbase.Base):
    def __init__(self, options: Mapping[str, str]) -> None:
        super().__init__(options)
        _created.append(type(self).__name__)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
