"""The base class sets self.__strict, which Python stores as _Base__strict; check() in the
subclass reads _Spelling__strict, which nothing sets: AttributeError on every call."""

import toolhost


class _Base(toolhost.Plugin):
    def __init__(self, options: toolhost.Options) -> None:
        super().__init__(options)
        self.__strict = options.strict


class Spelling(_Base):
    def check(self, text: str) -> list[str]:
        return text.split() if self.__strict else []  # expect: PC218


def plugin(version):
    return Spelling
