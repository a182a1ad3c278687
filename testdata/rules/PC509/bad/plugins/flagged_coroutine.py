"""types.coroutine hands back the generator function it decorates (flagged as an iterable
coroutine): each call still returns a generator whose body has not run."""

import types

from demo_host import hookimpl


@hookimpl
@types.coroutine
def demo_configure(config):  # expect: PC509
    print("configured")
    yield
