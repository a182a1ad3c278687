"""new() returns a SimpleNamespace whose run is None."""

import types


def new():  # plugcheck: ignore[PC207]
    return types.SimpleNamespace(  # expect: PC203
        init=lambda config: None, run=None, shutdown=lambda timeout: None
    )
