"""setattr on its own module, under the wrong name."""  # expect: PC101

import sys

class Greeter:
    def init(self, config) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


setattr(sys.modules[__name__], "make", Greeter)
