"""new() returns a SimpleNamespace with every lifecycle member (the protocol is runtime-checkable)."""

from types import SimpleNamespace as Namespace


def new():  # plugcheck: ignore[PC207]
    return Namespace(init=lambda config: None, run=lambda: None, shutdown=lambda timeout: None)
