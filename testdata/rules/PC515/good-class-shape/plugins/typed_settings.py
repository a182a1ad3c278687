"""TypedDict classes extend TypedDict classes, and may be generic."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypedDict, TypeVar

from plugapi import Plugin

T = TypeVar("T")


class _Settings(TypedDict):
    greeting: str


class _Loud(_Settings, total=False):
    loud: bool


class _Boxed(TypedDict, Generic[T]):
    value: T


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.settings = _Loud(greeting=str(config.get("greeting", "")))
        self.box: _Boxed[int] = _Boxed(value=1)

    def run(self) -> None:
        _ = (self.settings["greeting"], self.box["value"])

    def shutdown(self, timeout: float) -> None:
        self.settings = _Loud(greeting="")


def new() -> Plugin:
    return Worker()
