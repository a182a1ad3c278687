"""A staticmethod object at module level is registered (pluggy unwraps it); a partial in a
dead branch never is bound."""

import functools
from typing import TYPE_CHECKING

from demo_host import hookimpl


def _startup(config, verbose=False):
    return config


if TYPE_CHECKING:
    demo_startup = hookimpl(functools.partial(_startup, verbose=True))
else:

    @hookimpl
    @staticmethod
    def demo_startup(config):
        return _startup(config)
