"""A shell-like host: its session fills ``SESSION.env`` and puts ``session`` in builtins when
it starts, before it imports its plugins."""

from __future__ import annotations

import builtins


class Session:
    def __init__(self) -> None:
        self.env: dict[str, str] | None = None

    def start(self) -> None:
        self.env = {"GREETING": "hello"}
        builtins.session = self  # type: ignore[attr-defined]


SESSION = Session()
