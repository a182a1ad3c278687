"""Needs a client library whose native part is missing next to the host."""

from __future__ import annotations

from collections.abc import Mapping

import weather_client_sdk  # expect: PC401

from plugapi import ConfigError, Plugin


class Weather:
    def __init__(self) -> None:
        self.city = ""

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        self.city = config["greeting"]

    def run(self) -> None:
        weather_client_sdk.fetch(self.city)

    def shutdown(self, timeout: float) -> None:
        self.city = ""


def new() -> Plugin:
    return Weather()
