"""Stand-ins for the host's arguments."""


def options() -> dict[str, str]:
    return {"name": "demo"}


def items() -> list[str]:
    return ["a", "b"]
