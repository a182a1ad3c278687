import sys

class Greeter:
    def init(self, config) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


_this = sys.modules[__name__]
vars(_this)["new"] = Greeter
