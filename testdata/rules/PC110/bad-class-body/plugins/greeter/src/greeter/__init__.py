"""A plugin whose class loads its template when the module is imported."""

from __future__ import annotations

import logging
from pathlib import Path

from plugapi import Plugin

log = logging.getLogger(__name__)


class Greeter:
    TEMPLATE = Path(__file__).with_name("template.txt").read_text()  # expect: PC110
    log.info("Greeter template loaded")  # expect: PC110

    def run(self) -> str:
        return self.TEMPLATE.format(greeting="hello")


def new() -> Plugin:
    return Greeter()
