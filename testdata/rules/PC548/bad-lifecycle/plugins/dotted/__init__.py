"""init() reads a key of the config as an attribute: a dict has keys, not attributes."""

import logging

log = logging.getLogger(__name__)


class Greeter:
    def init(self, config) -> None:  # config: whatever the host passes
        log.debug("configured")
        self.greeting = config.greeting.upper()  # expect: PC548

    def run(self) -> None:
        self.last = self.greeting

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Greeter:
    return Greeter()
