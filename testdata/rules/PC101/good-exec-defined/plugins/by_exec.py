"""The factory is defined by exec() of a source string, in the module's own namespace."""


class Greeter:
    def init(self, config) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


SOURCE = "def new():\n    return Greeter()\n"
exec(SOURCE)
