"""The try body's name is gone, and the fallback finds the host's new one."""

from demo_api import BasePlugin

try:
    from demo_api.utils import warning_filter as slug
except ImportError:
    from demo_api.utils import slugify as slug


class Plugin(BasePlugin):
    def on_start(self) -> None:
        slug("x")
