# -*- coding: latin-1 -*-
"""The implementation, saved as Latin-1 and saying so."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "héllo"


def new() -> Plugin:
    return Greeter()
