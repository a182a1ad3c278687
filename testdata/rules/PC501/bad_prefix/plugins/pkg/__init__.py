"""Prefix mode: unmarked `demo_*` functions are hookimpls, including re-exported ones."""

from pkg.impl import demo_shutdown as demo_shutdown


def demo_startup(config):
    return None


def _stop(config):  # expect: PC501
    return None


demo_stop = _stop  # the host sees _stop under this name
