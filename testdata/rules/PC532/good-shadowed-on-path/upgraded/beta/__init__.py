"""beta 2.0, installed on PYTHONPATH."""


def setup() -> None:
    return None
