"""Stand-ins for what the host passes its extensions."""

from __future__ import annotations

from mdapi import Markdown


def markdown() -> Markdown:
    return Markdown()
