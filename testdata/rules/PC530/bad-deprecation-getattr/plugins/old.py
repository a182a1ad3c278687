"""Written against version 1 of the host: a name its __getattr__ no longer answers."""

from demo_api import BasePlugin, _request_stack  # expect: PC530


class Plugin(BasePlugin):
    def on_start(self) -> None:
        _request_stack.push(self)
