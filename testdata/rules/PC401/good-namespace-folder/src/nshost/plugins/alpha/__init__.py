"""Reaches the host package with a relative import, as plugins of this host do."""

from ... import signals


def setup() -> None:
    signals.connect("alpha")
