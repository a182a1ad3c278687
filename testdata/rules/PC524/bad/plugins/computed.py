"""Prefix mode: __dir__ computes the names register() walks."""


def _startup(config):
    return None


def __getattr__(name):
    return globals()["_" + name.removeprefix("demo_")]


def __dir__():
    return [*globals(), *("demo_" + n.lstrip("_") for n in ("_startup",))]  # expect: PC524
