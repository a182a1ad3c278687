"""plugin() comes from a source string run at import and takes only the registry, but the
package's later star import replaces it with one that takes what the host passes."""

from reghost import Checker


class Spelling(Checker):
    def check(self, text: str) -> list[str]:
        return [w for w in text.split() if len(w) > 10]


SOURCE = "def plugin(registry):\n    return Spelling\n"
exec(SOURCE)  # plugcheck: ignore[PC110]
