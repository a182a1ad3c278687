"""Registers fine; each call returns a generator whose body has not run."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):  # expect: PC509
    print("starting")
    yield
