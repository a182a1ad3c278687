from __future__ import annotations

from plugapi import Factory, Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def factory() -> Factory:
    return Greeter


build: Factory = lambda: Greeter()  # noqa: E731
instance: Plugin = factory()()
