"""An __all__ built by code: not judged."""

__all__ = [name for name in ("Extra",)]

Extra = object
