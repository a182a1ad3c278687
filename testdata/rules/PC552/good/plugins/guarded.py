"""init() reads config["timeout"] only when it is there."""


class Guarded:
    def init(self, config) -> None:
        self.timeout = 5.0
        if "timeout" in config:
            self.timeout = float(config["timeout"])

    def run(self) -> None:
        self.last = self.timeout

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Guarded:
    return Guarded()
