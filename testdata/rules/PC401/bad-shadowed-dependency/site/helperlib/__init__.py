"""helperlib 1.0."""


def parse(text: str) -> str:
    return text
