"""Prefix mode: __getattr__ imports a hook lazily, but __dir__ does not list it (dir() is the
namespace): the manager never asks for it, and the real hookimpl is a def."""


def demo_configure(config):
    return None


def __getattr__(name):
    if name == "demo_startup":
        from ._impl import demo_startup

        return demo_startup
    raise AttributeError(name)
