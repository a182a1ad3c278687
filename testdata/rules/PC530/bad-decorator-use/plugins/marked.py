"""Its only use of the host's helpers is a decorator, above the line its function starts on."""

import demo_api.hooks
from demo_api import BasePlugin


@demo_api.hooks.old_marker(  # expect: PC530
    "start",
)
def on_event() -> None:
    """Runs when the plugin starts."""


class Plugin(BasePlugin):
    def on_start(self) -> None:
        on_event()
