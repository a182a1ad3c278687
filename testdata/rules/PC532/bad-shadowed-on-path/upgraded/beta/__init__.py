"""beta 2.0, installed on PYTHONPATH: it needs a host that does not exist yet."""


def setup() -> None:
    raise RuntimeError("beta 2.0 needs demo 3")  # expect: PC532
