"""A vendored helper."""


def dedent(text: str) -> str:
    return text
