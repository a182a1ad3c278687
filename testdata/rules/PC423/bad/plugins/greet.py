"""A shell extension reading the host's session at import, as xontribs do."""

from __future__ import annotations

from plugapi import SESSION

GREETING = SESSION.env.get("GREETING", "hi")  # type: ignore[union-attr]  # expect: PC423


def new() -> str:
    return GREETING
