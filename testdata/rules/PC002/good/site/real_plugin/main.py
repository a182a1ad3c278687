"""A plugin installed as a distribution."""


def new() -> object:
    return object()
