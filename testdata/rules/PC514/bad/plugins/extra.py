"""Registers fine (no hookspec to check against); the host's call omits `verbose`."""

from demo_host import hookimpl


@hookimpl(optionalhook=True)
def demo_extra(config, verbose):  # expect: PC514
    return None
