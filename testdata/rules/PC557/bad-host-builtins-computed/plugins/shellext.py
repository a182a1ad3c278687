"""A shell extension using the names the host put in builtins, at import."""

from __future__ import annotations

from builtins import aliases  # type: ignore[attr-defined]

from plugapi import Plugin

aliases["hi"] = "echo hi"


@events.on_start  # type: ignore[name-defined]  # noqa: F821  # expect: PC557
def greet() -> None:
    pass


def new() -> Plugin:
    raise NotImplementedError
