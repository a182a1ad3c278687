# -*- coding: ascii -*-  # expect: PC001
"""A plugin whose coding cookie does not match its bytes."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "héllo"


def new() -> Plugin:
    return Greeter()
