"""Broken: the factory returns a plain report object, not a plugin (Go: New() returns a struct)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def render(self) -> str:
        return "\n".join(self.lines)


def new() -> Report:  # expect: PC202
    return Report()


__all__ = ["new"]
