"""The None fallbacks are guarded, or the import succeeds in the target."""

import functools
from collections.abc import Mapping

from plugapi import Plugin

try:
    import yamlsettings as yaml
except ImportError:
    yaml = None

try:
    import tomllib
except ImportError:
    tomllib = None

try:
    from plugapi import Registry
except ImportError:
    Registry = None

LOADER = yaml.SafeLoader if yaml is not None else None
HAS_YAML = yaml and yaml.SafeLoader
PARSE = tomllib.loads
KIND = Registry.__name__


def load(text: str) -> object:
    return yaml.safe_load(text)


@functools.cache
def banner(greeting: str) -> str:
    return greeting.upper()


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

