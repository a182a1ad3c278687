"""The demo host's application object, as extensions see it in setup(app)."""

from collections.abc import Callable


class Events:
    names = ("builder-inited", "build-finished")


class App(Events):
    def __init__(self) -> None:
        self.config: dict[str, object] = {}
        self.listeners: dict[str, list[Callable[..., object]]] = {}

    def connect(self, event: str, callback: Callable[..., object]) -> None:
        if event not in self.names:
            raise ValueError(f"unknown event {event!r}")
        self.listeners.setdefault(event, []).append(callback)

    def add_js_file(self, name: str) -> None:
        self.config.setdefault("js", []).append(name)  # type: ignore[union-attr]
