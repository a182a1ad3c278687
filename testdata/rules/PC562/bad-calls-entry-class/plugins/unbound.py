"""check() reads a name bound nowhere (a misspelled helper): NameError on every call."""

import toolhost


def _words(text: str) -> list[str]:
    return text.split()


class Spelling(toolhost.Plugin):
    def check(self, text: str) -> list[str]:
        return _word(text)  # expect: PC562


def plugin(version):
    return Spelling
