"""Unverifiable statically: nothing is annotated, so mypy sees Any (the harness checks it later)."""

from showcase_api import ConfigError


class Echo:  # expect: PC207
    def __init__(self):
        self.text = ""

    def init(self, config):
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        self.text = config["greeting"]

    def run(self):
        return self.text

    def shutdown(self, timeout):
        self.text = ""


def new():
    return Echo()


__all__ = ["new"]
