"""The factory the package meant to fetch."""


class Fetched:
    def init(self, config) -> None:
        self.config = config

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Fetched:
    return Fetched()
