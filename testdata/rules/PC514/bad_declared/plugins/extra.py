"""The contract says the host calls demo_extra(config=...): `verbose` is never passed."""

from demo_host import hookimpl


def demo_extra(config, verbose):  # expect: PC514
    return None


demo_extra = hookimpl(demo_extra)
