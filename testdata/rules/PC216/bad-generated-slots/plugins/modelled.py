"""A decorator of the plugin's own returns dataclasses.dataclass(cls, slots=True): run() sets
an attribute that is no field, which the slotted instance has no room for."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


def _model(cls: Any) -> Any:
    return dataclasses.dataclass(cls, slots=True)


@_model
class Modelled:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)  # expect: PC216

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Modelled()  # type: ignore[no-any-return]
