"""__mro_entries__ returning a tuple, and a metaclass __prepare__ returning a dict."""

from collections.abc import Mapping

from plugapi import Plugin


class _Described:
    def describe(self) -> str:
        return "worker"


class _Spec:
    def __mro_entries__(self, bases: tuple[object, ...]) -> tuple[type, ...]:
        return (_Described,)


class _Meta(type):
    @classmethod
    def __prepare__(mcls, name: str, bases: tuple[type, ...], **kwargs: object) -> dict[str, object]:
        return {"kind": "worker"}


class Worker(_Spec(), metaclass=_Meta):  # type: ignore[misc]
    def init(self, config: Mapping[str, str]) -> None:
        self.label = self.describe() + str(len(config))

    def run(self) -> None:
        self.label = self.label.upper()

    def shutdown(self, timeout: float) -> None:
        self.label = ""


def new() -> Plugin:
    return Worker()
