"""The class the entry point names inherits the method from a base in another module."""

from __future__ import annotations

from .base import Base as _Base


class Extractors(_Base):
    pass
