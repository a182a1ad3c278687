"""alpha 1.0."""


def setup() -> None:
    return None
