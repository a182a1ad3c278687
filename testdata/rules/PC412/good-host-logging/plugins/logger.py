"""Logs instead of printing, and calls a host function that warns: the host prints both on its
own console (stdout), which is the host's output, not the plugin's."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import hostlog
from plugapi import ConfigError, Plugin


class Logger:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        logging.getLogger(__name__).info("%s, world", self.greeting)
        hostlog.old_api()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Logger()
