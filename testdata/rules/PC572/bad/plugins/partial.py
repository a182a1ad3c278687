"""One function serves two hooks through functools.partial: pluggy binds functions and
methods only, so the marked partial is never registered and demo_startup never runs."""

import functools

from demo_host import hookimpl


def _greet(greeting, config):
    return greeting


demo_startup = hookimpl(functools.partial(_greet, "hello"))  # expect: PC572


@hookimpl
def demo_configure(config):
    return None
