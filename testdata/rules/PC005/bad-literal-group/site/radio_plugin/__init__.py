"""A plugin the host never sees: its entry point is under a misspelled group."""


def new() -> object:
    return object()
