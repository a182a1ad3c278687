"""A lazy module object that imports each name's module when the name is first read."""

import importlib
import sys
import types


class _Lazy(types.ModuleType):
    def __getattr__(self, name):
        for module, names in self._origins.items():
            if name in names:
                return getattr(importlib.import_module(module), name)
        raise AttributeError(name)


def _make(old, origins):
    module = sys.modules[old.__name__] = _Lazy(old.__name__)
    module._origins = origins
    module.__path__ = old.__path__
    module.__spec__ = old.__spec__
    return module


def install(name, origins):
    return _make(sys.modules[name], origins)
