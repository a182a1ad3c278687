"""_Base.__init_subclass__ sets process on each subclass. It runs inside type.__new__, before
ABCMeta reads which methods are still abstract, so Plugin is concrete."""

from __future__ import annotations

from typing import Any

from stagehost import Stage


def _upper(self: Stage, items: list[str]) -> list[str]:
    return [item.upper() for item in items]


class _Base(Stage):
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.process = _upper  # type: ignore[method-assign]


class Plugin(_Base):  # expect: PC213
    pass
