"""A plugin re-exporting an old register hook."""

from .hooks import register_v1

__all__ = ["register_v1"]
