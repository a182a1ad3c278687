"""Registered with the host's ABC, no __init__ and no base: Plugin(options) raises TypeError
(Plugin() takes no arguments)."""

from hostbase import Base


@Base.register  # expect: PC561
class Plugin:
    def process(self, items):
        return list(items)
