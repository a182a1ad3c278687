"""Names the host's __getattr__ still answers (with a warning), and its own bindings."""

from demo_api import BasePlugin, OldBase, __version__, old_helper


class Plugin(BasePlugin):
    def on_start(self) -> None:
        old_helper()
        print(__version__, OldBase)
