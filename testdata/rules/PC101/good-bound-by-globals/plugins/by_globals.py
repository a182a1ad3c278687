"""The factory is bound by name through globals(), as generated registries do."""


class Greeter:
    def init(self, config) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


globals()["new"] = Greeter
