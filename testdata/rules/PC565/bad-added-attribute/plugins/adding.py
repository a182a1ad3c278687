"""Keeps a registry on the host's base class and a member on its Protocol, when they lack them."""

from __future__ import annotations

from collections.abc import Mapping

import hostbase
from hostbase import Named

if not hasattr(hostbase.Base, "_registry"):
    hostbase.Base._registry = {}  # expect: PC565

if not hasattr(Named, "version"):
    Named.version = "1"  # expect: PC565


class Plugin(hostbase.Base):
    def __init__(self, options: Mapping[str, str]) -> None:
        super().__init__(options)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
