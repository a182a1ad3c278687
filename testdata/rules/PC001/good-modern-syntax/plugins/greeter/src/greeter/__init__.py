"""A plugin using match statements and exception groups."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def __init__(self, style: str | None = None) -> None:
        self.style = style

    def run(self) -> str:
        match self.style:
            case "loud":
                return "HELLO"
            case str(other):
                return f"hello ({other})"
            case None:
                return "hello"
        return "hello"

    def close(self) -> None:
        try:
            self.style = None
        except* ValueError as group:
            raise RuntimeError(f"{len(group.exceptions)} errors") from None


def new() -> Plugin:
    return Greeter()
