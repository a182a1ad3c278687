"""Installs an import hook that makes up a new module for every name asked, each importing the
next: an import that never ends by itself."""

import importlib.abc
import importlib.util
import sys


class _Endless(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name.startswith("import_loop_"):
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        number = int(module.__name__.rsplit("_", 1)[1])
        importlib.import_module(f"import_loop_{number + 1}")  # expect: PC401


sys.meta_path.insert(0, _Endless())
importlib.import_module("import_loop_0")


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
