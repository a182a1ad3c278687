"""Guards an optional module with `except ModuleNotFoundError`: a missing module is what that
handler catches."""

from demo_api import BasePlugin

try:
    from demo_api.extras import highlight
except ModuleNotFoundError:
    highlight = None


class Plugin(BasePlugin):
    def on_start(self) -> None:
        if highlight is not None:
            highlight("x")
