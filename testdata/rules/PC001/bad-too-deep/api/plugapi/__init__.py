"""The smallest host API: a plugin module exports a factory."""

from collections.abc import Callable

Factory = Callable[[], object]
