"""The shared function wrapped in a def: pluggy registers the def, and the partial it calls
carries no marker."""

import functools

from demo_host import hookimpl


def _greet(greeting, config):
    return greeting


_hello = functools.partial(_greet, "hello")


@hookimpl
def demo_startup(config):
    return _hello(config)
