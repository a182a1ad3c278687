"""process() declares `items: str` where the host passes a list of strings, and only iterates
it: the declaration is wrong, mypy says the override does not fit, but the body works on the
list. The harness's real process() call with the declared stand-in worked: the static error is
withdrawn to a note."""

from __future__ import annotations

from collections.abc import Iterable

from hostbase import Base


class Plugin(Base):
    def process(self, items: str) -> Iterable[str]:
        return [item.upper() for item in items]
