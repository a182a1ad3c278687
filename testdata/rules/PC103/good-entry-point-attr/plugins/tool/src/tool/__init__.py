"""A library whose command-line entry point is private."""

from __future__ import annotations

__all__ = ["shout"]


def shout(text: str) -> str:
    return text.upper()


def _main() -> None:
    shout("hello")
