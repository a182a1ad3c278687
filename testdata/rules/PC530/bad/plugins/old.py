"""Written against version 1 of the host."""

import demo_api.utils
from demo_api import BasePlugin
from demo_api.utils import warning_filter  # expect: PC530

LEGACY = demo_api.utils.old_helper  # expect: PC530


class Plugin(BasePlugin):
    def on_start(self) -> None:
        from demo_api.compat import shim  # expect: PC530

        shim(warning_filter, LEGACY)
