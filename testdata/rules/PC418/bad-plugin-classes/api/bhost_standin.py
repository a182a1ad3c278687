"""A stand-in for what the host passes each plugin class: its library, which needs a path."""


def library() -> object:
    raise RuntimeError("the library needs a database path")
