"""Prefix mode: hook names listed by the module's __dir__ and served by its __getattr__."""


def _startup(config):  # expect: PC522
    return None


_HOOKS = {"demo_startup": _startup}


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    return _HOOKS[name]


def __dir__():
    return sorted([*globals(), *_HOOKS])
