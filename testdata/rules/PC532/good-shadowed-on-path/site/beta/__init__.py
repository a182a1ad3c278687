"""beta 1.0, the release the environment has: it needs a host that is gone."""


def setup() -> None:
    raise RuntimeError("beta 1.0 needs demo 1")
