"""Made = type(...) whose run is a function without self: as a method it gets the instance."""


def _init(self, config):
    return None


def _run():
    return None


def _stop(self, timeout):
    return None


Made = type("Made", (), {"init": _init, "run": _run, "shutdown": _stop})  # expect: PC204


def new():  # plugcheck: ignore[PC207]
    return Made()
