from functools import partial

from demo_host import hookimpl as mark


def _startup(config, verbose):
    return config


_bound = partial(_startup, verbose=False)
demo_startup = mark(_bound)  # expect: PC575
