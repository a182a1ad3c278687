"""A package plugin that sets its own modules' attributes."""

from __future__ import annotations

import hostbase

from . import settings
from own import settings as same

settings.VERBOSE = True
same.COMPACT = False


class Plugin(hostbase.Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
