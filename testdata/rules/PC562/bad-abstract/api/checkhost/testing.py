"""Stand-ins for what the linter passes: a registry and the plugin's options."""


def registry() -> list[object]:
    return []


def options() -> dict[str, str]:
    return {"level": "1"}
