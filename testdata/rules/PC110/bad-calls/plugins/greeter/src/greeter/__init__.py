"""A plugin that announces itself and configures logging when imported."""

from __future__ import annotations

import logging

from plugapi import Plugin

logging.basicConfig(level=logging.DEBUG)  # expect: PC110
print("greeter plugin loaded")  # expect: PC110


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()
