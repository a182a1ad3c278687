"""The host's session state."""

_running = None


class Shell:
    def __init__(self):
        self.history = []


def start():
    global _running
    _running = Shell()
    return _running


def current():
    if _running is not None:
        return _running
