"""What the host passes."""

from reghost import Registry


def registry() -> Registry:
    return Registry()
