"""plugin() adds its checker to the registry and returns the class, as the host wants."""

from reghost import Checker


class Spelling(Checker):
    def check(self, text: str) -> list[str]:
        return [w for w in text.split() if len(w) > 10]


def plugin(registry, options):
    registry.add_checker(Spelling)
    return registry.checkers[-1]
