"""The host's formatter class: a plugin may hand back one (or a subclass) to format the report."""

from __future__ import annotations


class Formatter:
    def format(self, lines: list[str]) -> str:
        return "\n".join(lines)
