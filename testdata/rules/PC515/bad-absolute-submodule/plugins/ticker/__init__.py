"""The package imports its implementation by its absolute name: ``from ticker import impl``
runs ticker/impl.py, whose import always fails."""

from ticker import impl

new = impl.new

__all__ = ["new"]
