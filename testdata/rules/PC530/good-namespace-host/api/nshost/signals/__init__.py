"""Signals plugins connect to."""


def connect(name: str) -> None:
    del name
