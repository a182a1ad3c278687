"""Made = types.new_class(...) whose body puts only init and run in the namespace."""

from types import new_class


def _init(self, config):
    return None


def _run(self):
    return None


Made = new_class("Made", (), {}, lambda ns: ns.update(init=_init, run=_run))  # expect: PC203


def new():  # plugcheck: ignore[PC207]
    return Made()
