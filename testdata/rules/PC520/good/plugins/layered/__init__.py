"""The class derives from the host's base through the plugin's own intermediate class."""

from .common import Common as Plugin

__all__ = ["Plugin"]
