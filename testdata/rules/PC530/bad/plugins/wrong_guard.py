"""Guards a name the host no longer has with `except ModuleNotFoundError`: a missing name
raises ImportError, which that handler does not catch."""

from demo_api import BasePlugin

try:
    from demo_api.utils import warning_filter  # expect: PC530
except ModuleNotFoundError:
    warning_filter = None


class Plugin(BasePlugin):
    def on_start(self) -> None:
        if warning_filter is not None:
            warning_filter("x")
