"""A plugin re-exporting a name its submodule does not define."""

from .impl import new  # expect: PC101

__all__ = ["new"]
