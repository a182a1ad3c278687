"""A plugin that prints when imported rather than run."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


if __name__ == "__main__":
    print(new().run())
else:
    print("greeter imported")  # expect: PC110
