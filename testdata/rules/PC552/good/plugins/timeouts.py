"""init() reads the keys the host passes, and the one it may not with a default."""


class Timeouts:
    def init(self, config) -> None:
        self.greeting = config["greeting"]
        self.host = config["db"]["host"]
        self.timeout = float(config.get("timeout", 5.0))

    def run(self) -> None:
        self.last = self.greeting

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Timeouts:
    return Timeouts()
