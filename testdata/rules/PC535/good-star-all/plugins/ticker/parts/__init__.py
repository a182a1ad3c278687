"""A package whose __all__ lists its submodule: the star import imports it."""

__all__ = ["clock"]
