"""Plugin is registered with the host's ABC and defines process() itself: the host's call works."""

from hostbase import Base


@Base.register
class Plugin:
    def __init__(self, options):
        self.options = options

    def process(self, items):
        return list(items)
