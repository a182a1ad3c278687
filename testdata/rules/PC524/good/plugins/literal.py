"""Prefix mode: __dir__ returns a list source can read; every name it lists is a def."""


def demo_startup(config):
    return None


def __dir__():
    return ["demo_startup", "__name__"]
