"""plugin() comes from a source string run at import, and reaches the package through two
star imports: its def takes only the registry, and the host calls plugin(registry, options),
which raises TypeError."""

from reghost import Checker


class Spelling(Checker):
    def check(self, text: str) -> list[str]:
        return [w for w in text.split() if len(w) > 10]


SOURCE = "def plugin(registry):\n    return Spelling\n"
exec(SOURCE)  # expect: PC561  # plugcheck: ignore[PC110]
