# -*- coding: latin-1 -*-
"""A plugin saved as UTF-8 under a latin-1 cookie."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "héllo"


def new() -> Plugin:
    return Greeter()
