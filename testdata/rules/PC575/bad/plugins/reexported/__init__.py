"""The plugin's hookimpl is re-exported from a module of its own."""

from ._impl import demo_startup as demo_startup
