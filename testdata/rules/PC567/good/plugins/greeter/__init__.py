"""The package module imports the hookimpls, so registering it registers them."""

from .hooks import demo_startup

__all__ = ["demo_startup"]
