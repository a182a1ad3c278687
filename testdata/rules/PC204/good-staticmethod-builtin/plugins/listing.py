"""process = staticmethod(list): the host's process(items) is list(items), which works; mypy
types staticmethod(list) from list's first overload, list(), which takes no argument."""

from hostbase import Base


class Plugin(Base):
    process = staticmethod(list)
