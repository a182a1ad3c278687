"""Stand-ins for what the tool passes: its registry and the plugin's options."""

from covhost import Registry


def registry() -> Registry:
    return Registry()


def options() -> dict[str, str]:
    return {"root": "."}
