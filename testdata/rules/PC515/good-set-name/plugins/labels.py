"""A property may have two names; a cached_property is made once per name."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from plugapi import Plugin


def _title(self: Labeller) -> str:
    return self.greeting.title()


class Labeller:
    def __init__(self) -> None:
        self.greeting = ""

    @property
    def label(self) -> str:
        return self.greeting.title()

    title = label
    heading = cached_property(_title)
    caption = cached_property(_title)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.label, self.heading, self.caption)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Labeller()
