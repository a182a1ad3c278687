"""Made = type(...) copies every lifecycle method from Ticker."""


class Ticker:
    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        return None

    def shutdown(self, timeout):
        return None


Made = type("Made", (), {k: getattr(Ticker, k) for k in ("init", "run", "shutdown")})


def new():  # plugcheck: ignore[PC207]
    return Made()
