"""greeting is a property without a setter, and ``started`` one without a deleter: a property
is a data descriptor, so the assignment and the ``del`` reach it, not the instance's __dict__."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class ReadOnly:
    def __init__(self) -> None:
        self._greeting = ""
        self._started = False

    @property
    def greeting(self) -> str:
        return self._greeting

    @property
    def started(self) -> bool:
        return self._started

    @started.setter
    def started(self, value: bool) -> None:
        self._started = value

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")  # expect: PC216

    def run(self) -> None:
        self.started = True

    def shutdown(self, timeout: float) -> None:
        del self.started  # expect: PC216


def new() -> Plugin:
    return ReadOnly()
