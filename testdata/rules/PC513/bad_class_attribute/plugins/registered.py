"""A class decorator of the plugin's own that records the class and returns it: the name still
holds the class, so its method is unbound."""

from demo_host import hookimpl

_CLASSES = []


def _recorded(cls):
    _CLASSES.append(cls)
    return cls


@_recorded
class _Impl:
    @hookimpl
    def demo_startup(self, config):  # expect: PC513
        return None


demo_startup = _Impl.demo_startup
