"""YAML settings when yamlsettings is there; the loader is read at import all the same."""

from collections.abc import Mapping

from plugapi import Plugin

try:
    import yamlsettings as yaml
except ImportError:
    yaml = None

LOADER = yaml.SafeLoader  # expect: PC560


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()

