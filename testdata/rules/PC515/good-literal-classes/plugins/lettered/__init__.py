"""A plugin whose package's __all__ is a string of one letter, naming its one submodule: the
star import of the package imports that submodule, and succeeds."""

__all__ = ("a")
VERSION = "1.0"

from .core import new  # noqa: E402
