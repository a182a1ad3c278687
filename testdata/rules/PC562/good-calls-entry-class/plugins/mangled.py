"""Private names as Python mangles them: the class's own __upper and __count (set in its
__init__), and the module's _SUFFIX (one underscore: not mangled)."""

import toolhost

_SUFFIX = "!"


class Spelling(toolhost.Plugin):
    def __init__(self, options: toolhost.Options) -> None:
        super().__init__(options)
        self.__count = 1

    def __upper(self, text: str) -> str:
        return text.upper() + _SUFFIX

    def check(self, text: str) -> list[str]:
        return [self.__upper(text)] * self.__count


def plugin(version):
    return Spelling
