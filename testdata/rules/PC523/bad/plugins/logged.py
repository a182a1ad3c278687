"""A logging decorator without functools.wraps under the marker: pluggy passes nothing."""

from demo_host import hookimpl


def logged(fn):
    def inner(*args, **kwargs):
        print("calling", fn.__name__)
        return fn(*args, **kwargs)

    return inner


@hookimpl
@logged
def demo_startup(config):  # expect: PC523
    return config
