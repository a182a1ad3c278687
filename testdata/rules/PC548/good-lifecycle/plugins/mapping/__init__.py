"""init() reads the config the host passes as the mapping it is."""


class Greeter:
    def init(self, config) -> None:  # config: whatever the host passes
        self.greeting = config.get("greeting", "hi")
        self.keys = sorted(config.keys())

    def run(self) -> None:
        self.last = self.greeting

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Greeter:
    return Greeter()
