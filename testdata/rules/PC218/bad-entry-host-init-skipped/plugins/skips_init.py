"""The returned class's __init__ never calls toolhost.Plugin's: check() reads self.options,
which only that __init__ sets."""

import toolhost


class Spelling(toolhost.Plugin):
    def __init__(self, options: toolhost.Options) -> None:
        self.seen = 0

    def check(self, text: str) -> list[str]:
        return text.split() if self.options.strict else []  # expect: PC218


def plugin(version):
    return Spelling
