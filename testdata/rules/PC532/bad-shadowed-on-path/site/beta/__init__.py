"""beta 1.0, the release the environment has."""


def setup() -> None:
    return None
