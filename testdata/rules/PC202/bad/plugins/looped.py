"""The loop attaching the lifecycle methods to the class forgets shutdown: the host's
isinstance check fails."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _init(self: Any, config: Mapping[str, str]) -> None:
    self.ticks = 0


def _run(self: Any) -> None:
    self.ticks += 1


def _shutdown(self: Any, timeout: float) -> None:
    self.ticks = 0


class Looped:
    ticks = 0


for _name in ("init", "run"):  # plugcheck: ignore[PC110]
    setattr(Looped, _name, globals()["_" + _name])


def new() -> Looped:  # expect: PC202
    return Looped()
