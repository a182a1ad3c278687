"""The factory is a class re-exported under the export's name."""

from .impl import Greeter as new
from .impl import build as make
from .impl import instance as plugin

__all__ = ["make", "new", "plugin"]
