"""The host lacks the name the try body imports, so the fallback runs; it lacks that one too."""

from demo_api import BasePlugin

try:
    from demo_api import warning_filter
except ImportError:
    from demo_api.utils import warning_filter  # expect: PC530


class Plugin(BasePlugin):
    def on_start(self) -> None:
        warning_filter()
