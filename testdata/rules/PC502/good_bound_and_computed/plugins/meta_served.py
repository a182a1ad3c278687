"""The hookimpl is served by the class's metaclass __getattr__ (a lookup on the class the class
lacks): register() finds it as demo_startup, and it takes what the hook passes."""

from demo_host import hookimpl


@hookimpl
def _startup(config):
    return None


class _Lookup(type):
    def __getattr__(cls, name):
        if name == "startup":
            return _startup
        raise AttributeError(name)


class _Hooks(metaclass=_Lookup):
    pass


demo_startup = _Hooks.startup
