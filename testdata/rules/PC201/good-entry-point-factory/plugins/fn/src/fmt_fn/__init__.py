"""A factory function: the host calls it with the app and gets a Formatter."""

from __future__ import annotations

from fmtapi import Formatter


class _Upper(Formatter):
    def format(self, text: str) -> str:
        return text.upper()


def make(app: object) -> Formatter:
    return _Upper(app)
