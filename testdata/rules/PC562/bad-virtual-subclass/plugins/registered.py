"""Plugin is registered with the host's ABC, so issubclass(Plugin, Base) holds, but a virtual
subclass inherits nothing: it has no process(), and the host's call raises AttributeError."""

from hostbase import Base


@Base.register
class Plugin:  # expect: PC562
    def __init__(self, options):
        self.options = options

    def lint(self, items):
        return list(items)
