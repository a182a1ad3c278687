"""check() annotates an attribute with a name imported only for type checkers: Python never
evaluates a variable annotation inside a function, so every call runs (Markdown's smarty)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import toolhost

if TYPE_CHECKING:
    from collections import abc


class Annotated(toolhost.Plugin):
    def check(self, text: str) -> list[str]:
        self.words: abc.Sequence[str] = text.split()
        found: abc.Iterable[str] = self.words
        return list(found)


def plugin(version):
    return Annotated
