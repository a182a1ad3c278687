"""init() reads config["timeout"]: the host passes exactly lifecycle.config, which has none."""

from collections.abc import Mapping


class Timeouts:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config["greeting"]
        self.timeout = float(config["timeout"])  # expect: PC552

    def run(self) -> None:
        self.last = self.greeting

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Timeouts:
    return Timeouts()
