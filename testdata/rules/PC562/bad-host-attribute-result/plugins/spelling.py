"""plugin() adds its checker to the registry and returns registry.checkers, the host's list of
classes: the host wants the class itself, and issubclass() of a list fails."""

from reghost import Checker


class Spelling(Checker):
    def check(self, text: str) -> list[str]:
        return [w for w in text.split() if len(w) > 10]


def plugin(registry, options):  # expect: PC562
    registry.add_checker(Spelling)
    return registry.checkers
