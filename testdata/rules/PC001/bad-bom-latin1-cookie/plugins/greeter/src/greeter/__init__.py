# -*- coding: latin-1 -*-  # expect: PC001
"""A plugin whose coding cookie comes with a byte-order mark."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "héllo"


def new() -> Plugin:
    return Greeter()
