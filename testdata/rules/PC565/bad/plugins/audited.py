"""Logs every plugin's construction by replacing the host base's __init__ for everyone."""

from __future__ import annotations

from collections.abc import Mapping

import hostbase

_created: list[str] = []
_init = hostbase.Base.__init__


def _logged_init(self: hostbase.Base, options: Mapping[str, str]) -> None:
    _init(self, options)
    _created.append(type(self).__name__)


hostbase.Base.__init__ = _logged_init  # type: ignore[method-assign]  # expect: PC565


class Plugin(hostbase.Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
