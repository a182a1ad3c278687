"""The plugin's own protocol, instantiated by mistake."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from plugapi import Plugin


class Lifecycle(Protocol):  # expect: PC210
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


def new() -> Plugin:
    return Lifecycle()  # type: ignore[misc]
