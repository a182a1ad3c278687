"""A plugin that only wires its factory up when run as a script."""  # expect: PC101

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def make() -> Plugin:
    return Greeter()


if __name__ == "__main__":
    new = make
    print(new().run())
