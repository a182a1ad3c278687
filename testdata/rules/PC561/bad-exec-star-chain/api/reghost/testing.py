"""What the host passes its plugins' entry functions."""

from reghost import Registry


def registry():
    return Registry()


def options():
    return {"level": "1"}


def text():
    return "some text"
