"""The old distribution name, kept for compatibility: the plugin is the new module."""

import twice as plugin

__all__ = ["plugin"]
