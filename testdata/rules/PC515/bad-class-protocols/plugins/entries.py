"""A base object whose __mro_entries__ hands back the class itself, not a tuple of bases."""

from collections.abc import Mapping

from plugapi import Plugin


class _Described:
    def describe(self) -> str:
        return "worker"


class _Spec:
    def __mro_entries__(self, bases: tuple[object, ...]) -> object:
        return _Described


class Worker(_Spec()):  # type: ignore[misc]  # expect: PC515
    def init(self, config: Mapping[str, str]) -> None:
        self.label = str(config)

    def run(self) -> None:
        self.label = self.label.strip()

    def shutdown(self, timeout: float) -> None:
        self.label = ""


def new() -> Plugin:
    return Worker()
