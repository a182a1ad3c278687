"""Forgets the base class."""


class Plugin:  # expect: PC520
    def on_start(self) -> None:
        pass
