"""functools.cache hashes process()'s arguments, and the host passes a list. (mypy's PC204 about
the wrapper's parameters steps aside for the PC517.)"""

import functools

from hostbase import Base


class Plugin(Base):
    @functools.cache
    def process(self, items):  # expect: PC517
        return [item.upper() for item in items]
