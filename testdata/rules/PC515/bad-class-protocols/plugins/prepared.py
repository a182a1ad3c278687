"""A metaclass whose __prepare__ forgets to return the namespace."""

from collections.abc import Mapping

from plugapi import Plugin


class _Meta(type):
    @classmethod
    def __prepare__(mcls, name: str, bases: tuple[type, ...], **kwargs: object) -> None:  # type: ignore[override]
        return None


class Worker(metaclass=_Meta):  # expect: PC515
    def init(self, config: Mapping[str, str]) -> None:
        self.items = list(config)

    def run(self) -> None:
        self.items.sort()

    def shutdown(self, timeout: float) -> None:
        self.items = []


def new() -> Plugin:
    return Worker()
