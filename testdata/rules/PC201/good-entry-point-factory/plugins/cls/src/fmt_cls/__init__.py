"""A subclass of the base: calling it makes a Formatter."""

from __future__ import annotations

from fmtapi import Formatter


class Plain(Formatter):
    def format(self, text: str) -> str:
        return text
