"""The fallback stands in for another library's import, which may well succeed."""

from demo_api import BasePlugin

try:
    import json as slugs
except ImportError:
    from demo_api.utils import slugs


class Plugin(BasePlugin):
    def on_start(self) -> None:
        slugs.dumps("x")
