"""A tiny API: plugins export ``new() -> Plugin``."""

from collections.abc import Callable


class Plugin:
    def run(self) -> None: ...


Factory = Callable[[], Plugin]
