"""Returns what Registry.add_checker returns, which is nothing: the host gets None."""

from reghost import Checker


class Spelling(Checker):
    pass


def plugin(registry):  # expect: PC562
    return registry.add_checker(Spelling)
