"""A decorator that sets __wrapped__ itself: pluggy reads the parameters through it
(inspect.unwrap), as with functools.wraps, and passes config to the wrapper."""

from demo_host import hookimpl


def traced(fn):
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    inner.__wrapped__ = fn
    inner.__name__ = fn.__name__
    return inner


@hookimpl
@traced
def demo_startup(config):
    return config
