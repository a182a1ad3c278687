"""Signals plugins connect to."""

CONNECTED: list[str] = []


def connect(name: str) -> None:
    CONNECTED.append(name)
