"""check() reads the module's __SUFFIX inside the class, where Python looks up
_Spelling__SUFFIX, which nothing binds: NameError on every call."""

import toolhost

__SUFFIX = "!"


class Spelling(toolhost.Plugin):
    def check(self, text: str) -> list[str]:
        return [text.upper() + __SUFFIX]  # expect: PC562


def plugin(version):
    return Spelling
