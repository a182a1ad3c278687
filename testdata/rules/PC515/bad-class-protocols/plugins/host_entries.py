"""__mro_entries__ hands back the host's class itself, not a tuple of bases."""

from collections.abc import Mapping

from plugapi import Plugin, Registry


class _HostBase:
    def __mro_entries__(self, bases: tuple[object, ...]) -> object:
        return Registry


class Worker(_HostBase()):  # type: ignore[misc]  # expect: PC515
    def init(self, config: Mapping[str, str]) -> None:
        self.names = sorted(config)

    def run(self) -> None:
        self.names.reverse()

    def shutdown(self, timeout: float) -> None:
        self.names = []


def new() -> Plugin:
    return Worker()
