"""A submodule the package's __all__ lists."""

TICK = 1.0
