"""new() returns a SimpleNamespace whose run wants an item: the host's run() passes none."""

import types


def new():  # plugcheck: ignore[PC207]
    return types.SimpleNamespace(  # expect: PC204
        init=lambda config: None, run=lambda item: None, shutdown=lambda timeout: None
    )
