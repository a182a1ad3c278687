"""Registers the class, then returns it (or what the registry now holds)."""

from reghost import Checker


class Spelling(Checker):
    pass


def plugin(registry):
    registry.add_checker(Spelling)
    if registry.checkers:
        return registry.checkers[-1]
    return Spelling
