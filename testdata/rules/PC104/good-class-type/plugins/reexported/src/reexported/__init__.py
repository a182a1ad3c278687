"""The plugin class, re-exported under the export's name."""

from .impl import Greeter as plugin_class

__all__ = ["plugin_class"]
