"""init() reads config["timeout"], which the contract's config lacks; the contract does not
say that config is all the host passes (no config-complete), so the user's real configuration
may hold the key: nothing is said statically (the harness, which passes the sample, would)."""


class Timeouts:
    def init(self, config) -> None:
        self.greeting = config["greeting"]
        self.timeout = float(config["timeout"])

    def run(self) -> None:
        self.last = self.greeting

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Timeouts:
    return Timeouts()
