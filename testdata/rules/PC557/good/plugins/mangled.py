"""A private name bound and read in the same class body: both are _Whisperer__quiet."""

from collections.abc import Mapping

from plugapi import Plugin


def _lower(text: str) -> str:
    return text.lower()


class Whisperer:
    __quiet = staticmethod(_lower)
    soft = __quiet

    def init(self, config: Mapping[str, str]) -> None:
        self.text = config.get("greeting", "")

    def run(self) -> None:
        self.text = self.soft(self.text)

    def shutdown(self, timeout: float) -> None:
        self.text = ""


def new() -> Plugin:
    return Whisperer()
