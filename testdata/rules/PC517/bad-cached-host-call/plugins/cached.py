"""functools.cache hashes process()'s arguments, and the host passes a list. (mypy's PC204 on
the same line says only that the wrapper's type is not the host's method.)"""

import functools

from hostbase import Base


class Plugin(Base):
    @functools.cache
    def process(self, items):  # plugcheck: ignore[PC204]  # expect: PC517
        return [item.upper() for item in items]
