"""init() reads its setting the way a pytest plugin does, from a dict that has no getini."""


class Greeter:
    def init(self, config) -> None:  # config: whatever the host passes
        self.greeting = config.getini("greeting")  # expect: PC548

    def run(self) -> None:
        self.last = self.greeting

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Greeter:
    return Greeter()
