"""The host's core API."""


def run(name: str) -> str:
    return name
