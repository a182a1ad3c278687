"""@runtime_checkable on a class that is no Protocol: TypeError at import."""

from __future__ import annotations

import typing
from collections.abc import Mapping

from plugapi import Plugin


@typing.runtime_checkable  # expect: PC515
class Checked:
    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Checked()
