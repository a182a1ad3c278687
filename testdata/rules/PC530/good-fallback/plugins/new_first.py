"""The try body's name is there: the fallback to the removed name never runs."""

from demo_api import BasePlugin

try:
    from demo_api.utils import slugify
except ImportError:
    from demo_api.compat import slugify


class Plugin(BasePlugin):
    def on_start(self) -> None:
        slugify("x")
