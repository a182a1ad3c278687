"""init() reads config["db"]["port"]: the db table the host passes has only a host."""


class Nested:
    def init(self, config) -> None:
        self.address = (config["db"]["host"], config["db"]["port"])  # expect: PC552

    def run(self) -> None:
        self.last = self.address

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Nested:
    return Nested()
