"""questions() is declared to return any iterable of mappings, as the host's older release
declared it: the list it returns is what the host walks."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from plugapi import Asker


class Older:
    def questions(self) -> Iterable[MutableMapping[str, Any]]:  # expect: PC206
        return [{"type": "list", "name": "kind", "choices": ["fix", "feat"]}]


def new() -> Asker:
    return Older()
