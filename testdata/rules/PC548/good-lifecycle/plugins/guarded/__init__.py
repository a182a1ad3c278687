"""init() accepts a pytest-style config object too, but only reads attributes it has."""


class Settings:
    def __init__(self, values: dict[str, str]) -> None:
        self.greeting = values["greeting"]


class Greeter:
    def init(self, config) -> None:  # config: whatever the host passes
        if hasattr(config, "getini"):
            self.greeting = config.getini("greeting")
            return
        settings = Settings(config) if isinstance(config, dict) else config
        self.greeting = settings.greeting
        self.option = getattr(config, "option", None)

    def run(self) -> None:
        self.last = self.greeting

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Greeter:
    return Greeter()
