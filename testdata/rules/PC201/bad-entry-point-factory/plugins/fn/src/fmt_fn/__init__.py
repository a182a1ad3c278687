"""A factory function that returns the formatted text's function, not a Formatter."""

from __future__ import annotations


def make(app: object) -> str:  # expect: PC201
    return "upper"
