"""A module function named with two underscores, read in a class body: Python looks up
_Shouter__shout there."""

from collections.abc import Mapping

from plugapi import Plugin


def __shout(text: str) -> str:
    return text.upper() + "!"


class Shouter:
    loud = staticmethod(__shout)  # expect: PC557

    def init(self, config: Mapping[str, str]) -> None:
        self.text = config.get("greeting", "")

    def run(self) -> None:
        self.text = self.loud(self.text)

    def shutdown(self, timeout: float) -> None:
        self.text = ""


def new() -> Plugin:
    return Shouter()
